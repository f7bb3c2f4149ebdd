// The core every door calls (the CLI and library through lint(), the CDKTF guard, later ones):
// inventories in, findings and a report out. Rules are configured once, every suppression source
// (inline comments, the configuration file, the guard's acknowledgements, the baseline) goes through
// one Policy, and the gate is decided here, so no door can judge differently from another.
import { rules as allRules } from '../../rules';
import type { Finding } from '../engine/finding';
import type { Gate } from '../engine/gate';
import { compareFindings, summarize, type Report, type ReportInput } from '../engine/report';
import type { Rule } from '../engine/rule';
import { Scrubber } from '../engine/render';
import { runRules, type RuleRun } from '../engine/run-rules';
import type { FailOn, Severity } from '../engine/severity';
import type { Inventory } from '../model/inventory';
import { countOktaResources } from '../model/okta-resource-types';
import { judgeTogether } from '../okta/across-inputs';
import { buildView } from '../okta/build-view';
import type { OktaView } from '../okta/view';
import { TOOL_NAME, TOOL_VERSION } from '../package-info';
import { Policy, type Acknowledgement, type InlineAt } from '../policy/apply';
import type { Baseline } from '../policy/baseline';
import type { Config } from '../policy/config';
import { configureRules } from '../policy/configure-rules';

export interface JudgeSettings {
  /** The configuration file in force: rule settings, fail threshold, suppressions. */
  config?: Config;
  baseline?: Baseline;
  /** The current date, for suppression expiry; defaults to now. */
  now?: Date;
  /** The rules to run; all of them by default. */
  rules?: readonly Rule[];
  /** Per-rule severities over the configuration's (the CDKTF guard's options). */
  ruleOverrides?: Record<string, Severity | 'off'>;
  /** Keep undecidable verdicts even where the configuration turns them off: a strict gate fails on them. */
  keepUnknown?: boolean;
  /** Over the configuration's failOn; `error` when neither says. */
  failOn?: FailOn;
  failOnUnknown?: boolean;
  acknowledgements?: readonly Acknowledgement[];
}

export interface JudgedInput {
  /** How the input is named in findings and reports. */
  path: string;
  inventory: Inventory;
  /** The plan's or state's sources could not be read, so its findings have no locations (why). */
  sourcesUnread?: { sources: string; problem: string };
}

export interface Judged {
  inputs: ReportInput[];
  findings: Finding[];
  runs: Map<string, RuleRun[]>;
}

/** YYYY-MM-DD in local time: a suppression `until` a day lasts to the end of that day where the gate runs. */
export function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Inline suppressions of an input, by the address findings carry (scrubbed as theirs are). */
function inlineSuppressions(inventory: Inventory, scrubber: Scrubber): Map<string, InlineAt> {
  const out = new Map<string, InlineAt>();
  for (const r of inventory.resources) {
    if (!r.suppressions?.length) continue;
    out.set(scrubber.scrub(r.id), r.location ? { suppressions: r.suppressions, location: r.location } : { suppressions: r.suppressions });
  }
  return out;
}

export class Judge {
  readonly gate: Gate;
  private readonly rules: readonly Rule[];
  private readonly policy: Policy;

  constructor(settings: JudgeSettings = {}) {
    const { config } = settings;
    this.gate = { failOn: settings.failOn ?? config?.failOn ?? 'error', failOnUnknown: settings.failOnUnknown ?? false };
    this.rules = configureRules(
      settings.rules ?? allRules,
      { rules: { ...config?.rules, ...settings.ruleOverrides }, ...(config?.unknown ? { unknown: config.unknown } : {}) },
      settings.keepUnknown || this.gate.failOnUnknown,
    );
    this.policy = new Policy(localDate(settings.now ?? new Date()), config, settings.baseline, settings.acknowledgements ?? []);
  }

  /**
   * Judges inputs that describe one org together (apps matched across them by Okta id). Findings of
   * each input come sorted, with its policy findings; unused suppressions come from unused().
   */
  judge(inputs: readonly JudgedInput[]): Judged {
    const viewed: { input: JudgedInput; path: string; view: OktaView }[] = inputs.map((input) => ({ input, path: input.path, view: buildView(input.inventory) }));
    judgeTogether(viewed);
    // A finding may quote evidence of another input: every input's secrets are kept out of every message.
    const secrets = inputs.length > 1 ? new Set(inputs.flatMap((i) => [...i.inventory.secrets])) : undefined;
    const judged: Judged = { inputs: [], findings: [], runs: new Map() };
    for (const { input, path, view } of viewed) {
      judged.inputs.push({ path, kind: input.inventory.kind, resources: countOktaResources(input.inventory.resources) });
      const inputSecrets = secrets ?? input.inventory.secrets;
      const scrubber = new Scrubber(inputSecrets);
      const result = runRules(this.rules, { path, view, secrets: inputSecrets, scrubber });
      const notes = input.sourcesUnread ? [this.policy.sourcesUnread(path, input.sourcesUnread.sources, input.sourcesUnread.problem)] : [];
      const findings = this.policy.apply(result.findings, path, inlineSuppressions(input.inventory, scrubber));
      for (const note of notes) findings.push(note);
      // Loops, not push(...findings): a spread of more than about 120,000 overflows the stack.
      for (const finding of findings.sort(compareFindings)) judged.findings.push(finding);
      judged.runs.set(path, result.runs);
    }
    return judged;
  }

  /** Configured suppressions and acknowledgements that matched nothing in what was judged so far. */
  unused(): Finding[] {
    return this.policy.unused();
  }

  /** The versioned report of what was judged, with the unused suppressions. */
  report(judged: Judged): Report {
    const findings = [...judged.findings, ...this.unused()];
    return { version: 1, tool: { name: TOOL_NAME, version: TOOL_VERSION }, inputs: judged.inputs, findings, summary: summarize(findings) };
  }
}
