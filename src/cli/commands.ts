// The three commands: lint, rules and explain. Each returns an exit code; none exits the process.
import type { Assignment } from '../loaders/hcl/variables';
import { remediationFor } from '../engine/render';
import { resolve } from 'node:path';
import { findRule, rules } from '../../rules';
import type { Report } from '../engine/report';
import type { FailOn } from '../engine/severity';
import { lintRun, type LintOptions } from '../core/lint';
import { POLICY_RULE } from '../policy/policy-rule';
import { failsGate, type Gate } from '../engine/gate';
import type { LintRun } from '../engine/report';
import { appendFileSync } from 'node:fs';
import { ruleDocUri, TOOL_HOMEPAGE, TOOL_NAME, TOOL_VERSION } from '../package-info';
import { LoadError, oneLineBounded } from '../inputs/load-error';
import { recordReads, type ReadLog } from '../inputs/read-log';
import { namedInputs, outputFiles, outputOverInput } from './outputs';
import { failureOf, failureReporters, FORMATS, reporters, type Format, type LintFailure, type ReporterContext } from '../reporters';
import { useColor, writeAtomically, type Io } from './io';
import type { Rule } from '../engine/rule';

import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './exit-codes';

export { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK };

// Loaded by the runs that use them: rule documents, pre-commit paths, the baseline writer.
function readRuleDoc(rule: Rule): string {
  return (require('./rule-docs') as typeof import('./rule-docs')).readRuleDoc(rule);
}

export interface LintArgs {
  paths: string[];
  /** The paths are what pre-commit passes: lint folders (see preCommitPaths). */
  preCommit?: boolean;
  format: Format;
  output?: string;
  /** Further reports written from the same run: `FORMAT:FILE`. */
  reports?: string[];
  /** From --fail-on; the configuration's failOn, then `error`, when absent. */
  failOn?: FailOn;
  failOnUnknown?: boolean;
  color?: boolean;
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  /** --var and --var-file in command-line order. */
  assignments?: Assignment[];
  source?: string;
  /** Inputs judged with the paths' (the live org of `lint --org-url`). */
  alongside?: LintOptions['alongside'];
}

export function exitCodeFor(report: Report, gate: Gate): number {
  return report.findings.some((f) => failsGate(f, gate)) ? EXIT_FINDINGS : EXIT_OK;
}

/** Parses `--report FORMAT:FILE`; undefined when malformed. */
export function parseReportTarget(spec: string): { format: Format; file: string } | undefined {
  const at = spec.indexOf(':');
  const format = spec.slice(0, at) as Format;
  const file = spec.slice(at + 1);
  return at > 0 && file !== '' && (FORMATS as readonly string[]).includes(format) ? { format, file } : undefined;
}

function reporterContext(color: boolean, runs: LintRun['runs'], gate: Gate): ReporterContext {
  return {
    color,
    gate,
    rules: [...rules.map((r) => r.meta), POLICY_RULE],
    runs,
    ruleDoc: (meta) => {
      const rule = rules.find((r) => r.meta.id === meta.id);
      return rule ? readRuleDoc(rule) : `# ${meta.name} (${meta.id})\n\n${meta.description}.\n\n${meta.rationale}\n`;
    },
    ruleUri: (meta) => (meta.id === POLICY_RULE.id ? `${TOOL_HOMEPAGE}#suppressions` : ruleDocUri(meta.name)),
    informationUri: TOOL_HOMEPAGE,
  };
}

/** Writes a report; on failure says so on stderr and returns why, as a LoadError for the failure renderings. */
function writeReport(file: string, text: string, io: Io): LoadError | undefined {
  try {
    writeAtomically(resolve(io.cwd, file), text);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    const failed = new LoadError('unwritable', file, `cannot write the report (${code})`);
    io.stderr(`okta-push-guard: error: ${failed.message}\n`);
    return failed;
  }
}

