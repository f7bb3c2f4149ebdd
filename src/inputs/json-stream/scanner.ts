// Checks JSON syntax byte by byte, exactly as strictly as JSON.parse, without building values: the plan
// reader finds where each value ends with it, so that it can parse only the values it needs. Iterative
// (an explicit stack, with a depth limit), so deep nesting cannot overflow the call stack.
import { MAX_JSON_DEPTH } from '../limits';
import type { ByteWindow } from './window';

/** The documented limit (limits.ts), deeper than any Terraform output nests; it keeps every later recursive step safe. */
export const MAX_DEPTH = MAX_JSON_DEPTH;

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
  /** Bit k: its own member `required[k]` is there, of the kind required. */
  present: number;
}

/** The kind of value a member must have for an element to be dropped unread. */
export type RequiredKind = 'string' | 'object' | 'array' | 'non-empty array';

/** What classify() says of a key: `type`, a payload, a sensitive payload, a required member, or nothing of interest. */
export const TYPE_KEY = 1;
const PAYLOAD_KEY = 2;
const SENSITIVE_KEY = 3;
/** REQUIRED_KEY + k: the element's own member `required[k]`. */
const REQUIRED_KEY = 8;
const KIND_BYTE: Readonly<Record<RequiredKind, number>> = { string: 0x22, object: 0x7b, array: 0x5b, 'non-empty array': 0x5b };

/**
 * Keys whose values a skipped element need not keep (those in `sensitive` are marker trees of secrets),
 * and the members an element must have, of the kinds given, to be dropped unread: one without them is
 * parsed whole, so that the loader says what is wrong with it.
 */
export class PayloadKeys {
  /** Candidate keys by byte length, compared byte by byte: no string is made for a key. */
  private readonly byLength: (readonly { bytes: Buffer; code: number }[])[] = [];

  /** The candidate keys by byte length, with their codes (kernel.ts writes them into its table). */
  candidates(): readonly (readonly { bytes: Buffer; code: number }[] | undefined)[] {
    return this.byLength;
  }

  /** The first byte each required member's value must have. */
  readonly requiredBytes: number[];
  /** The level of the element each required member is at (1: the element's own members). */
  readonly requiredLevels: number[];
  /** Bits of the required members that must not be empty arrays. */
  readonly nonEmpty: number;
  /** `present` when every required member is there. */
  readonly allPresent: number;

  constructor(
    readonly payload: ReadonlySet<string>,
    readonly sensitive: ReadonlySet<string>,
    readonly required: readonly (readonly [string, RequiredKind, number?])[] = [],
  ) {
    const add = (key: string, code: number): void => {
      const bytes = Buffer.from(key, 'latin1');
      (this.byLength[bytes.length] ??= [] as { bytes: Buffer; code: number }[]);
      (this.byLength[bytes.length] as { bytes: Buffer; code: number }[]).push({ bytes, code });
    };
    add('type', TYPE_KEY);
    for (const key of payload) add(key, sensitive.has(key) ? SENSITIVE_KEY : PAYLOAD_KEY);
    required.forEach(([key], k) => add(key, REQUIRED_KEY + k));
    this.requiredBytes = required.map(([, kind]) => KIND_BYTE[kind]);
    this.requiredLevels = required.map(([, , level]) => level ?? 1);
    this.nonEmpty = required.reduce((bits, [, kind], k) => (kind === 'non-empty array' ? bits | (1 << k) : bits), 0);
    this.allPresent = (1 << required.length) - 1;
  }

  /** The code of a key written with escapes. */
  classifyText(key: string): number {
    if (key === 'type') return TYPE_KEY;
    const k = this.required.findIndex(([name]) => name === key);
    if (k >= 0) return REQUIRED_KEY + k;
    return this.payload.has(key) ? (this.sensitive.has(key) ? SENSITIVE_KEY : PAYLOAD_KEY) : 0;
  }

