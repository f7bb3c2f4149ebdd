// What file() may read: regular files inside the folders the configuration is read from (the root
// module's folder and every module folder it follows, with their subfolders), at most 1 MiB. A path
// elsewhere (an absolute path, ../ out of them, a symbolic link leading out) is not read, and its
// value is unknown: linting code from a pull request must not copy other files on the machine into
// instance keys or messages. A file that does not exist is an error, as in Terraform.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { noteRead } from '../../inputs/read-log';
import { UNKNOWN, type UnknownValue } from '../../model/value';
import { EvalError } from './errors';
import type { FunctionContext } from './functions';

const MAX_BYTES = 1024 * 1024;

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function configurationFiles(root: string, folders: readonly string[]): FunctionContext {
  const allowed = [root, ...folders].map(real).filter((d): d is string => d !== undefined);
  return {
    readFile(path: string): string | UnknownValue {
      // Terraform resolves relative paths from its working folder, the root module's.
      const target = real(resolve(root, path));
      if (target === undefined) {
        // Outside the configuration even a missing file is not told apart from one that exists.
        if (!allowed.some((dir) => inside(resolve(root, path), dir))) return UNKNOWN;
        throw new EvalError('file: no such file');
      }
      if (!allowed.some((dir) => inside(target, dir))) return UNKNOWN;
      const stat = statSync(target);
      if (!stat.isFile()) throw new EvalError('file: not a file');
      if (stat.size > MAX_BYTES) return UNKNOWN;
      noteRead(target, stat);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(target));
      } catch (error) {
        if (error instanceof TypeError) throw new EvalError('file: the contents are not UTF-8');
        return UNKNOWN;
      }
    },
  };
}