function write(file: string, text: string, io: Io): boolean {
  return writeReport(file, text, io) === undefined;
}

/**
 * A run that judged nothing still renders every output it was asked for, each saying so: a report left
 * from an earlier run would otherwise be read by the next step as this run's verdict. Text on stdout is
 * the exception, the stderr line being that rendering. A baseline is not a report and is left alone.
 */
function writeFailure(failure: LintFailure, args: LintArgs, io: Io, unwritable?: string): void {
  const context = reporterContext(false, new Map(), { failOn: args.failOn ?? 'error', failOnUnknown: args.failOnUnknown ?? false });
  if (args.output !== undefined) {
    if (args.output !== unwritable) write(args.output, failureReporters[args.format](failure, context), io);
  } else if (args.format !== 'text') io.stdout(failureReporters[args.format](failure, context));
  // Targets were validated before linting; each is attempted even when another cannot be written.
  const targets = (args.reports ?? []).map(parseReportTarget);
  for (const target of targets) if (target && target.file !== unwritable) write(target.file, failureReporters[target.format](failure, context), io);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary && (args.format === 'github' || targets.some((t) => t?.format === 'github'))) {
    try {
      appendFileSync(summary, failureReporters.markdown(failure, context));
    } catch {
      io.stderr('okta-push-guard: warning: could not append to GITHUB_STEP_SUMMARY\n');
    }
  }
}

/**
 * Lints the paths, or judges what `produce` makes (the audit of a live org), then writes every output
 * asked for: the same formats, files, baseline and exit codes whatever was judged.
 */
export async function lintCommand(args: LintArgs, io: Io, produce?: () => Promise<LintRun>): Promise<number> {
  const targets = (args.reports ?? []).map((spec) => ({ spec, target: parseReportTarget(spec) }));
  const bad = targets.find((t) => !t.target);
  if (bad) {
    io.stderr(`okta-push-guard: error: --report ${bad.spec}: expected FORMAT:FILE with FORMAT one of ${FORMATS.join(', ')}\n`);
    return EXIT_ERROR;
  }
  // Refused before anything is written, the failure renderings included.
  const outputs = outputFiles(args, targets.map((t) => t.target!.file), io.env);
  const named = namedInputs(args, io.cwd);
  const overInput = (...logs: ReadLog[]): number | undefined => {
    const refused = outputOverInput(outputs, io.cwd, named, ...logs);
    if (refused === undefined) return undefined;
    io.stderr(`okta-push-guard: error: ${new LoadError('output-is-input', refused.output, refused.why).message}\n`);
    return EXIT_ERROR;
  };
  const early = overInput();
  if (early !== undefined) return early;
  const recording = recordReads();
  let run: LintRun;
  try {
    run = produce ? await produce() : await lintRun(args.preCommit ? (require('./pre-commit') as typeof import('./pre-commit')).preCommitPaths(args.paths, io.cwd) : args.paths, {
      cwd: io.cwd,
      env: io.env,
      ...(args.assignments ? { assignments: args.assignments } : {}),
      ...(args.source !== undefined ? { source: args.source } : {}),
      ...(args.config !== undefined ? { config: args.config } : {}),
      // A new baseline records every current finding, whatever an old one says.
      ...(args.writeBaseline !== undefined ? { baseline: false as const } : args.baseline !== undefined ? { baseline: args.baseline } : {}),
      ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
      ...(args.failOnUnknown ? { failOnUnknown: true } : {}),
      ...(io.readStdin ? { readStdin: io.readStdin } : {}),
      ...(args.alongside ? { alongside: args.alongside } : {}),
    });
  } catch (error) {
    recording.stop();
    const refused = overInput(recording.log);
    if (refused !== undefined) return refused;
    if (error instanceof LoadError) {
      io.stderr(`okta-push-guard: error: ${error.message}\n`);
    } else {
      // A bug must not look like findings (exit 1) or a pass: fail closed, in one line.
      io.stderr(`okta-push-guard: internal error: ${oneLineBounded(error instanceof Error ? error.message : String(error), 300)} (please report it)\n`);
      if (io.env.OKTA_PUSH_GUARD_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    }
    writeFailure(failureOf(error, { name: TOOL_NAME, version: TOOL_VERSION }), args, io);
    return EXIT_ERROR;
  }
  recording.stop();
  const refused = overInput(recording.log);
  if (refused !== undefined) return refused;
  const { report } = run;
  const { gate } = run;
  if (args.writeBaseline !== undefined) {
    if (!write(args.writeBaseline, (require('../policy/baseline') as typeof import('../policy/baseline')).baselineOf(report.findings, report.tool), io)) return EXIT_ERROR;
    const recorded = report.findings.filter((f) => !f.suppressed && f.ruleId !== 'OPG000').length;
    io.stdout(`Recorded ${recorded} finding${recorded === 1 ? '' : 's'} in the baseline ${args.writeBaseline}.\n`);
    return EXIT_OK;
  }
  const toFile = args.output !== undefined;
  const text = reporters[args.format](report, reporterContext(!toFile && useColor(args.color, io), run.runs, gate));
  // One lint, several renderings: text for the log, SARIF for code scanning, and so on. Files first:
  // if one cannot be written, none of the others may say the run passed.
  const files = [
    ...(toFile ? [{ file: args.output!, text }] : []),
    ...targets.map(({ target }) => ({ file: target!.file, text: reporters[target!.format](report, reporterContext(false, run.runs, gate)) })),
  ];
  for (const { file, text: rendered } of files) {
    const failed = writeReport(file, rendered, io);
    if (failed) {
      writeFailure(failureOf(failed, report.tool), args, io, file);
      return EXIT_ERROR;
    }
  }
  if (!toFile) io.stdout(text);
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary && (args.format === 'github' || targets.some((t) => t.target!.format === 'github'))) {
    try {
      appendFileSync(summary, reporters.markdown(report, reporterContext(false, run.runs, gate)));
    } catch {
      io.stderr('okta-push-guard: warning: could not append to GITHUB_STEP_SUMMARY\n');
    }
  }
  return exitCodeFor(report, gate);
}

