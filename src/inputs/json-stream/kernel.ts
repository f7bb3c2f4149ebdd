// The scanner's element loop in WebAssembly (scanner.wat): about three times the speed of the same loop
// in JavaScript, which reads every byte of a plan. A kernel owns one window's bytes: the window reads
// into the kernel's memory, so that nothing is copied. It only ever says where an element ends and what
// it holds; on anything else it answers -1 and scanner.ts reads that element in JavaScript, which
// reports errors exactly as before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementFacts, PayloadKeys } from './scanner';

/** Where the window starts in the kernel's memory (scanner.wat: stack, facts, cuts and key tables before it). */
const WINDOW_AT = 65536;
const TABLES_AT = 8192;
const FACTS_AT = 1024;
const CUTS_AT = 2048;
/** Bytes after the window that the kernel may read (sixteen at a time) but never takes as the window's. */
const SLACK = 64;
const PAGE = 65536;
const LONGEST_KEY = 31;

/** The little of the WebAssembly API used here (the TypeScript libraries this project builds with leave it out). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, once per thread; null where it cannot be had (no file, no WebAssembly SIMD). */
function module(): object | null {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(readFileSync(join(__dirname, 'scanner.wasm')));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

type Element = (at: number, length: number, room: number, table: number) => number;

export class Kernel {
  private readonly memory: Memory;
  private readonly run: Element;
  private facts: Int32Array;
  private cuts: Int32Array;
  private readonly tables = new Map<PayloadKeys, number>();
  private nextTable = TABLES_AT;

  private constructor(instance: { exports: Record<string, unknown> }) {
    this.memory = instance.exports.memory as Memory;
    this.run = instance.exports.element as Element;
    this.facts = new Int32Array(this.memory.buffer, FACTS_AT, 6);
    this.cuts = new Int32Array(this.memory.buffer, CUTS_AT, 1024);
  }

  /** A kernel of its own for one window, or undefined where none can be made (the JavaScript loop reads alone). */
  static create(): Kernel | undefined {
    const compiledModule = module();
    if (compiledModule === null) return undefined;
    try {
      return new Kernel(new wasm.Instance(compiledModule, {}));
    } catch {
      return undefined;
    }
  }

  /**
   * The window's buffer of `capacity` bytes, in this kernel's memory. Growing the memory keeps the bytes
   * where they are (so a window that grows keeps what it holds) but ends every earlier buffer; undefined
   * when the memory cannot grow (then nothing has changed).
   */
  buffer(capacity: number): Buffer | undefined {
    const needed = WINDOW_AT + capacity + SLACK;
    const have = this.memory.buffer.byteLength;
    if (needed > have) {
      try {
        this.memory.grow(Math.ceil((needed - have) / PAGE));
      } catch {
        return undefined;
      }
      this.facts = new Int32Array(this.memory.buffer, FACTS_AT, 6);
      this.cuts = new Int32Array(this.memory.buffer, CUTS_AT, 1024);
    }
    return Buffer.from(this.memory.buffer, WINDOW_AT, capacity);
  }

  /**
   * Scans the element at offset `at` of the window (which holds `length` bytes, from absolute offset
   * `base`) as Scanner.value does with facts, which must be as resetFacts leaves them: where it ends
   * (absolute), with `facts` filled in, or -1 with `facts` untouched.
   */
  element(at: number, length: number, base: number, room: number, keys: PayloadKeys, facts: ElementFacts): number {
    const table = this.tables.get(keys) ?? this.table(keys);
    if (table < 0) return -1;
    const end = this.run(WINDOW_AT + at, WINDOW_AT + length, room, table);
    if (end < 0) return -1;
    const f = this.facts;
    facts.typeStart = f[0]! < 0 ? -1 : base + f[0]! - WINDOW_AT;
    facts.typeEnd = f[1]! < 0 ? -1 : base + f[1]! - WINDOW_AT;
    facts.typeEscaped = f[2] !== 0;
    facts.marksSensitive = f[3] !== 0;
    facts.present = f[4]!;
    const cuts = this.cuts;
    for (let k = 0, n = f[5]!; k < n; k++) facts.cuts.push(base + cuts[k]! - WINDOW_AT);
    return base + end - WINDOW_AT;
  }

  /** Writes the key table of `keys` (layout in scanner.wat); -1 for keys it cannot hold. */
  private table(keys: PayloadKeys): number {
    const byLength = keys.candidates();
    let size = 20 + 4 * (LONGEST_KEY + 1);
    for (const list of byLength) for (const { bytes } of list ?? []) size += bytes.length + 1;
    size += byLength.length + 1;
    const at = this.nextTable;
    if (keys.required.length > 8 || byLength.length > LONGEST_KEY + 1 || at + size > WINDOW_AT) {
      this.tables.set(keys, -1);
      return -1;
    }
    const bytes = new Uint8Array(this.memory.buffer);
    const view = new DataView(this.memory.buffer);
    bytes.fill(0, at, at + size);
    view.setInt32(at, keys.nonEmpty, true);
    keys.requiredBytes.forEach((b, k) => (bytes[at + 4 + k] = b));
    keys.requiredLevels.forEach((level, k) => (bytes[at + 12 + k] = level));
    let entries = at + 20 + 4 * (LONGEST_KEY + 1);
    byLength.forEach((list, length) => {
      if (!list || list.length === 0) return;
      view.setInt32(at + 20 + 4 * length, entries, true);
      for (const { bytes: key, code } of list) {
        bytes[entries] = code;
        bytes.set(key, entries + 1);
        entries += key.length + 1;
      }
      bytes[entries++] = 0;
    });
    this.nextTable = at + size;
    this.tables.set(keys, at);
    return at;
  }
}
