// The tool is read-only on its inputs: no report, baseline or summary may be written over a file the
// run reads (`lint plan.json -o plan.json`), however it is named (a symbolic link, a hard link, ../).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isConfigFile } from '../inputs/config-files';
import { fileIdentity, ReadLog } from '../inputs/read-log';
import { STDIN } from './argv';
import type { LintArgs } from './commands';

/** Files in a configuration folder that are read before anything else can fail. */
const FOLDER_INPUT = /\.(tfvars|tfvars\.json|tfstate)$/;

/** Every file a lint run may write: -o, each --report, --write-baseline, and the job summary. */
export function outputFiles(args: LintArgs, targets: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return [
    ...(args.output !== undefined ? [args.output] : []),
    ...targets,
    ...(args.writeBaseline !== undefined ? [args.writeBaseline] : []),
    ...(env.GITHUB_STEP_SUMMARY ? [env.GITHUB_STEP_SUMMARY] : []),
  ];
}

/**
 * The inputs named on the command line, known before anything is read: files given as paths, the
 * configuration, the baseline (when it is read), variable files, and the code files of a folder given.
 */
export function namedInputs(args: LintArgs, cwd: string): ReadLog {
  const log = new ReadLog();
  const add = (path: string): void => {
    const identity = fileIdentity(resolve(cwd, path));
    if (identity) log.add(identity);
  };
  for (const path of args.paths) {
    if (path === STDIN) continue;
    const absolute = resolve(cwd, path);
    let folder = false;
    try {
      folder = statSync(absolute).isDirectory();
    } catch {
      continue;
    }
    if (!folder) add(absolute);
    else {
      try {
        for (const e of readdirSync(absolute, { withFileTypes: true })) if (e.isFile() && (isConfigFile(e.name) || FOLDER_INPUT.test(e.name))) add(join(absolute, e.name));
      } catch {
        // An unlistable folder fails the run itself.
      }
    }
  }
  if (typeof args.config === 'string') add(args.config);
  if (args.baseline !== undefined && args.writeBaseline === undefined) add(args.baseline);
  for (const a of args.assignments ?? []) if (a.kind === 'file') add(a.value);
  return log;
}

/** Terraform code, variables and state: never a report's name, and somebody's work if it exists. */
const TERRAFORM_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json|tfstate)$/;

/**
 * The first output that is one of the inputs (by real path or inode), or an existing Terraform file
 * (a module's code may not have been read yet when a run fails), with why it may not be written.
 */
export function outputOverInput(outputs: readonly string[], cwd: string, ...inputs: readonly ReadLog[]): { output: string; why: string } | undefined {
  for (const output of outputs) {
    const identity = fileIdentity(resolve(cwd, output));
    if (identity === undefined) continue;
    if (inputs.some((log) => log.has(identity))) return { output, why: 'is an input of this run; okta-push-guard never writes over its inputs, so nothing was written' };
    if (TERRAFORM_FILE.test(identity.real)) return { output, why: 'is Terraform code or state; okta-push-guard never writes a report over it, so nothing was written' };
  }
  return undefined;
}
