// Builds the JSON value of a document from its bytes, as JSON.parse would, except that resources of types
// the analysis does not read are kept without their payload (values, marker trees, expressions). Every
// byte is still checked, so invalid JSON anywhere fails as it would with the whole document parsed.
import { ANALYZED_TYPES } from '../../model/okta-resource-types';
import { JsonSyntaxError, MAX_DEPTH, Scanner, type ElementFacts } from './scanner';
import type { Handler } from './shapes';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const QUOTE = 0x22;

/** Like JSON.parse: an own data property even for `__proto__`, last duplicate winning. */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A resource element left out of its array. */
const DROPPED = Symbol('dropped');

/**
 * What becomes of a resource whose type the analysis does not read: `drop` leaves it out (a hole in its
 * array, so that every other element keeps its index, and the loaders, which walk arrays with forEach,
 * never see it); `skeleton` keeps it without its payload, for runs where its address still matters (an
 * inline suppression written on it must be judged).
 */
export type Unread = 'drop' | 'skeleton';

export class DocumentReader {
  /** Where the value last read ends. */
  private pos = 0;

  constructor(
    private readonly scanner: Scanner,
    private readonly unread: Unread,
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
    for (;;) {
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

  private resource(p: number, handler: Extract<Handler, { kind: 'resource' }>, depth: number): unknown {
    const s = this.scanner;
    const w = s.window;
    w.keep = p;
    // One facts record for every element: the reader reads one element at a time.
    const facts = this.facts;
    facts.typeStart = -1;
    facts.typeEnd = -1;
    facts.typeEscaped = false;
    facts.cuts.length = 0;
    facts.marksSensitive = false;
    facts.present = 0;
    const end = s.value(p, depth, facts, handler.keys);
    this.pos = end;
    // Kept whole: a type the analysis reads, no type to tell by, secrets to collect, or a shape the loader must refuse.
    if (facts.marksSensitive || facts.typeEnd < 0 || facts.present !== handler.keys.allPresent || this.analyzed(facts)) return this.parse(p, end);
    if (this.unread === 'drop') return DROPPED;
    return facts.cuts.length === 0 ? this.parse(p, end) : (require('./skeleton') as typeof import('./skeleton')).skeleton(w, p, facts.cuts);
  }

  private readonly facts: ElementFacts = { typeStart: -1, typeEnd: -1, typeEscaped: false, cuts: [], marksSensitive: false, present: 0 };

  /** Whether the element's type is one the analysis reads, compared byte by byte (no string made). */
  private analyzed(facts: ElementFacts): boolean {
    const w = this.scanner.window;
    if (facts.typeEscaped) return ANALYZED_TYPES.has(JSON.parse(w.text(facts.typeStart, facts.typeEnd)) as string);
    const from = facts.typeStart + 1 - w.base;
    const length = facts.typeEnd - 1 - w.base - from;
    for (const name of ANALYZED_BY_LENGTH[length] ?? []) {
      let k = 0;
      while (k < length && w.buf[from + k] === name[k]) k++;
      if (k === length) return true;
    }
    return false;
  }
}

/** ANALYZED_TYPES as bytes, by length. */
const ANALYZED_BY_LENGTH: Buffer[][] = [];
for (const type of ANALYZED_TYPES) {
  const bytes = Buffer.from(type, 'utf8');
  (ANALYZED_BY_LENGTH[bytes.length] ??= []).push(bytes);
}
