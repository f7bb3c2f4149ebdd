// The look-ahead of ahead.ts run in this thread: the same search, guess and segment reading
// (segments.ts) every `share` bytes, offered to the reader at the same points the worker would offer
// them, so that tests check what the reader does with segments on any input, without threads.
import type { Lookahead } from '../../src/inputs/json-stream/document';
import type { Unread } from '../../src/inputs/json-stream/fate';
import { Scanner } from '../../src/inputs/json-stream/scanner';
import { findSync, guessKind, readSegment, SEGMENT_DEPTH, type Segment } from '../../src/inputs/json-stream/segments';
import { ByteWindow } from '../../src/inputs/json-stream/window';

export class InThreadLookahead implements Lookahead {
  readonly depth = SEGMENT_DEPTH;
  /** Segments offered to the reader. */
  offered = 0;
  private readonly scanner: Scanner;
  private candidate: number;

  constructor(
    bytes: Buffer,
    private readonly unread: Unread,
    private readonly share: number,
    private readonly segment: number,
  ) {
    this.scanner = new Scanner(ByteWindow.ofBuffer(bytes));
    this.candidate = findSync(this.scanner.window, share);
  }

  at(p: number): Segment | undefined {
    // As the worker does once the reader has gone past its segment: search again a turn ahead.
    while (this.candidate >= 0 && p > this.candidate) this.candidate = findSync(this.scanner.window, p + this.share);
    if (p !== this.candidate) return undefined;
    let segment: Segment | undefined;
    try {
      const kind = guessKind(this.scanner, p);
      segment = kind === undefined ? undefined : readSegment(this.scanner, p, kind, this.unread, this.segment, () => false);
    } catch {
      segment = undefined;
    }
    this.candidate = findSync(this.scanner.window, (segment ? segment.next : p) + this.share);
    if (segment) this.offered++;
    return segment;
  }
}
