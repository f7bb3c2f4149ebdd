// Runs every enabled rule over one Okta view and turns failures into findings.
import type { OktaView } from '../okta/view';
import { makeFinding, type Finding } from './finding';
import { remediationFor, render, Scrubber } from './render';
import type { Rule } from './rule';

/** How one rule fared on one input: counts per outcome, for reporters that list rules that held. */
export interface RuleRun {
  ruleId: string;
  pass: number;
  fail: number;
  unknown: number;
}

export interface RunInput {
  path: string;
  view: OktaView;
  secrets: ReadonlySet<string>;
  /** The scrubber for these secrets, when the caller keys other things by scrubbed addresses too. */
  scrubber?: Scrubber;
}

export function runRules(rules: readonly Rule[], input: RunInput): { findings: Finding[]; runs: RuleRun[] } {
  const findings: Finding[] = [];
  const runs: RuleRun[] = [];
  const scrubber = input.scrubber ?? new Scrubber(input.secrets);
  // Every text of a finding goes through here: an address carries a for_each key or index_key that
  // may be a secret, and the address feeds the fingerprint, the baseline and every report.
  const scrub = (text: string): string => scrubber.scrub(text);
  for (const rule of rules) {
    const run: RuleRun = { ruleId: rule.meta.id, pass: 0, fail: 0, unknown: 0 };
    runs.push(run);
    let outcomes: ReturnType<Rule['check']>;
    try {
      outcomes = rule.check(input.view);
    } catch (error) {
      // A rule that breaks must be seen, never read as a pass.
      run.fail++;
      findings.push(
        makeFinding({
          ruleId: rule.meta.id,
          rule: rule.meta.name,
          severity: 'error',
          messageId: 'crashed',
          message: scrub(`${rule.meta.id} failed while checking this input: ${error instanceof Error ? error.message : String(error)}`),
          input: input.path,
          address: '(input)',
          remediation: 'This is a bug in okta-push-guard; please report it with the input that triggers it.',
        }),
      );
      continue;
    }
    for (const outcome of outcomes) {
      run[outcome.status]++;
      if (outcome.status === 'pass' || outcome.messageId === undefined) continue;
      const unknown = outcome.status === 'unknown';
      const severity = unknown ? (rule.unknownSeverity ?? 'note') : rule.meta.severity;
      if (severity === 'off') continue;
      const template = rule.meta.messages[outcome.messageId];
      if (template === undefined) throw new Error(`${rule.meta.id} has no message "${outcome.messageId}"`);
      findings.push(
        makeFinding({
          ruleId: rule.meta.id,
          rule: rule.meta.name,
          severity,
          verdict: unknown ? 'unknown' : 'violation',
          messageId: outcome.messageId,
          message: scrub(render(template, outcome.data)),
          input: input.path,
          address: scrub(outcome.resource.id),
          app: outcome.app === undefined ? null : scrub(outcome.app),
          related: (outcome.related ?? []).map(scrub),
          ...(outcome.elsewhere ? { elsewhere: outcome.elsewhere.map((e) => ({ ...e, address: scrub(e.address) })) } : {}),
          location: outcome.resource.location ?? null,
          remediation: scrub(remediationFor(rule.meta.remediation, outcome.app)),
        }),
      );
    }
  }
  return { findings, runs };
}
