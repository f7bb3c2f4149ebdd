// Checks JSON syntax byte by byte, exactly as strictly as JSON.parse, without building values: the plan
// reader finds where each value ends with it, so that it can parse only the values it needs. Iterative
// (an explicit stack, with a depth limit), so deep nesting cannot overflow the call stack.
import type { ByteWindow } from './window';

/** Deeper than any Terraform output nests; the limit keeps every later recursive step safe. */
export const MAX_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const OBJECT = 1;
const ARRAY = 2;

/** Where the JSON text goes wrong: `end` when it ends too early, `depth` when it nests too deeply. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: 'unexpected' | 'end' | 'depth',
  ) {
    super(`${reason} at ${offset}`);
  }
}

/** What a resource element holds that decides how it is read. */
export interface ElementFacts {
  /** Byte range of the string value of its own `type` key, when it has one. */
  typeStart: number;
  typeEnd: number;
  typeEscaped: boolean;
  /** Byte ranges [start, end) of the values of payload keys, in order, outermost only. */
  cuts: number[];
  /** A sensitive-marker value under it marks something (a `true`, a path): its secrets must be read. */
  marksSensitive: boolean;
}

/** Keys whose values a skipped element need not keep; those in `sensitive` are marker trees of secrets. */
export interface PayloadKeys {
  payload: ReadonlySet<string>;
  sensitive: ReadonlySet<string>;
}

const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrt') ESCAPE[c.charCodeAt(0)] = 1;

export class Scanner {
  private readonly stack = new Uint8Array(MAX_DEPTH + 2);
  /** Whether the last string scanned holds an escape sequence. */
  escaped = false;

  constructor(readonly window: ByteWindow) {}

  /** The byte at `p`, or -1 past the end of the input. */
  peek(p: number): number {
    const w = this.window;
    if (p >= w.base + w.length && !w.fill(p)) return -1;
    return w.buf[p - w.base]!;
  }

  /** The first position at or after `p` that is not JSON whitespace. */
  ws(p: number): number {
    const w = this.window;
    for (;;) {
      let end = w.base + w.length;
      if (p >= end) {
        if (!w.fill(p)) return p;
        end = w.base + w.length;
      }
      const buf = w.buf;
      const base = w.base;
      while (p < end) {
        const c = buf[p - base]!;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return p;
        p++;
      }
    }
  }

  /** `p` is at an opening quote; returns the position after the closing one. */
  string(p: number): number {
    const w = this.window;
    let escaped = false;
    p++;
    for (;;) {
      if (p >= w.base + w.length && !w.fill(p)) throw new JsonSyntaxError(p, 'end');
      const buf = w.buf;
      const base = w.base;
      const end = base + w.length;
      while (p < end) {
        const c = buf[p - base]!;
        if (c === QUOTE) {
          this.escaped = escaped;
          return p + 1;
        }
        if (c === BACKSLASH) {
          escaped = true;
          const next = this.peek(p + 1);
          if (next === 0x75) {
            for (let k = 2; k < 6; k++) {
              const h = this.peek(p + k);
              if (h < 0) throw new JsonSyntaxError(p + k, 'end');
              if (HEX[h] !== 1) throw new JsonSyntaxError(p + k, 'unexpected');
            }
            p += 6;
          } else if (next >= 0 && ESCAPE[next] === 1) p += 2;
          else throw new JsonSyntaxError(p + 1, next < 0 ? 'end' : 'unexpected');
          break; // peek may have moved the window
        }
        if (c < 0x20) throw new JsonSyntaxError(p, 'unexpected');
        p++;
      }
    }
  }

  private digits(p: number): number {
    let c = this.peek(p);
    if (c < 0x30 || c > 0x39) throw new JsonSyntaxError(p, c < 0 ? 'end' : 'unexpected');
    do c = this.peek(++p);
    while (c >= 0x30 && c <= 0x39);
    return p;
  }

  number(p: number): number {
    if (this.peek(p) === MINUS) p++;
    const first = this.peek(p);
    if (first === 0x30) p++;
    else p = this.digits(p);
    if (this.peek(p) === 0x2e) p = this.digits(p + 1);
    const e = this.peek(p);
    if (e === 0x65 || e === 0x45) {
      p++;
      const sign = this.peek(p);
      if (sign === 0x2b || sign === MINUS) p++;
      p = this.digits(p);
    }
    return p;
  }

