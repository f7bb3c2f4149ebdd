// lint(): paths in, report out. The one pipeline both front doors (CLI, CDKTF Aspect) call.
import { rules as allRules } from '../rules';
import type { Finding } from './engine/finding';
import { compareFindings, summarize, type LintRun, type Report, type ReportInput } from './engine/report';
import type { Rule } from './engine/rule';
import { runRules, type RuleRun } from './engine/run-rules';
import { detect } from './inputs/detect';
import { discover } from './inputs/discover';
import { looksLikeTerraform, readJsonFile } from './inputs/read-json';
import { loadDocument } from './loaders/load';
import { LoadError } from './loaders/load-error';
import { buildView } from './okta/build-view';
import { TOOL_NAME, TOOL_VERSION } from './package-info';

export interface LintOptions {
  /** Folder relative paths are resolved from and shown relative to; defaults to the process's. */
  cwd?: string;
  /** The rules to run; defaults to all of them. */
  rules?: readonly Rule[];
}

/**
 * Lints plans and state files. Rejects with a LoadError when any input cannot be read: a gate
 * fails closed rather than judge part of what it was given.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<Report> {
  return (await lintRun(paths, options)).report;
}

export async function lintRun(paths: readonly string[], options: LintOptions = {}): Promise<LintRun> {
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? allRules;
  const discovered = discover(paths.length > 0 ? paths : ['.'], cwd);
  if (!discovered.ok) throw discovered.error;

  const inputs: ReportInput[] = [];
  const findings: Finding[] = [];
  const runs = new Map<string, RuleRun[]>();
  for (const file of discovered.value) {
    const read = readJsonFile(file.absolute, file.display);
    if (!read.ok) {
      if (file.fromDirectory && read.error.code === 'invalid-json' && !looksLikeTerraform(file.absolute)) continue;
      throw read.error;
    }
    // A folder may hold unrelated JSON (package.json, tsconfig.json); only named files must be Terraform.
    if (file.fromDirectory && detect(read.value.json).kind === 'not-terraform') continue;
    const loaded = loadDocument(read.value.json, file.display);
    if (!loaded.ok) throw loaded.error;
    const inventory = loaded.value;
    inputs.push({ path: file.display, kind: inventory.kind });
    const result = runRules(rules, { path: file.display, view: buildView(inventory), secrets: inventory.secrets });
    findings.push(...result.findings.sort(compareFindings));
    runs.set(file.display, result.runs);
  }
  if (inputs.length === 0) {
    throw new LoadError('no-inputs', paths.join(' ') || '.', 'no Terraform plan or state found (only unrelated JSON files)');
  }
  const report: Report = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    inputs,
    findings,
    summary: summarize(findings),
  };
  return { report, runs };
}
