// Reads a plan, state or tfstate input in bounded memory: bytes stream through a window, and only the
// resources the analysis reads are parsed whole (see document.ts). Inputs of any size, beyond the
// longest string V8 can hold. Encodings and wrappers that need the whole text (UTF-16, setup-terraform
// output) are decoded first, as before, and then read the same way.
import { closeSync, fstatSync, readSync } from 'node:fs';
import { LoadError, type Result } from '../load-error';
import { MAX_DOCUMENT_BYTES, tooDeepDetail } from '../limits';
import { openInputFile, readInputFile } from '../read-file';
import type { JsonInput } from '../read-json';
import type { Ahead, Turns } from './ahead';
import { DocumentReader, type Lookahead, type Unread } from './document';
import { JsonSyntaxError, Scanner } from './scanner';
import { StringPool } from './strings';
import { HOLD_BELOW_INPUT_BYTES } from '../../young-generation';
import { DOCUMENT } from './shapes';
import { ByteWindow, ReadFailure } from './window';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const COMMAND = Buffer.from('[command]');

type ReadAt = (into: Buffer, position: number) => number;

export type { Unread } from './document';

/**
 * Inputs from this size on are read with a look-ahead thread (ahead.ts). Below it, starting the thread
 * and running the scanner cold in it cost more than it saves (measured: a 90 MB plan read 0.1 s slower
 * with it, a 272 MB plan 0.1 s faster).
 */
export const AHEAD_FROM_BYTES = 128 * 2 ** 20;

/**
 * Inputs from this size on are scanned by the WebAssembly kernel (kernel.ts); below it, loading the kernel
 * would cost more than it saves, and start-up stays as it was.
 */
export const KERNEL_FROM_BYTES = 2 ** 20;

/**
 * Inputs from this size on keep one copy of each string of the resources they keep (strings.ts). Below
 * it, the memory saved is small and the lookups cost time (measured: a 45 MB plan read 5 % slower with
 * it; at 272 MB the time is the same and 7 % less memory, at 2 GB 15 % less).
 */
export const SHARE_FROM_BYTES = 128 * 2 ** 20;

/** The look-ahead thread's side here, loaded by the runs that start one. */
function ahead(): typeof import('./ahead') {
  return require('./ahead') as typeof import('./ahead');
}

/** How a file is read: the window's chunk size (small in tests), and whether and how a look-ahead thread helps. */
export interface StreamOptions {
  chunk?: number;
  /** Turns of the look-ahead thread (ahead.ts), or false for none; by default, one for inputs of AHEAD_FROM_BYTES and more. */
  ahead?: Turns | false;
  /** Whether the WebAssembly kernel scans; by default, for inputs of KERNEL_FROM_BYTES and more. */
  kernel?: boolean;
  /** Whether the strings of kept resources are shared (strings.ts); by default, for inputs of SHARE_FROM_BYTES and more. */
  share?: boolean;
}

/** What the reader does by the input's size: hold the young generation (young-generation.ts), share strings (strings.ts). */
interface Sizing {
  hold: boolean;
  share: boolean;
}

function sizing(size: number, options: StreamOptions): Sizing {
  return { hold: size < HOLD_BELOW_INPUT_BYTES, share: options.share ?? size >= SHARE_FROM_BYTES };
}

/** Reads the file `file` (shown as `display`); `unread` says what becomes of resources no rule reads. */
export function readJsonStream(file: string, display: string, unread: Unread = 'drop', options: StreamOptions = {}): Result<JsonInput> {
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openInputFile(file, display, undefined, MAX_DOCUMENT_BYTES));
  } catch (error) {
    if (error instanceof LoadError) return { ok: false, error };
    throw error;
  }
  let helping: Ahead | undefined;
  try {
    return guarded(display, () => {
      const window = ByteWindow.ofFile(fd, options.chunk, 0, options.kernel ?? size >= KERNEL_FROM_BYTES);
      const helper = (): Lookahead | undefined => {
        if (options.ahead === false || (options.ahead === undefined && size < AHEAD_FROM_BYTES)) return undefined;
        const { dev, ino, mtimeMs } = fstatSync(fd);
        helping = ahead().Ahead.start({ path: file, identity: { dev, ino, size, mtimeMs } }, unread, options.ahead || undefined, options.chunk);
        return helping;
      };
      return fromWindow(window, display, unread, () => readInputFile(file, display, undefined, MAX_DOCUMENT_BYTES), (into, position) => readSync(fd, into, 0, into.length, position), sizing(size, options), helper);
    });
  } finally {
    helping?.stop();
    closeSync(fd);
  }
}

/**
 * Reads an input already in memory (standard input). Held in shared memory (readStandardInput does that
 * for large input), it is read with a look-ahead thread as a file is; from KERNEL_FROM_BYTES on, through
 * the WebAssembly kernel's memory, a chunk at a time.
 */
export function readJsonStreamBytes(bytes: Buffer, display: string, unread: Unread = 'drop', options: StreamOptions = {}): Result<JsonInput> {
  let helping: Ahead | undefined;
  const helper = (): Lookahead | undefined => {
    if (options.ahead === false || !(bytes.buffer instanceof SharedArrayBuffer) || (options.ahead === undefined && bytes.length < AHEAD_FROM_BYTES)) return undefined;
    helping = ahead().Ahead.start({ shared: bytes.buffer, offset: bytes.byteOffset, length: bytes.length }, unread, options.ahead || undefined);
    return helping;
  };
  try {
    const window = (options.kernel ?? bytes.length >= KERNEL_FROM_BYTES) ? ByteWindow.ofBytes(bytes, options.chunk) : ByteWindow.ofBuffer(bytes);
    return guarded(display, () => fromWindow(window, display, unread, () => bytes, memoryReader(bytes), sizing(bytes.length, options), helper));
  } finally {
    helping?.stop();
  }
}

