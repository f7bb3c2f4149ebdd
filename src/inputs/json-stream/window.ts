// A sliding window over the bytes of one input: read chunk by chunk from a file descriptor or from a
// buffer in memory (into a WebAssembly kernel's memory, kernel.ts), or over a buffer held whole.
// Positions are absolute offsets into the input; the window keeps every byte from `keep` on, so memory
// holds the part still to be parsed, never the whole input. Reads name their position in the file, so
// two readers (the look-ahead's thread and this one) never share an offset.
import { readSync } from 'node:fs';
import { Kernel } from './kernel';

// With the WebAssembly kernel, 2 MiB reads as fast as 8 MiB did (alternating runs on a 45 MB plan and a
// 614 MB one) in 6 MiB less memory; before it, a 1 MiB window made the JavaScript loop slower.
const CHUNK = 2 * 1024 * 1024;

export class ReadFailure extends Error {
  constructor(readonly code: string | undefined) {
    super(`cannot be read (${code ?? 'unknown error'})`);
  }
}

export class ByteWindow {
  /** Bytes from absolute offset `base` to `base + length`. */
  buf: Buffer;
  base = 0;
  length: number;
  eof: boolean;
  /** The earliest absolute offset still needed (bytes before it may be dropped); -1 for none. */
  keep = 0;
  /** The WebAssembly scanner whose memory holds `buf` (kernel.ts), when there is one. */
  kernel: Kernel | undefined;

  constructor(
    /** Reads bytes from `position` into `into` at `at`, at most `length`; 0 at the end. None for an input held whole. */
    private readonly source: ((into: Buffer, at: number, length: number, position: number) => number) | undefined,
    initial: Buffer,
    eof: boolean,
    /** How much is read at a time (small in tests, to cross chunk boundaries everywhere). */
    private readonly chunk = CHUNK,
  ) {
    this.buf = initial;
    this.length = initial.length;
    this.eof = eof;
  }

  static ofBuffer(bytes: Buffer): ByteWindow {
    return new ByteWindow(undefined, bytes, true);
  }

  /**
   * An input in memory read through a WebAssembly scanner's memory a chunk at a time, from `position`
   * (chunks are copied: the kernel reads only its own memory); held whole as ofBuffer holds it where no
   * kernel can be made.
   */
  static ofBytes(bytes: Buffer, chunk = CHUNK, position = 0): ByteWindow {
    const scanner = Kernel.create();
    const buf = scanner?.buffer(chunk);
    if (buf === undefined) return ByteWindow.ofBuffer(bytes);
    const source = (into: Buffer, at: number, length: number, from: number): number => (from >= bytes.length ? 0 : bytes.copy(into, at, from, Math.min(bytes.length, from + length)));
    return ByteWindow.start(new ByteWindow(source, buf, false, chunk), position, scanner);
  }

  /**
   * Reads the first chunk of `fd` from `position`; later chunks are read as the scan reaches them. With
   * `kernel`, the bytes are read into the memory of a WebAssembly scanner of the window's own, where one
   * can be made.
   */
  static ofFile(fd: number, chunk = CHUNK, position = 0, kernel = false): ByteWindow {
    const scanner = kernel ? Kernel.create() : undefined;
    const buf = scanner?.buffer(chunk);
    const source = (into: Buffer, at: number, length: number, from: number): number => readSync(fd, into, at, length, from);
    return ByteWindow.start(new ByteWindow(source, buf ?? Buffer.allocUnsafe(chunk), false, chunk), position, buf === undefined ? undefined : scanner);
  }

  private static start(window: ByteWindow, position: number, kernel: Kernel | undefined): ByteWindow {
    window.kernel = kernel;
    window.length = 0;
    window.base = position;
    window.keep = position;
    window.read();
    return window;
  }

  /**
   * Moves the window to `position` of a file, dropping what it holds: the bytes in between were read
   * by someone else (the look-ahead reader). Reads are positional, so nothing else need move.
   */
  seek(position: number): void {
    // An input held whole: nothing to read again.
    if (this.source === undefined) return;
    this.base = position;
    this.length = 0;
    this.keep = position;
    this.eof = false;
  }

  get end(): number {
    return this.base + this.length;
  }

  /** Makes the byte at `position` available; false when the input ends before it. */
  fill(position: number): boolean {
    while (position >= this.base + this.length) {
      if (this.eof) return false;
      this.read();
    }
    return true;
  }

  private read(): void {
    if (this.buf.length - this.length < this.chunk >> 1 || this.length === this.buf.length) {
      const drop = (this.keep < 0 ? this.base + this.length : this.keep) - this.base;
      if (drop > 0) {
        this.buf.copyWithin(0, drop, this.length);
        this.length -= drop;
        this.base += drop;
      }
    }
    if (this.buf.length - this.length < this.chunk >> 1 || this.length === this.buf.length) {
      // What is still needed leaves no room for a chunk: one value is that large.
      const size = Math.max(this.buf.length * 2, this.length + this.chunk);
      // The kernel's memory grows with its bytes in place; where it cannot, the window reads on without it.
      const grown = this.kernel?.buffer(size);
      if (grown !== undefined) this.buf = grown;
      else {
        const bigger = Buffer.allocUnsafe(size);
        this.buf.copy(bigger, 0, 0, this.length);
        this.buf = bigger;
        this.kernel = undefined;
      }
    }
    let n: number;
    try {
      n = this.source!(this.buf, this.length, this.buf.length - this.length, this.base + this.length);
    } catch (error) {
      throw new ReadFailure((error as NodeJS.ErrnoException).code);
    }
    if (n === 0) this.eof = true;
    this.length += n;
  }

  /** The UTF-8 text of bytes [from, to), which must still be in the window. */
  text(from: number, to: number): string {
    return this.buf.toString('utf8', from - this.base, to - this.base);
  }
}
