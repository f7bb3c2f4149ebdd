// Reading a file the user named (an input, a variable file, the configuration, a baseline, a module's
// code): one place that turns what the file system says into a one-line LoadError.
import { readFileSync } from 'node:fs';
import { LoadError } from './load-error';

/** Reads `path` (shown as `shown`); `missing` says what a missing file is, e.g. "no such variable file". */
export function readInputFile(path: string, shown: string, missing = 'no such file or directory'): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LoadError('not-found', shown, missing);
    if (code === 'EACCES') throw new LoadError('unreadable', shown, 'permission denied');
    throw new LoadError('unreadable', shown, `cannot be read (${code ?? 'unknown error'})`);
  }
}

/** The same, as UTF-8 text without a byte-order mark. */
export function readInputText(path: string, shown: string, missing?: string): string {
  return readInputFile(path, shown, missing).toString('utf8').replace(/^\uFEFF/, '');
}
