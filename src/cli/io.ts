// What the CLI may touch of the outside world, passed in so tests can run it in-process.
import writeFileAtomic from 'write-file-atomic';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdout is a terminal (colour by default). */
  isTTY: boolean;
  /** Whether stderr is a terminal (a progress line for long audits). */
  stderrIsTTY?: boolean;
  /** Standard input to its end, for the `-` input; the process's when absent. */
  readStdin?: () => Buffer;
}

export function processIo(): Io {
  // `okta-push-guard … | head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
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
  writeFileAtomic.sync(file, text, { encoding: 'utf8' });
}
