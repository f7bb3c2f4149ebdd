// Both cores on one large input: a worker thread reads resource elements ahead of the document reader
// (segments.ts), a segment at a time, while this thread reads the bytes before it; this thread then
// takes the segment's outcome and jumps past its bytes. The two take turns over the file, so each scans
// about half of it. Only speed depends on the worker: should it fail, lag or die, this thread reads
// those bytes itself, so nothing is ever skipped unchecked.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import type { Lookahead } from './document';
import type { Unread } from './fate';
import { SEGMENT_DEPTH, type Segment } from './segments';

/** Phases of the shared control word (ctl[0]). */
export const SEARCHING = 0;
export const SCANNING = 1;
export const READY = 2;
export const TAKEN = 3;
export const STOP = 4;

/** How the input is shared out: this thread reads `share` bytes between segments, the worker segments of `segment` bytes. */
export interface Turns {
  share: number;
  segment: number;
}

/** Equal turns: on the 614 MB plan, 16/24, 24/16, 20/20 and 32/32 MiB were alike within the machine's noise, 20/20 the best median. */
export const TURNS: Turns = { share: 20 * 2 ** 20, segment: 20 * 2 ** 20 };

/**
 * How long this thread waits for a segment without any sign of progress (the worker counts every element
 * it reads) before reading the bytes itself. A worker that ends by an error says so at once (STOP); this
 * bounds the wait for one that is killed (out of memory) or stalls.
 */
const PATIENCE_MS = 2000;

/** The file as this thread opened it: the worker reads only the same file. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

/** What the worker reads: a file by name, or input held in shared memory (standard input). */
export type Source = { path: string; identity: FileIdentity } | { shared: SharedArrayBuffer; offset: number; length: number };

export interface WorkerInput {
  source: Source;
  control: SharedArrayBuffer;
  port: MessagePort;
  unread: Unread;
  turns: Turns;
  chunk: number | undefined;
}

/** A segment as the worker sends it, or where it could not read one. */
export type SegmentMessage = { start: number; segment?: Segment };

type WorkerThreads = typeof import('node:worker_threads');

export class Ahead implements Lookahead {
  readonly depth = SEGMENT_DEPTH;
  private readonly ctl: Int32Array;
  private readonly at64: Float64Array;

  private constructor(
    private readonly threads: WorkerThreads,
    control: SharedArrayBuffer,
    private readonly port: MessagePort,
  ) {
    this.ctl = new Int32Array(control, 0, 2);
    this.at64 = new Float64Array(control, 8, 2);
  }

  /**
   * Starts the worker on `source`; undefined where it cannot start, or where there is no second core for
   * it, and the reader reads alone. `script` is the worker's code (tests give stand-ins that misbehave).
   */
  static start(source: Source, unread: Unread, turns: Turns = TURNS, chunk?: number, script = join(__dirname, 'ahead-worker.js')): Ahead | undefined {
    // Compiled next to this file; absent when run from TypeScript sources (tests), which then read alone.
    if (!existsSync(script)) return undefined;
    const os = require('node:os') as typeof import('node:os');
    if ((os.availableParallelism?.() ?? os.cpus().length) < 2) return undefined;
    const threads = require('node:worker_threads') as WorkerThreads;
    const control = new SharedArrayBuffer(24);
    new Float64Array(control, 8, 2).set([-1, 0]);
    const { port1, port2 } = new threads.MessageChannel();
    const input: WorkerInput = { source, control, port: port2, unread, turns, chunk };
    let worker: import('node:worker_threads').Worker;
    try {
      // The worker allocates little (one segment's bookkeeping at a time): a small young generation keeps its memory down.
      worker = new threads.Worker(script, { workerData: input, transferList: [port2], stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    } catch {
      port1.close();
      port2.close();
      return undefined;
    }
    // Whatever becomes of the worker, this thread reads on: its failure must not end the process.
    worker.on('error', () => undefined);
    worker.unref();
    port1.unref();
    return new Ahead(threads, control, port1);
  }

  at(p: number): Segment | undefined {
    const ctl = this.ctl;
    const phase = Atomics.load(ctl, 0);
    this.at64[1] = p;
    if (phase !== SCANNING && phase !== READY) return undefined;
    const start = this.at64[0]!;
    if (p < start) return undefined;
    if (p > start) {
      // Gone past it (the guess was not an element this reader reads, or the worker was slow): let it go on.
      if (this.release(phase) && phase === READY) this.threads.receiveMessageOnPort(this.port);
      return undefined;
    }
    let beat = Atomics.load(ctl, 1);
    let waited = 0;
    while (Atomics.load(ctl, 0) === SCANNING) {
      Atomics.wait(ctl, 0, SCANNING, 100);
      const now = Atomics.load(ctl, 1);
      if (now !== beat) {
        beat = now;
        waited = 0;
      } else if ((waited += 100) >= PATIENCE_MS) {
        this.release(SCANNING);
        return undefined;
      }
    }
    if (Atomics.load(ctl, 0) !== READY) return undefined;
    let message: SegmentMessage | undefined;
    for (;;) {
      const received = this.threads.receiveMessageOnPort(this.port);
      if (received === undefined) break;
      message = received.message as SegmentMessage;
      // Messages of segments given up on before may still be queued.
      if (message.start === start) break;
    }
    this.release(READY);
    return message?.start === start ? message.segment : undefined;
  }

  /** Lets the worker go on from `phase`; false when it had moved on from it. */
  private release(phase: number): boolean {
    if (Atomics.compareExchange(this.ctl, 0, phase, TAKEN) !== phase) return false;
    Atomics.notify(this.ctl, 0);
    return true;
  }

  /** Ends the worker (it closes its own file). */
  stop(): void {
    Atomics.store(this.ctl, 0, STOP);
    Atomics.notify(this.ctl, 0);
    this.port.close();
  }
}
