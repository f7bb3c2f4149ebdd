// `lint --pre-commit`: pre-commit passes the changed files, but a Terraform configuration is a folder.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The folders to lint for a pre-commit run: the folders given in the hook's `args`, if any (the
 * changed files then only say that a run is due); otherwise the folder of each changed file, once.
 * A path that does not exist is kept as it is, so that it fails the run instead of being guessed at.
 */
export function preCommitPaths(paths: readonly string[], cwd: string): string[] {
  const kinds = paths.map((path) => {
    try {
      return statSync(resolve(cwd, path)).isDirectory() ? 'folder' : 'file';
    } catch {
      return 'missing';
    }
  });
  const folders = paths.filter((_, i) => kinds[i] !== 'file');
  if (folders.length > 0) return folders;
  return [...new Set(paths.map((path) => dirname(path)))];
}