  /** The code of the unescaped key in bytes [from, to) of `buf`. */
  classify(buf: Buffer, from: number, to: number): number {
    const candidates = this.byLength[to - from];
    if (candidates === undefined) return 0;
    for (const { bytes, code } of candidates) {
      let k = 0;
      while (k < bytes.length && buf[from + k] === bytes[k]) k++;
      if (k === bytes.length) return code;
    }
    return 0;
  }
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

  /** The byte at `p` when it is past the window: reads on (the caller reloads its view of the window). */
  private slow(p: number): number {
    return this.window.fill(p) ? this.window.buf[p - this.window.base]! : -1;
  }

  /**
   * Checks the value at `p` (after whitespace) and returns where it ends. `depth` is how deep the value
   * already is in the document. With `facts`, notes what `ElementFacts` describes, by `keys`.
   * One loop over local copies of the window (this runs over every byte of the input); anything at the
   * window's end goes through slow(), after which the locals are read again.
   */
  value(p: number, depth: number, facts?: ElementFacts, keys?: PayloadKeys): number {
    const w = this.window;
    if (w.kernel !== undefined && facts !== undefined && keys !== undefined && p >= w.base && p < w.base + w.length) {
      const end = w.kernel.element(p - w.base, w.length, w.base, MAX_DEPTH - depth, keys, facts);
      if (end >= 0) return end;
      // Not finished there (the window's end, an error, a key with escapes), and `facts` untouched: read below.
    }
    const stack = this.stack;
    let buf = w.buf;
    let base = w.base;
    let len = w.length;
    let i = p - base;
    let c = 0;
    let level = 0;
    // The level of the object whose payload key's value is being scanned; -1 outside payloads.
    let payloadAt = -1;
    let payloadStart = 0;
    let sensitive = false;
    // 0: nothing; 1: the next value is the element's `type`; 2: a payload; 3: a sensitive payload.
    let pending = 0;
    const classify = facts !== undefined && keys !== undefined;
    // The bit of a required member whose value, an array just opened, must not be empty.
    let nonEmpty = 0;
    for (;;) {
      // Whitespace, then the first byte of a value.
      for (;;) {
        if (i < len) c = buf[i]!;
        else {
          const a = base + i;
          c = this.slow(a);
          buf = w.buf;
          base = w.base;
          len = w.length;
          i = a - base;
        }
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
        i++;
      }
      if (pending !== 0) {
        if (pending >= REQUIRED_KEY) {
          const bit = 1 << (pending - REQUIRED_KEY);
          facts!.present &= ~bit;
          if (c === keys!.requiredBytes[pending - REQUIRED_KEY]) {
            if (keys!.nonEmpty & bit) nonEmpty = bit;
            else facts!.present |= bit;
          }
          pending = 0;
        } else if (pending >= 2) {
          payloadAt = level;
          payloadStart = base + i;
          sensitive = pending === 3;
        } else if (c === QUOTE) facts!.typeStart = base + i;
      }
      const was = pending;
      pending = 0;
      let member = false;
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth + level >= MAX_DEPTH) throw new JsonSyntaxError(base + i, 'depth');
        const object = c === OPEN_OBJECT;
        stack[++level] = object ? OBJECT : ARRAY;
        i++;
        for (;;) {
          if (i < len) c = buf[i]!;
          else {
            const a = base + i;
            c = this.slow(a);
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
          }
          if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
          i++;
        }
        if (nonEmpty !== 0) {
          if (c !== CLOSE_ARRAY) facts!.present |= nonEmpty;
          nonEmpty = 0;
        }
        if (c === (object ? CLOSE_OBJECT : CLOSE_ARRAY)) {
          i++;
          level--;
        } else if (object) member = true;
        else continue;
      } else if (c === QUOTE) {
        // A string: the loop that sees most of the input's bytes.
        let escaped = false;
        i++;
        for (;;) {
          if (i >= len) {
            const a = base + i;
            if (this.slow(a) < 0) throw new JsonSyntaxError(a, 'end');
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
          }
          c = buf[i]!;
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            escaped = true;
            const a = this.escape(base + i);
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
            continue;
          }
          if (c < 0x20) throw new JsonSyntaxError(base + i, 'unexpected');
          i++;
        }
        i++;
        if (was === 1) {
          facts!.typeEnd = base + i;
          facts!.typeEscaped = escaped;
        }
        if (sensitive) facts!.marksSensitive = true;
      } else {
        let a: number;
        if (c === 0x74) {
          a = this.literal(base + i, 'true');
          if (sensitive) facts!.marksSensitive = true;
        } else if (c === 0x66) a = this.literal(base + i, 'false');
        else if (c === 0x6e) a = this.literal(base + i, 'null');
        else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
          a = this.number(base + i);
          if (sensitive) facts!.marksSensitive = true;
        } else throw new JsonSyntaxError(base + i, c < 0 ? 'end' : 'unexpected');
        buf = w.buf;
        base = w.base;
        len = w.length;
        i = a - base;
      }
      // After a value: close containers, or move on to the next member or element.
      while (!member) {
        if (payloadAt === level) {
          facts!.cuts.push(payloadStart, base + i);
          payloadAt = -1;
          sensitive = false;
        }
        if (level === 0) return base + i;
        for (;;) {
          if (i < len) c = buf[i]!;
          else {
            const a = base + i;
            c = this.slow(a);
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
          }
          if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
          i++;
        }
        if (stack[level] === OBJECT) {
          if (c === COMMA) {
            i++;
            member = true;
            break;
          }
          if (c === CLOSE_OBJECT) {
            i++;
            level--;
            continue;
          }
        } else {
          if (c === COMMA) {
            i++;
            break;
          }
          if (c === CLOSE_ARRAY) {
            i++;
            level--;
            continue;
          }
        }
        throw new JsonSyntaxError(base + i, c < 0 ? 'end' : 'unexpected');
      }
      if (member) {
        // `"key" :` of an object member; outside payloads, its name may say what the value is.
        for (;;) {
          if (i < len) c = buf[i]!;
          else {
            const a = base + i;
            c = this.slow(a);
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
          }
          if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
          i++;
        }
        if (c !== QUOTE) throw new JsonSyntaxError(base + i, c < 0 ? 'end' : 'unexpected');
        // The string loop again, written out: a call per key (there are millions) costs measurably.
        const keyStart = base + i;
        let escaped = false;
        i++;
        for (;;) {
          if (i >= len) {
            const a = base + i;
            if (this.slow(a) < 0) throw new JsonSyntaxError(a, 'end');
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
          }
          c = buf[i]!;
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            escaped = true;
            const a = this.escape(base + i);
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
            continue;
          }
          if (c < 0x20) throw new JsonSyntaxError(base + i, 'unexpected');
          i++;
        }
        i++;
        if (classify && payloadAt < 0) {
          const code = escaped ? keys.classifyText(JSON.parse(w.text(keyStart, base + i)) as string) : keys.classify(buf, keyStart + 1 - base, i - 1);
          if (code === TYPE_KEY) pending = level === 1 ? code : 0;
          else if (code >= REQUIRED_KEY) pending = level === keys.requiredLevels[code - REQUIRED_KEY] ? code : 0;
          else pending = code;
        }
        for (;;) {
          if (i < len) c = buf[i]!;
          else {
            const a = base + i;
            c = this.slow(a);
            buf = w.buf;
            base = w.base;
            len = w.length;
            i = a - base;
          }
          if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
          i++;
        }
        if (c !== COLON) throw new JsonSyntaxError(base + i, c < 0 ? 'end' : 'unexpected');
        i++;
      }
    }
  }

  /** `p` is at a backslash in a string; returns the position after the escape sequence. */
  private escape(p: number): number {
    const next = this.peek(p + 1);
    if (next === 0x75) {
      for (let k = 2; k < 6; k++) {
        const h = this.peek(p + k);
        if (h < 0) throw new JsonSyntaxError(p + k, 'end');
        if (HEX[h] !== 1) throw new JsonSyntaxError(p + k, 'unexpected');
      }
      return p + 6;
    }
    if (next >= 0 && ESCAPE[next] === 1) return p + 2;
    throw new JsonSyntaxError(p + 1, next < 0 ? 'end' : 'unexpected');
  }
}
