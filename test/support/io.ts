// An in-memory Io for running the CLI inside a test.
import type { Io } from '../../src/cli/io';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(overrides: Partial<Io> = {}): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env: {},
    cwd: process.cwd(),
    isTTY: false,
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
