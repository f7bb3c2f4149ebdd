// The look-ahead reader's work, whichever thread does it: from a point well ahead of the reader, find
// where a resource element surely begins, and read resource elements from there exactly as the reader
// would, so that the reader, once it gets there, takes their outcome instead of scanning those bytes
// itself. Nothing here is taken on trust: the reader takes a segment only when it is itself at the
// segment's first byte, at an element of an array of the same kind, no deeper than SEGMENT_DEPTH
// (document.ts); anything else, and any error met here, leaves those bytes to the reader.
import { DROP, elementFate, newFacts, resetFacts, SKELETON, type Fate, type Unread } from './fate';
import { Scanner } from './scanner';
import { ELEMENT_KEYS, type ElementKind } from './shapes';
import type { ByteWindow } from './window';

/**
 * Terraform writes its JSON without spaces; in valid JSON these bytes can only be an object closing, a
 * comma, and the start of an array element that is an object whose first key is "address" (a quote
 * inside a string would end it, leaving `address` outside any string). Which array, the reader decides.
 */
const SYNC = Buffer.from('},{"address":"', 'latin1');

/**
 * The depth at which the look-ahead scans elements. The reader takes a segment only for elements at
 * most this deep, so the look-ahead never accepts nesting the reader's depth limit would refuse; an
 * element too deep for it fails the segment, and the reader scans it.
 */
export const SEGMENT_DEPTH = 64;

/** Resource elements read ahead: where they start, what became of each, and the bytes of those kept. */
export interface Segment {
  start: number;
  kind: ElementKind;
  /** Where the reader goes on: the next element's first byte, or the array's closing bracket. */
  next: number;
  closes: boolean;
  /** The fate of every element, in order (document.ts: DROP, PARSE, SKELETON). */
  fates: Uint8Array;
  /** [from, to) in `bytes` of each element not dropped, in order. */
  ranges: Int32Array;
  bytes: Uint8Array;
  /** Payload ranges of skeletons, as offsets in `bytes`: those of the k-th kept element are cuts[cutIndex[k] .. cutIndex[k + 1]). */
  cuts: Int32Array;
  cutIndex: Int32Array;
}

/** The first position at or after `from` where SYNC places an element's opening brace; -1 when the input ends first, or `stop()` says so. */
export function findSync(window: ByteWindow, from: number, stop: () => boolean = () => false): number {
  let at = from;
  for (;;) {
    if (stop()) return -1;
    if (at >= window.end) {
      window.keep = at;
      if (!window.fill(at)) return -1;
    }
    const found = window.buf.indexOf(SYNC, at - window.base);
    if (found >= 0 && found + SYNC.length <= window.length) return window.base + found + 2;
    // Not in what is held: keep the tail a match could start in, and read on.
    const tail = Math.max(at, window.end - SYNC.length + 1);
    window.keep = tail;
    if (!window.fill(window.end)) return -1;
    at = tail;
  }
}

/** The kind of resource element at `start`, told by its members; undefined when it does not scan. A wrong guess costs only speed: the reader checks the kind. */
export function guessKind(scanner: Scanner, start: number): ElementKind | undefined {
  const facts = newFacts();
  scanner.window.keep = start;
  try {
    scanner.value(start, SEGMENT_DEPTH, facts, ELEMENT_KEYS.change);
    if (facts.present === ELEMENT_KEYS.change.allPresent) return 'change';
    scanner.value(start, SEGMENT_DEPTH, resetFacts(facts), ELEMENT_KEYS.config);
    return facts.cuts.length > 0 ? 'config' : 'values';
  } catch {
    return undefined;
  }
}

const MAX_KEPT = 2 ** 31 - 1;

class Bytes {
  buf = new Uint8Array(1 << 16);
  length = 0;

  add(from: Buffer, start: number, end: number): number {
    const need = this.length + end - start;
    if (need > this.buf.length) {
      const bigger = new Uint8Array(Math.max(need, this.buf.length * 2));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
    }
    this.buf.set(from.subarray(start, end), this.length);
    const at = this.length;
    this.length = need;
    return at;
  }
}

/**
 * Reads resource elements of `kind` from `start` (an element's first byte) as the reader would, until
 * about `limit` bytes are read or the array closes. Undefined when `abandoned()` says the reader has
 * gone past, or where an element is not followed by a comma or the array's end; throws JsonSyntaxError
 * from the scan. Either way the reader reads those bytes itself and says what is wrong where.
 */
export function readSegment(scanner: Scanner, start: number, kind: ElementKind, unread: Unread, limit: number, abandoned: () => boolean): Segment | undefined {
  const keys = ELEMENT_KEYS[kind];
  const w = scanner.window;
  const facts = newFacts();
  const fates: Fate[] = [];
  const ranges: number[] = [];
  const cuts: number[] = [];
  const cutIndex: number[] = [0];
  const bytes = new Bytes();
  let p = start;
  for (;;) {
    if (abandoned()) return undefined;
    w.keep = p;
    const end = scanner.value(p, SEGMENT_DEPTH, resetFacts(facts), keys);
    const fate = elementFate(facts, keys, w.buf, w.base, unread);
    fates.push(fate);
    if (fate !== DROP) {
      // Offsets are 32-bit: a segment that would keep 2 GiB is left to the reader.
      if (bytes.length + (end - p) > MAX_KEPT) return undefined;
      const at = bytes.add(w.buf, p - w.base, end - w.base);
      ranges.push(at, at + end - p);
      if (fate === SKELETON) for (const c of facts.cuts) cuts.push(c - p + at);
      cutIndex.push(cuts.length);
    }
    const q = scanner.ws(end);
    const c = scanner.peek(q);
    let next = q;
    let closes = true;
    if (c === 0x2c) {
      next = scanner.ws(q + 1);
      closes = false;
      if (next - start < limit) {
        p = next;
        continue;
      }
    } else if (c !== 0x5d) return undefined;
    return {
      start,
      kind,
      next,
      closes,
      fates: Uint8Array.from(fates),
      ranges: Int32Array.from(ranges),
      bytes: bytes.buf.subarray(0, bytes.length),
      cuts: Int32Array.from(cuts),
      cutIndex: Int32Array.from(cutIndex),
    };
  }
}
