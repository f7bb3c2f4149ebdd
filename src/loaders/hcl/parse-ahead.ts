// Both cores on one large .tf file: a worker thread (parse-worker.ts) parses and copies its second half
// while this thread parses the first. Only speed depends on the worker: should it fail, lag or find
// the half does not parse cleanly, parseHcl parses the whole file itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CopyParts } from './syntax';

/** How a file is shared out: from how many characters, and which worker code (tests give stand-ins). */
export interface SplitOptions {
  from: number;
  script: string;
}

/**
 * From 256 KiB. Measured on this project's 2-core machine, whole runs on the benchmark's configuration
 * cut down (alternating with parsing whole, medians): 139 KB took 6 % longer in two parts (the worker's
 * thread and WebAssembly cost more than its half saves), 194 KB 4 % less, 278 KB 10 %, 561 KB 14 % and
 * 1.1 MB 18 % less.
 */
export const SPLIT: SplitOptions = { from: 256 * 1024, script: join(__dirname, 'parse-worker.js') };

/**
 * Where the text may be cut in two: at or after its middle, the start of a line that begins with a name
 * (a block or an attribute) right after a line that is only `}` (and blank lines). A guess that needs
 * no lexing: parseHcl keeps the cut only when both parts parse without any error, and a cut anywhere
 * but between two top-level blocks or attributes leaves the first part with something unclosed (a
 * block, a bracket, a heredoc, a comment, a string), an error. Neither part is then smaller than a
 * quarter of `from`.
 */
export function cutPoint(text: string, from: number): number | undefined {
  if (text.length < from) return undefined;
  const boundary = /\n\}[ \t\r]*\n(?:[ \t\r]*\n)*(?=[A-Za-z_])/g;
  boundary.lastIndex = text.length >> 1;
  const found = boundary.exec(text);
  if (!found) return undefined;
  const cut = found.index + found[0].length;
  return text.length - cut >= from / 4 ? cut : undefined;
}

/** The worker's copy of the second part. */
export interface Ahead {
  /** The copy, or undefined where there is none to take (the caller then parses the whole text); ends the worker. */
  take(patienceMs: number): Promise<CopyParts | undefined>;
  /** Ends the worker, taken or not. */
  stop(): void;
}

/** Starts the worker on `text`; undefined where there is no worker code (run from TypeScript sources) or no second core. */
export function parseAhead(text: string, script: string): Ahead | undefined {
  if (!existsSync(script)) return undefined;
  const os = require('node:os') as typeof import('node:os');
  if ((os.availableParallelism?.() ?? os.cpus().length) < 2) return undefined;
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  let worker: import('node:worker_threads').Worker;
  try {
    worker = new threads.Worker(script, { workerData: text, stdout: true, stderr: true });
  } catch {
    return undefined;
  }
  const result = new Promise<CopyParts | undefined>((resolve) => {
    worker.once('message', (parts: CopyParts | null) => resolve(parts ?? undefined));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    async take(patienceMs) {
      // Not unref'd: while this thread waits, the worker or the timer keeps the process alive, so a
      // run never ends with the parse unfinished.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), patienceMs);
      });
      try {
        return await Promise.race([result, late]);
      } finally {
        clearTimeout(timer);
        void worker.terminate();
      }
    },
    stop() {
      void worker.terminate();
    },
  };
}
