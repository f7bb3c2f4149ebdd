// Builds the JSON value of a document from its bytes, as JSON.parse would, except that resources of types
// the analysis does not read are kept without their payload (values, marker trees, expressions). Every
// byte is still checked, so invalid JSON anywhere fails as it would with the whole document parsed.
import { DROP, elementFate, newFacts, PARSE, resetFacts, type Unread } from './fate';
import { JsonSyntaxError, MAX_DEPTH, Scanner, type ElementFacts } from './scanner';
import type { Segment } from './segments';
import { ELEMENT_KEYS, type Handler } from './shapes';
import type { StringPool } from './strings';
import { holdYoungGenerationIfGrown } from '../../young-generation';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const QUOTE = 0x22;
/** How many bytes of resources are read between two looks at the heap's young generation. */
const HEAP_LOOK_EVERY = 4 * 2 ** 20;

/** Like JSON.parse: an own data property even for `__proto__`, last duplicate winning. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A resource element left out of its array. */
const DROPPED = Symbol('dropped');

export type { Unread } from './fate';

/**
 * Resource elements read ahead of the reader (by another thread, ahead.ts; in tests, by this one). The
 * reader asks at the first byte of every element of a resource array, and gives the answer back.
 */
export interface Lookahead {
  /** The depth it scans elements at: a segment is taken only for elements no deeper (segments.ts, SEGMENT_DEPTH). */
  readonly depth: number;
  /** A segment read from `p` on, when one was; the reader checks its kind and depth before taking it. */
  at(p: number): Segment | undefined;
}

export class DocumentReader {
  /** Where the value last read ends. */
  private pos = 0;
  /**
   * The position from which the next resource element looks at the heap (young-generation.ts): not
   * before the first look's worth of bytes, since an input smaller than that gains nothing from holding
   * the young generation, and so never loads node:v8 to look.
   */
  private nextHeapLook = HEAP_LOOK_EVERY;

  constructor(
    private readonly scanner: Scanner,
    private readonly unread: Unread,
    private readonly ahead?: Lookahead,
    /** Whether to look at the heap's young generation as it reads (young-generation.ts). */
    private readonly hold = false,
    /** Where the strings of kept resources are shared (strings.ts), for large inputs; none, they stay as parsed. */
    private readonly strings?: StringPool,
  ) {}

  /** Reads the document from `start`; throws JsonSyntaxError where the bytes are not one JSON value. */
  document(start: number, handler: Handler): unknown {
    const s = this.scanner;
    const p = s.ws(start);
    const value = this.read(p, handler, 0);
    const after = s.ws(this.pos);
    if (s.peek(after) >= 0) throw new JsonSyntaxError(after, 'unexpected');
    return value;
  }

  private parse(from: number, to: number): unknown {
    return JSON.parse(this.scanner.window.text(from, to));
  }

  private read(p: number, handler: Handler | undefined, depth: number): unknown {
    const s = this.scanner;
    const c = s.peek(p);
    if (handler) {
      if (handler.kind === 'object' && c === OPEN_OBJECT) return this.object(p, handler, depth);
      if (handler.kind === 'array' && c === OPEN_ARRAY) return this.array(p, handler.element, depth);
      if (handler.kind === 'resource' && c === OPEN_OBJECT) return this.resource(p, handler, depth);
      if (handler.kind === 'discard' && (c === OPEN_OBJECT || c === OPEN_ARRAY)) {
        // Nothing of it is kept: the window may drop what has been checked.
        s.window.keep = -1;
        this.pos = s.value(p, depth);
        return c === OPEN_OBJECT ? {} : [];
      }
    }
    s.window.keep = p;
    this.pos = s.value(p, depth);
    return this.parse(p, this.pos);
  }

