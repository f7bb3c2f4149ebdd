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

/** The first output that is one of the inputs (by real path or inode), if any. */
export function outputOverInput(outputs: readonly string[], cwd: string, ...inputs: readonly ReadLog[]): string | undefined {
  return outputs.find((output) => {
    const identity = fileIdentity(resolve(cwd, output));
    return identity !== undefined && inputs.some((log) => log.has(identity));
  });
}