function memoryReader(bytes: Buffer): ReadAt {
  return (into, position) => bytes.copy(into, 0, position, Math.min(bytes.length, position + into.length));
}

function guarded(display: string, read: () => Result<JsonInput>): Result<JsonInput> {
  try {
    return read();
  } catch (error) {
    if (error instanceof LoadError) return { ok: false, error };
    if (error instanceof ReadFailure) return { ok: false, error: new LoadError('unreadable', display, error.message) };
    throw error;
  }
}

function startsWith(window: ByteWindow, bytes: readonly number[] | Buffer, at = 0): boolean {
  if (window.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (window.buf[at + i] !== bytes[i]) return false;
  return true;
}

function utf8Bom(w: ByteWindow): number {
  return w.length >= 3 && w.buf[0] === 0xef && w.buf[1] === 0xbb && w.buf[2] === 0xbf ? 3 : 0;
}

/** Input that must be decoded whole first: UTF-16 (with or without a byte-order mark), or setup-terraform output. */
function needsDecoding(w: ByteWindow): boolean {
  const b = w.buf;
  if (w.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return true;
  if (w.length >= 4 && b[1] === 0 && b[3] === 0 && b[0] !== 0) return true;
  return startsWith(w, COMMAND, utf8Bom(w));
}

function fromWindow(window: ByteWindow, display: string, unread: Unread, whole: () => Buffer, readAt: ReadAt, by: Sizing, helper: () => Lookahead | undefined = () => undefined): Result<JsonInput> {
  if (window.length === 0) return fail('empty', display, 'the file is empty');
  if (startsWith(window, ZIP_MAGIC)) {
    return fail('binary-plan', display, 'this is a binary Terraform plan file; convert it first with `terraform show -json tfplan > plan.json` and lint plan.json');
  }
  if (needsDecoding(window)) {
    let text: string;
    try {
      // The decoders are loaded only for such input.
      const { decode, isOddUtf16, ODD_UTF16, unwrapSetupTerraform } = require('../read-json') as typeof import('../read-json');
      const bytes = whole();
      if (isOddUtf16(bytes)) return fail('invalid-json', display, ODD_UTF16);
      text = unwrapSetupTerraform(decode(bytes));
    } catch (error) {
      if (error instanceof RangeError) return fail('unreadable', display, 'too large to decode from UTF-16 or unwrap from setup-terraform output; write the plan as plain UTF-8 JSON');
      throw error;
    }
    if (text.trim() === '') return fail('empty', display, 'the file holds only whitespace');
    const utf8 = Buffer.from(text, 'utf8');
    return parseWindow(ByteWindow.ofBuffer(utf8), 0, display, unread, memoryReader(utf8), by);
  }
  return parseWindow(window, utf8Bom(window), display, unread, readAt, by, helper);
}

function parseWindow(window: ByteWindow, origin: number, display: string, unread: Unread, readAt: ReadAt, by: Sizing, helper: () => Lookahead | undefined = () => undefined): Result<JsonInput> {
  const scanner = new Scanner(window);
  if (scanner.peek(scanner.ws(origin)) < 0) return fail('empty', display, 'the file holds only whitespace');
  try {
    const json = new DocumentReader(scanner, unread, helper(), by.hold, by.share ? new StringPool() : undefined).document(origin, DOCUMENT);
    return { ok: true, value: { json, bytes: window.end } };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return fail(error.reason === 'depth' ? 'too-complex' : 'invalid-json', display, explain(error, origin, readAt));
  }
}

/** The message describeJsonError gives for the same text: line and column, never the content. */
function explain(error: JsonSyntaxError, origin: number, readAt: ReadAt): string {
  if (error.reason === 'end') {
    const { line } = position(readAt, origin, Number.MAX_SAFE_INTEGER);
    return `truncated JSON: the input ends before the document is complete (line ${line})`;
  }
  const { line, column, byte } = position(readAt, origin, error.offset);
  if (error.reason === 'depth') return `${tooDeepDetail()}, at line ${line}, column ${column}`;
  const what = byte === undefined ? 'end of input' : byte >= 0x20 && byte <= 0x7e ? `'${String.fromCharCode(byte)}'` : 'a control character';
  return `invalid JSON at line ${line}, column ${column}: unexpected ${what}`;
}

/**
 * Line and column (1-based, the column in UTF-16 code units as JavaScript counts text) of byte `offset`,
 * read again from the input: errors are rare, so the scan does not count lines as it goes.
 */
function position(readAt: ReadAt, origin: number, offset: number): { line: number; column: number; byte?: number } {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let line = 1;
  let column = 1;
  let at = origin;
  while (at < offset) {
    const n = readAt(chunk, at);
    if (n <= 0) break;
    const stop = Math.min(n, offset - at);
    for (let i = 0; i < stop; i++) {
      const c = chunk[i]!;
      if (c === 0x0a) {
        line++;
        column = 1;
      } else if ((c & 0xc0) !== 0x80) column += c >= 0xf0 ? 2 : 1;
    }
    at += stop;
    if (stop < n) return { line, column, byte: chunk[stop]! };
  }
  const n = offset === Number.MAX_SAFE_INTEGER ? 0 : readAt(chunk.subarray(0, 1), at);
  return n > 0 ? { line, column, byte: chunk[0]! } : { line, column };
}

function fail(code: LoadError['code'], file: string, detail: string): Result<JsonInput> {
  return { ok: false, error: new LoadError(code, file, detail) };
}