export function rulesCommand(format: 'text' | 'json', io: Io): number {
  if (format === 'json') {
    const list = rules.map(({ meta }) => ({
      id: meta.id,
      name: meta.name,
      severity: meta.severity,
      description: meta.description,
    }));
    io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = rules.map(({ meta }) => [meta.id, meta.name, meta.severity, meta.description]);
  const header = ['ID', 'NAME', 'SEVERITY', 'DESCRIPTION'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('  ');
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return EXIT_OK;
}

export function explainCommand(id: string, io: Io): number {
  const rule = findRule(id);
  if (!rule && [POLICY_RULE.id.toLowerCase(), POLICY_RULE.name].includes(id.toLowerCase())) {
    const meta = POLICY_RULE;
    io.stdout(
      `${meta.id} ${meta.name} (errors for invalid suppressions, notes for unused ones)\n${meta.description}\n\nWhy: ${meta.rationale}\n\nHow to fix: ${meta.remediation}\n\nSee "Configuration, suppressions and baselines" in the README.\n`,
    );
    return EXIT_OK;
  }
  if (!rule) {
    io.stderr(`okta-push-guard: error: no rule "${id}"; run \`okta-push-guard rules\` for the list\n`);
    return EXIT_ERROR;
  }
  const { meta } = rule;
  const head = [
    `${meta.id} ${meta.name} (default severity: ${meta.severity})`,
    meta.description,
    '',
    `Why: ${meta.rationale}`,
    '',
    `How to fix: ${remediationFor(meta.remediation)}`,
    '',
  ];
  io.stdout(`${head.join('\n')}\n${readRuleDoc(rule)}`);
  return EXIT_OK;
}
