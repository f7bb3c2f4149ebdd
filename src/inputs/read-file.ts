// Reading a file the user named (an input, a variable file, the configuration, a baseline, a module's
// code): one place that turns what the file system says into a one-line LoadError. Only regular files
// are read, up to a size limit: a device (/dev/zero) would never end, a FIFO nobody writes to would
// hang the gate.
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { formatLimit, MAX_HCL_FILE_BYTES } from './limits';
import { LoadError } from './load-error';
import { noteRead } from './read-log';

function failure(error: unknown, shown: string, missing: string): LoadError {
  if (error instanceof LoadError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new LoadError('not-found', shown, missing);
  if (code === 'EACCES') return new LoadError('unreadable', shown, 'permission denied');
  if (code === 'EISDIR') return new LoadError('unreadable', shown, 'is a folder, not a file');
  if (code === 'ERR_FS_FILE_TOO_LARGE') return new LoadError('too-large', shown, 'is larger than this reader can hold in memory (2 GiB)');
  return new LoadError('unreadable', shown, `cannot be read (${code ?? 'unknown error'})`);
}

/** `1 MiB`, `16 GiB`: limits as the README states them. */
export function formatBytes(n: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const) if (n >= size && n % size === 0) return `${formatLimit(n / size)} ${unit}`;
  return `${formatLimit(n)} bytes`;
}

/**
 * Opens `path` (shown as `shown`) for reading, after the checks every input gets: a regular file, no
 * larger than `maxBytes`, noted as read (so that no output is written over it). The caller closes `fd`.
 * `missing` says what a missing file is, e.g. "no such variable file".
 */
export function openInputFile(path: string, shown: string, missing = 'no such file or directory', maxBytes = MAX_HCL_FILE_BYTES): { fd: number; size: number } {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO with no writer returns at once and is refused below.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw failure(error, shown, missing);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new LoadError('unreadable', shown, 'is a folder, not a file');
    if (!stat.isFile()) throw new LoadError('unreadable', shown, 'is not a regular file (a device, FIFO or socket); okta-push-guard reads only regular files');
    if (stat.size > maxBytes) throw new LoadError('too-large', shown, `is larger than ${formatBytes(maxBytes)}, the limit for this kind of file`);
    noteRead(path, stat);
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw failure(error, shown, missing);
  }
}

/** Reads `path` whole, with the checks of openInputFile; `maxBytes` is the limit for this kind of file (see limits.ts). */
export function readInputFile(path: string, shown: string, missing = 'no such file or directory', maxBytes = MAX_HCL_FILE_BYTES): Buffer {
  const { fd } = openInputFile(path, shown, missing, maxBytes);
  try {
    return readFileSync(fd);
  } catch (error) {
    throw failure(error, shown, missing);
  } finally {
    closeSync(fd);
  }
}

/** The same, as UTF-8 text without a byte-order mark. */
export function readInputText(path: string, shown: string, missing?: string, maxBytes?: number): string {
  return readInputFile(path, shown, missing, maxBytes).toString('utf8').replace(/^\uFEFF/, '');
}
