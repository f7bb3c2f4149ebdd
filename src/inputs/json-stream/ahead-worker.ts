// The look-ahead thread (ahead.ts): opens the same file (or reads the same shared memory), and takes
// turns with the document reader, reading a segment of resource elements ahead of it each time the
// reader has taken (or gone past) the last one.
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { READY, SCANNING, SEARCHING, STOP, TAKEN, type FileIdentity, type SegmentMessage, type WorkerInput } from './ahead';
import { Scanner } from './scanner';
import { findSync, guessKind, readSegment, type Segment } from './segments';
import { ByteWindow } from './window';

const WORKER_CHUNK = 2 ** 20;
const input = workerData as WorkerInput;
const ctl = new Int32Array(input.control, 0, 2);
const at64 = new Float64Array(input.control, 8, 2);
const stopped = (): boolean => Atomics.load(ctl, 0) === STOP;

function sameFile(fd: number, id: FileIdentity): boolean {
  const s = fstatSync(fd);
  return s.dev === id.dev && s.ino === id.ino && s.size === id.size && s.mtimeMs === id.mtimeMs;
}

function run(window: ByteWindow): void {
  const { share, segment: limit } = input.turns;
  const scanner = new Scanner(window);
  let from = share;
  while (!stopped()) {
    const at = Math.max(from, at64[1]! + share);
    window.seek(at);
    const start = findSync(window, at, stopped);
    if (start < 0) return;
    if (at64[1]! >= start) {
      from = at64[1]! + share;
      continue;
    }
    const kind = guessKind(scanner, start);
    if (kind === undefined) {
      from = start + 1;
      continue;
    }
    at64[0] = start;
    if (Atomics.compareExchange(ctl, 0, SEARCHING, SCANNING) !== SEARCHING) return;
    let segment: Segment | undefined;
    try {
      segment = readSegment(scanner, start, kind, input.unread, limit, () => {
        Atomics.add(ctl, 1, 1);
        return Atomics.load(ctl, 0) !== SCANNING;
      });
    } catch {
      segment = undefined;
    }
    if (Atomics.load(ctl, 0) === SCANNING) {
      const message: SegmentMessage = segment ? { start, segment } : { start };
      input.port.postMessage(message, segment ? [segment.bytes.buffer as ArrayBuffer] : []);
      if (Atomics.compareExchange(ctl, 0, SCANNING, READY) === SCANNING) Atomics.notify(ctl, 0);
    }
    // Wait for the reader to take it (or to go past it), then read the next turn after the reader's.
    while (Atomics.load(ctl, 0) === READY || Atomics.load(ctl, 0) === SCANNING) Atomics.wait(ctl, 0, Atomics.load(ctl, 0), 1000);
    if (Atomics.compareExchange(ctl, 0, TAKEN, SEARCHING) !== TAKEN) return;
    from = (segment ? segment.next : start) + share;
  }
}

let fd: number | undefined;
try {
  const source = input.source;
  if ('shared' in source) run(ByteWindow.ofBytes(Buffer.from(source.shared, source.offset, source.length), input.chunk ?? WORKER_CHUNK, input.turns.share));
  else {
    // Non-blocking: should the name now be a FIFO, opening it must not wait (and keep the process from exiting).
    fd = openSync(source.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    // Small reads: the worker keeps one element at a time, and its memory adds to the process's.
    if (sameFile(fd, source.identity)) run(ByteWindow.ofFile(fd, input.chunk ?? WORKER_CHUNK, input.turns.share, true));
  }
} catch {
  // The reader reads whatever this thread does not.
} finally {
  if (fd !== undefined) closeSync(fd);
  // Ended, by the reader's word or not: the reader must not wait for a segment from here.
  Atomics.store(ctl, 0, STOP);
  Atomics.notify(ctl, 0);
  input.port.close();
}
