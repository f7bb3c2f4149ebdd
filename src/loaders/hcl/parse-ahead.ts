// Both cores on large .tf input: a worker thread (parse-worker.ts) parses and copies the second half of
// a large file (parseHcl), or some of the files of a module folder (parse-files.ts), while this thread
// parses the rest. Only speed depends on the worker: should it fail, lag or find a text that does not
// parse cleanly, this thread parses that text itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CopyParts } from './syntax';

/** From how many characters (of a file, or of a folder's files) the worker is used, and its code (tests give stand-ins). */
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

/**
 * The files of a module folder the worker parses while this thread parses the others, by index in
 * `sizes` (their lengths): none below `from` characters in all, and none where one file is half of
 * them or more (parseHcl cuts that one in two instead). Otherwise the largest first, each to the worker
 * while its share stays within half, so that this thread, which also converts every copy, has at least
 * as much of the parsing.
 */
export function shareOut(sizes: readonly number[], from: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < from || sizes.some((size) => size * 2 >= total)) return [];
  const order = sizes.map((_size, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const worker: number[] = [];
  let share = 0;
  for (const i of order) {
    if ((share + sizes[i]!) * 2 > total) continue;
    share += sizes[i]!;
    worker.push(i);
  }
  return worker.sort((a, b) => a - b);
}

/** The worker's copies of the texts it was given. */
export interface Ahead {
  /**
   * The copy of text `index`, or undefined where there is none to take (the caller then parses that text
   * itself): it did not parse cleanly, or the worker failed, or gave no sign of progress for
   * `patienceMs` (it is then ended, and every later text is the caller's too).
   */
  take(index: number, patienceMs: number): Promise<CopyParts | undefined>;
  /** Ends the worker, all taken or not. */
  stop(): void;
}

/** What the worker sends for each text, in order: its copy, or null. */
export interface PartMessage {
  index: number;
  parts: CopyParts | null;
}

/** Starts the worker on `texts`; undefined where there is no worker code (run from TypeScript sources) or no second core. */
export function parseAhead(texts: readonly string[], script: string): Ahead | undefined {
  if (!existsSync(script)) return undefined;
  const os = require('node:os') as typeof import('node:os');
  if ((os.availableParallelism?.() ?? os.cpus().length) < 2) return undefined;
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  let worker: import('node:worker_threads').Worker;
  try {
    worker = new threads.Worker(script, { workerData: texts, stdout: true, stderr: true });
  } catch {
    return undefined;
  }
  const arrived = new Map<number, CopyParts | undefined>();
  let received = 0;
  let ended = false;
  let wake: (() => void) | undefined;
  const end = (): void => {
    ended = true;
    wake?.();
  };
  worker.on('message', (message: PartMessage | undefined) => {
    if (typeof message?.index !== 'number') return;
    arrived.set(message.index, message.parts ?? undefined);
    received++;
    wake?.();
  });
  worker.once('error', end);
  worker.once('exit', end);
  const stop = (): void => {
    ended = true;
    void worker.terminate();
  };
  return {
    async take(index, patienceMs) {
      // Not unref'd: while this thread waits, the worker or the timer keeps the process alive, so a
      // run never ends with a parse unfinished.
      while (!arrived.has(index) && !ended) {
        const before = received;
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, patienceMs);
        });
        clearTimeout(timer);
        wake = undefined;
        if (received === before && !ended) stop();
      }
      const parts = arrived.get(index);
      arrived.delete(index);
      return parts;
    },
    stop,
  };
}
