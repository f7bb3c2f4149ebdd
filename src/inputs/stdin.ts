// `-` as an input: a plan or state piped in (`terraform show -json tfplan | okta-push-guard lint -`).
import { readSync } from 'node:fs';
import { AHEAD_FROM_BYTES } from './json-stream/read';
import { MAX_STDIN_BYTES } from './limits';
import { LoadError } from './load-error';
import { formatBytes } from './read-file';

/** How a `-` input is shown in findings, reports and errors. */
export const STDIN_DISPLAY = '<stdin>';

/**
 * Reads standard input to its end. A terminal is refused rather than waited on: a gate must not
 * hang for input nobody will type. A non-blocking pipe (EAGAIN) is waited on briefly and read again.
 */
export function readStandardInput(fd = 0, maxBytes = MAX_STDIN_BYTES): Buffer {
  // node:tty is loaded by the runs that read standard input, not by every run that imports its name.
  if ((require('node:tty') as typeof import('node:tty')).isatty(fd)) {
    throw new LoadError('not-found', STDIN_DISPLAY, 'standard input is a terminal; pipe a plan or state into it, e.g. terraform show -json tfplan | okta-push-guard lint -');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new LoadError('unreadable', STDIN_DISPLAY, `cannot be read (${code ?? 'unknown error'})`);
    }
    if (n === 0) break;
    total += n;
    // Held in memory whole: an endless stream (`< /dev/zero`) stops here, not when memory runs out.
    if (total > maxBytes) throw new LoadError('too-large', STDIN_DISPLAY, `is larger than ${formatBytes(maxBytes)}, the limit for standard input; lint the file instead`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  if (total < AHEAD_FROM_BYTES) return Buffer.concat(chunks);
  // Large input in shared memory, so that the reader's look-ahead thread reads it too (json-stream/ahead.ts).
  const shared = Buffer.from(new SharedArrayBuffer(total));
  let at = 0;
  for (const c of chunks) at += c.copy(shared, at);
  return shared;
}