  private object(p: number, handler: Extract<Handler, { kind: 'object' }>, depth: number): Record<string, unknown> {
    const s = this.scanner;
    if (depth >= MAX_DEPTH) throw new JsonSyntaxError(p, 'depth');
    const out: Record<string, unknown> = {};
    p = s.ws(p + 1);
    if (s.peek(p) === 0x7d) {
      this.pos = p + 1;
      return out;
    }
    for (;;) {
      if (s.peek(p) !== QUOTE) throw new JsonSyntaxError(p, s.peek(p) < 0 ? 'end' : 'unexpected');
      s.window.keep = p;
      const keyEnd = s.string(p);
      const key = JSON.parse(s.window.text(p, keyEnd)) as string;
      p = s.ws(keyEnd);
      if (s.peek(p) !== 0x3a) throw new JsonSyntaxError(p, s.peek(p) < 0 ? 'end' : 'unexpected');
      p = s.ws(p + 1);
      define(out, key, this.read(p, handler.field(key), depth + 1));
      p = s.ws(this.pos);
      const c = s.peek(p);
      if (c === 0x2c) p = s.ws(p + 1);
      else if (c === 0x7d) {
        this.pos = p + 1;
        return out;
      } else throw new JsonSyntaxError(p, c < 0 ? 'end' : 'unexpected');
    }
  }

  private array(p: number, element: Handler, depth: number): unknown[] {
    const s = this.scanner;
    if (depth >= MAX_DEPTH) throw new JsonSyntaxError(p, 'depth');
    const out: unknown[] = [];
    p = s.ws(p + 1);
    if (s.peek(p) === 0x5d) {
      this.pos = p + 1;
      return out;
    }
    let length = 0;
    const keys = this.ahead !== undefined && element.kind === 'resource' ? element.keys : undefined;
    const resources = this.hold && element.kind === 'resource';
    for (;;) {
      if (resources && p >= this.nextHeapLook) {
        this.nextHeapLook = p + HEAP_LOOK_EVERY;
        holdYoungGenerationIfGrown();
      }
      if (keys !== undefined) {
        const segment = this.ahead!.at(p);
        // Taken only where this reader would read exactly what the look-ahead read: the same kind of
        // element, with the depth limit no less strict than its own.
        if (segment !== undefined && segment.start === p && ELEMENT_KEYS[segment.kind] === keys && depth + 1 <= this.ahead!.depth) {
          length = this.take(segment, out, length);
          s.window.seek(segment.next);
          p = segment.next;
          if (!segment.closes) continue;
          this.pos = p + 1;
          out.length = length;
          return out;
        }
      }
      const value = this.read(p, element, depth + 1);
      if (value !== DROPPED) out[length] = value;
      length++;
      p = s.ws(this.pos);
      const c = s.peek(p);
      if (c === 0x2c) p = s.ws(p + 1);
      else if (c === 0x5d) {
        this.pos = p + 1;
        out.length = length;
        return out;
      } else throw new JsonSyntaxError(p, c < 0 ? 'end' : 'unexpected');
    }
  }

  /** The elements of a segment, as this reader would have made them, from `length` on in `out`. */
  private take(segment: Segment, out: unknown[], length: number): number {
    const bytes = Buffer.from(segment.bytes.buffer, segment.bytes.byteOffset, segment.bytes.byteLength);
    const { fates, ranges, cuts, cutIndex } = segment;
    let k = 0;
    for (let e = 0; e < fates.length; e++) {
      const fate = fates[e];
      if (fate !== DROP) {
        const from = ranges[2 * k]!;
        const to = ranges[2 * k + 1]!;
        out[length] =
          fate === PARSE
            ? this.kept(JSON.parse(bytes.toString('utf8', from, to)))
            : (require('./skeleton') as typeof import('./skeleton')).skeleton(bytes, 0, from, Array.from(cuts.subarray(cutIndex[k]!, cutIndex[k + 1]!)));
        k++;
      }
      length++;
    }
    return length;
  }

  private resource(p: number, handler: Extract<Handler, { kind: 'resource' }>, depth: number): unknown {
    const s = this.scanner;
    const w = s.window;
    w.keep = p;
    // One facts record for every element: the reader reads one element at a time.
    const facts = resetFacts(this.facts);
    const end = s.value(p, depth, facts, handler.keys);
    this.pos = end;
    const fate = elementFate(facts, handler.keys, w.buf, w.base, this.unread);
    if (fate === PARSE) return this.kept(this.parse(p, end));
    if (fate === DROP) return DROPPED;
    return (require('./skeleton') as typeof import('./skeleton')).skeleton(w.buf, w.base, p, facts.cuts);
  }

  /** A resource as kept: with its strings shared, when they are. */
  private kept(value: unknown): unknown {
    return this.strings ? this.strings.share(value) : value;
  }

  private readonly facts: ElementFacts = newFacts();
}
