// Expands the paths given on the command line into the input files to lint.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LoadError, type Result } from '../loaders/load-error';

export interface InputFile {
  /** Path as it will be shown: as given, or joined to the folder it was found in. */
  display: string;
  absolute: string;
  /** Found by scanning a folder (so a non-Terraform JSON file there is skipped, not an error). */
  fromDirectory: boolean;
}

const CANDIDATE = /\.(json|tfstate)$/;

export function discover(paths: readonly string[], cwd: string): Result<InputFile[]> {
  const files: InputFile[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const detail = code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? 'unknown error'})`;
      return { ok: false, error: new LoadError(code === 'ENOENT' ? 'not-found' : 'unreadable', given, detail) };
    }
    if (!stat.isDirectory()) {
      files.push({ display: given, absolute, fromDirectory: false });
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(absolute, { withFileTypes: true })
        .filter((e) => e.isFile() && CANDIDATE.test(e.name) && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, error: new LoadError('unreadable', given, `cannot list the folder (${code ?? 'unknown error'})`) };
    }
    if (names.length === 0) {
      return {
        ok: false,
        error: new LoadError('no-inputs', given, 'no Terraform plan or state here (no *.json or *.tfstate files)'),
      };
    }
    for (const name of names) files.push({ display: join(given, name), absolute: join(absolute, name), fromDirectory: true });
  }
  return { ok: true, value: files };
}

