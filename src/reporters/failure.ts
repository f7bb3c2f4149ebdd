// What a run that judged nothing (exit 2) writes wherever a report was asked for. Every output must
// say that the run failed: a report left over from an earlier run, or an empty one, would be read by
// the next pipeline step as this run's verdict, and most often as a pass.
import type * as Sarif from 'sarif';
import { LoadError, type LoadErrorCode } from '../inputs/load-error';
import type { ReporterContext } from './context';
import { fingerprint } from '../engine/fingerprint';
import { escapeData, escapeProperty } from './github';
import { xml } from './junit';
import { ORIGINAL_URI_BASE_IDS, physical } from './sarif';

export interface FailureLocation {
  file: string;
  line?: number;
  column?: number;
}

export interface LintFailure {
  tool: { name: string; version: string };
  /** The LoadError's code, or `internal-error` for a bug. */
  code: LoadErrorCode | 'internal-error';
  /** One line: the file and the problem, as on stderr after `okta-push-guard: error: `. */
  message: string;
  /** The file the problem is in (and where, when known); null when it is not in one file. */
  location: FailureLocation | null;
}

/**
 * An internal error's own message may quote whatever the code was handling, input text included; it
 * stays on stderr, and reports, which are uploaded and kept, carry this instead.
 */
export const INTERNAL_ERROR_MESSAGE = 'internal error: okta-push-guard stopped before judging anything; the log has the details (please report it)';

export function failureOf(error: unknown, tool: LintFailure['tool']): LintFailure {
  if (!(error instanceof LoadError)) return { tool, code: 'internal-error', message: INTERNAL_ERROR_MESSAGE, location: null };
  return { tool, code: error.code, message: error.message, location: locate(error) };
}

function locate(error: LoadError): FailureLocation | null {
  // Not a place in one file: the paths given, when none held Terraform output, or a --var argument.
  // Nor is an output that could not be written.
  if (error.code === 'no-inputs' || error.code === 'unwritable' || error.code === 'org-unreadable' || error.file.startsWith('-')) return null;
  // HCL syntax errors and module calls name `file:line:column`.
  const at = /^(.+):(\d+):(\d+)$/.exec(error.file);
  if (at) return { file: at[1]!, line: Number(at[2]), column: Number(at[3]) };
  // JSON errors give the position in the detail (never the text around it).
  const json = /\bat line (\d+), column (\d+)\b/.exec(error.detail);
  if (json) return { file: error.file, line: Number(json[1]), column: Number(json[2]) };
  const truncated = /\(line (\d+)\)$/.exec(error.detail);
  if (truncated) return { file: error.file, line: Number(truncated[1]) };
  return { file: error.file };
}

function headline(failure: LintFailure): string {
  if (failure.code === 'internal-error') return 'okta-push-guard failed';
  return failure.code === 'unwritable' ? 'a report could not be written' : 'an input could not be read';
}

export function failureText(failure: LintFailure): string {
  return `✖ Nothing was judged: ${failure.message}\nThe gate fails closed: fix the input and run again.\n`;
}

/** The JSON failure document (schema/report.schema.json, `$defs/failure`): no findings and no summary to misread. */
export function failureJson(failure: LintFailure): string {
  const doc = { version: 1, tool: failure.tool, error: { code: failure.code, message: failure.message, location: failure.location } };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function failureSarif(failure: LintFailure, context: ReporterContext): string {
  const notification: Sarif.Notification = { level: 'error', message: { text: failure.message }, properties: { code: failure.code } };
  if (failure.location) {
    const { file, line, column } = failure.location;
    notification.locations = [{ physicalLocation: physical(file, line, column) }];
  }
  const run: Sarif.Run = {
    tool: {
      driver: { name: failure.tool.name, version: failure.tool.version, semanticVersion: failure.tool.version, informationUri: context.informationUri, rules: [] },
    },
    originalUriBaseIds: ORIGINAL_URI_BASE_IDS,
    invocations: [{ executionSuccessful: false, toolExecutionNotifications: [notification] }],
    // Present but empty because upload-sarif refuses a run without the array; executionSuccessful is
    // what says that this run found nothing because it judged nothing.
    results: [],
    columnKind: 'utf16CodeUnits',
  };
  const log: Sarif.Log = { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function failureGithub(failure: LintFailure): string {
  const props: string[] = [];
  if (failure.location) {
    const { file, line, column } = failure.location;
    props.push(`file=${escapeProperty(file)}`);
    if (line !== undefined) props.push(`line=${line}`);
    if (column !== undefined) props.push(`col=${column}`);
  }
  props.push(`title=${escapeProperty(`okta-push-guard: ${headline(failure)}`)}`);
  return `::error ${props.join(',')}::${escapeData(failure.message)}\nokta-push-guard: nothing was judged, ${headline(failure)}\n`;
}

/** JUnit: one errored test case (an error, not a failure: the check itself could not run). */
export function failureJunit(failure: LintFailure): string {
  const file = failure.location?.file;
  const name = file ? `read ${file}` : 'okta-push-guard';
  const fileAttr = file ? ` file="${xml(file)}"` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="okta-push-guard" tests="1" failures="0" errors="1">\n` +
    `  <testsuite name="${xml(file ?? 'okta-push-guard')}" tests="1" failures="0" errors="1" skipped="0">\n` +
    `    <testcase classname="okta-push-guard" name="${xml(name)}"${fileAttr}>\n` +
    `      <error message="${xml(failure.message)}" type="${xml(failure.code)}">${xml(`${failure.message}\n\nNothing was judged: the gate fails closed.`)}</error>\n` +
    `    </testcase>\n  </testsuite>\n</testsuites>\n`
  );
}

export function failureMarkdown(failure: LintFailure): string {
  // A fence longer than any run of backticks in the message keeps it one literal block.
  const longest = Math.max(0, ...[...failure.message.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [
    '## okta-push-guard',
    '',
    `**Not judged:** ${headline(failure)}, so no rule ran and nothing was checked; the gate fails.`,
    '',
    `${fence}text`,
    failure.message,
    fence,
    '',
    'Fix the input (or the configuration) and run again: okta-push-guard never passes what it could not read.',
    '',
  ].join('\n');
}

/**
 * GitLab Code Quality: one blocker issue. An empty list would tell the merge-request widget that the
 * code is clean, and that every issue found before is fixed.
 */
export function failureGitlab(failure: LintFailure): string {
  const path = failure.location?.file ?? '.';
  const issue = {
    type: 'issue',
    check_name: `okta-push-guard ${failure.code}`,
    description: `Nothing was judged: ${failure.message}`,
    content: { body: 'okta-push-guard could not judge this run and fails closed. Fix the input (or the configuration) and run again.' },
    categories: ['Bug Risk'],
    severity: 'blocker',
    fingerprint: fingerprint({ input: path, ruleId: failure.code, address: 'okta-push-guard run' }),
    location: { path, lines: { begin: failure.location?.line ?? 1 } },
  };
  return `${JSON.stringify([issue], null, 2)}\n`;
}
