// `okta-push-guard remediate REPORT`: the runbook for the orphaned mappings of an audit or lint JSON
// report, as Markdown or JSON. It sends nothing to Okta: the repair needs write access (and a
// provisioning token) that the read-only audit credentials must not have, and a person should see the
// steps before they run.
import { resolve } from 'node:path';
import type { Report } from '../engine/report';
import { readJsonFile } from '../inputs/read-json';
import { TOOL_NAME } from '../package-info';
import { runbookMarkdown, runbookOf } from '../org/remediate';
import { EXIT_ERROR, EXIT_OK } from './commands';
import { writeAtomically, type Io } from './io';

export interface RemediateArgs {
  report: string;
  format: 'markdown' | 'json';
  output?: string;
  deleteTargetGroups: boolean;
}

function isReport(json: unknown): json is Report {
  const r = json as Partial<Report> | null;
  return typeof r === 'object' && r !== null && r.version === 1 && r.tool?.name === TOOL_NAME && Array.isArray(r.findings);
}

export function remediateCommand(args: RemediateArgs, io: Io): number {
  const read = readJsonFile(resolve(io.cwd, args.report), args.report);
  if (!read.ok) {
    io.stderr(`okta-push-guard: error: ${read.error.message}\n`);
    return EXIT_ERROR;
  }
  const json = read.value.json as unknown;
  if (!isReport(json)) {
    const failed = typeof json === 'object' && json !== null && 'error' in json;
    io.stderr(`okta-push-guard: error: ${args.report}: ${failed ? 'the report is of a run that judged nothing (it holds an error); fix that run first' : `not a JSON report of ${TOOL_NAME} (write one with audit or lint --format json)`}\n`);
    return EXIT_ERROR;
  }
  const runbook = runbookOf(json, { deleteTargetGroup: args.deleteTargetGroups });
  const text = args.format === 'json' ? `${JSON.stringify(runbook, null, 2)}\n` : runbookMarkdown(runbook);
  if (args.output === undefined) {
    io.stdout(text);
    return EXIT_OK;
  }
  try {
    writeAtomically(resolve(io.cwd, args.output), text);
  } catch (error) {
    io.stderr(`okta-push-guard: error: ${args.output}: cannot write the runbook (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})\n`);
    return EXIT_ERROR;
  }
  return EXIT_OK;
}