  private literal(p: number, word: string): number {
    for (let k = 0; k < word.length; k++) {
      const c = this.peek(p + k);
      if (c !== word.charCodeAt(k)) throw new JsonSyntaxError(p + k, c < 0 ? 'end' : 'unexpected');
    }
    return p + word.length;
  }

  private fail(p: number): never {
    throw new JsonSyntaxError(p, this.peek(p) < 0 ? 'end' : 'unexpected');
  }

  /** Decodes the key string at [from, to) (quotes included). */
  key(from: number, to: number): string {
    return this.escaped ? (JSON.parse(this.window.text(from, to)) as string) : this.window.buf.toString('latin1', from + 1 - this.window.base, to - 1 - this.window.base);
  }

  /**
   * Checks the value at `p` (after whitespace) and returns where it ends. `depth` is how deep the value
   * already is in the document. With `facts`, notes what `ElementFacts` describes, by `keys`.
   */
  value(p: number, depth: number, facts?: ElementFacts, keys?: PayloadKeys): number {
    const stack = this.stack;
    let level = 0;
    // The level of the object whose payload key's value is being scanned; -1 outside payloads.
    let payloadAt = -1;
    let payloadStart = 0;
    let sensitive = false;
    // 0: nothing; 1: the next value is the element's `type`; 2: a payload; 3: a sensitive payload.
    let pending = 0;
    for (;;) {
      p = this.ws(p);
      const c = this.peek(p);
      if (pending !== 0) {
        if (pending >= 2) {
          payloadAt = level;
          payloadStart = p;
          sensitive = pending === 3;
        } else if (c === QUOTE) facts!.typeStart = p;
      }
      const was = pending;
      pending = 0;
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth + level >= MAX_DEPTH) throw new JsonSyntaxError(p, 'depth');
        stack[++level] = c === OPEN_OBJECT ? OBJECT : ARRAY;
        p = this.ws(p + 1);
        const next = this.peek(p);
        if (next === (c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
          p++;
          level--;
        } else if (c === OPEN_OBJECT) {
          p = this.member(p, level, payloadAt, facts, keys);
          pending = this.pendingKey;
          continue;
        } else continue;
      } else if (c === QUOTE) {
        p = this.string(p);
        if (was === 1) {
          facts!.typeEnd = p;
          facts!.typeEscaped = this.escaped;
        }
        if (sensitive) facts!.marksSensitive = true;
      } else if (c === 0x74) {
        p = this.literal(p, 'true');
        if (sensitive) facts!.marksSensitive = true;
      } else if (c === 0x66) p = this.literal(p, 'false');
      else if (c === 0x6e) p = this.literal(p, 'null');
      else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
        p = this.number(p);
        if (sensitive) facts!.marksSensitive = true;
      } else this.fail(p);
      // After a value: close containers, or move to the next member or element.
      for (;;) {
        if (payloadAt === level) {
          facts!.cuts.push(payloadStart, p);
          payloadAt = -1;
          sensitive = false;
        }
        if (level === 0) return p;
        p = this.ws(p);
        const d = this.peek(p);
        if (stack[level] === OBJECT) {
          if (d === COMMA) {
            p = this.member(this.ws(p + 1), level, payloadAt, facts, keys);
            pending = this.pendingKey;
            break;
          }
          if (d === CLOSE_OBJECT) {
            p++;
            level--;
            continue;
          }
        } else {
          if (d === COMMA) {
            p++;
            break;
          }
          if (d === CLOSE_ARRAY) {
            p++;
            level--;
            continue;
          }
        }
        this.fail(p);
      }
    }
  }

  /** Set by member(): what the value of the key just read is to the element (see `pending` above). */
  private pendingKey = 0;

  /** Reads `"key" :` at `p` inside an object at `level`; returns the position after the colon. */
  private member(p: number, level: number, payloadAt: number, facts: ElementFacts | undefined, keys: PayloadKeys | undefined): number {
    if (this.peek(p) !== QUOTE) this.fail(p);
    const end = this.string(p);
    this.pendingKey = 0;
    if (facts && keys && payloadAt < 0 && end - p <= 26) {
      const key = this.key(p, end);
      if (level === 1 && key === 'type') this.pendingKey = 1;
      else if (keys.payload.has(key)) this.pendingKey = keys.sensitive.has(key) ? 3 : 2;
    }
    p = this.ws(end);
    if (this.peek(p) !== COLON) this.fail(p);
    return p + 1;
  }
}
