// What the CLI may touch of the outside world, passed in so tests can run it in-process.
import { fstatSync, writeSync } from 'node:fs';
import type writeFileAtomicType from 'write-file-atomic';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colour by default). */
  isTTY: boolean;
  /** Whether stderr is a terminal (a progress line for long audits). */
  stderrIsTTY?: boolean;
  /** The terminal's width, where stdout is one (help is laid out to it). */
  columns?: number;
  /** Standard input to its end, for the `-` input; the process's when absent. */
  readStdin?: () => Buffer;
}

type Descriptor = 1 | 2;

const streamOf = (fd: Descriptor): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);

/** `okta-push-guard … | head` closes stdout early; that is not an error worth a stack trace. */
function quietOnEpipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return stream;
}

/**
 * Whether the descriptor is a terminal, without loading node:tty (which loads node:net and the
 * streams) where it cannot be one: a pipe, a file or a socket.
 */
function isTerminal(fd: Descriptor): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && (require('node:tty') as typeof import('node:tty')).isatty(fd);
  } catch {
    return false;
  }
}

/**
 * Writes to a pipe or file descriptor directly. Node's process.stdout for a pipe is a socket: making
 * it loads node:net and the streams, about 5 % of a small lint's run without the code cache, and on
 * Linux it writes pipes synchronously anyway. Where the descriptor will not take a write now (EAGAIN:
 * it is non-blocking, set so by another process that shares it) or fails otherwise, the rest goes
 * through Node's stream, which handles that as it always has. A reader that has gone (EPIPE) ends
 * the output, as `| head` expects.
 */
function descriptorWriter(fd: Descriptor): (text: string) => void {
  let gone = false;
  let stream: NodeJS.WriteStream | undefined;
  return (text) => {
    if (gone) return;
    if (stream) return void stream.write(text);
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) {
      try {
        at += writeSync(fd, bytes, at);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
          gone = true;
          return;
        }
        stream = quietOnEpipe(streamOf(fd));
        stream.write(bytes.subarray(at));
        return;
      }
    }
  };
}

/** Terminals, and every descriptor on Windows (its console wants UTF-16), take Node's streams. */
function writerFor(fd: Descriptor, terminal: boolean): (text: string) => void {
  if (!terminal && process.platform !== 'win32') return descriptorWriter(fd);
  const stream = fd === 1 ? quietOnEpipe(streamOf(fd)) : streamOf(fd);
  return (text) => void stream.write(text);
}

export function processIo(): Io {
  const isTTY = isTerminal(1);
  const stderrIsTTY = isTerminal(2);
  return {
    stdout: writerFor(1, isTTY),
    stderr: writerFor(2, stderrIsTTY),
    env: process.env,
    cwd: process.cwd(),
    isTTY,
    stderrIsTTY,
    ...(isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  };
}

/** --color / --no-color win; then NO_COLOR and FORCE_COLOR; then whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, io: Io): boolean {
  if (flag !== undefined) return flag;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

/** Writes through a temporary file and a rename, so readers never see half a report. */
export function writeAtomically(file: string, text: string): void {
  // Loaded here: only runs that write a file pay for it.
  (require('write-file-atomic') as typeof writeFileAtomicType).sync(file, text, { encoding: 'utf8' });
}
