// Which files a run read, by identity (real path and inode), so the CLI can refuse to write a report
// over any of them: the tool is read-only on its inputs, also through a symbolic or hard link.
import { realpathSync, statSync, type Stats } from 'node:fs';

/** One file's identity: its real path, and its device and inode (a hard link shares them). */
export interface FileIdentity {
  real: string;
  inode: string;
}

function identityOf(path: string, stat: Stats): FileIdentity {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // Gone since it was read: the inode still identifies it.
  }
  return { real, inode: `${stat.dev}:${stat.ino}` };
}

/** The identity of an existing file, or undefined (a file that does not exist is nobody's input). */
export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    return identityOf(path, statSync(path));
  } catch {
    return undefined;
  }
}

export class ReadLog {
  private readonly reals = new Set<string>();
  private readonly inodes = new Set<string>();

  add(identity: FileIdentity): void {
    this.reals.add(identity.real);
    this.inodes.add(identity.inode);
  }

  delete(identity: FileIdentity): void {
    this.reals.delete(identity.real);
    this.inodes.delete(identity.inode);
  }

  has(identity: FileIdentity): boolean {
    return this.reals.has(identity.real) || this.inodes.has(identity.inode);
  }
}

// Logs of the runs under way. Reads are synchronous; with several runs at once (library callers), a read
// lands in each of their logs, which can only make a CLI run more careful, never less.
const active = new Set<ReadLog>();

/** Starts recording reads into a new log; call the returned function to stop. */
export function recordReads(): { log: ReadLog; stop: () => void } {
  const log = new ReadLog();
  active.add(log);
  return { log, stop: () => void active.delete(log) };
}

/** A file that was read only to be skipped (unrelated JSON in a folder) is no input after all. */
export function forgetRead(path: string): void {
  if (active.size === 0) return;
  const identity = fileIdentity(path);
  if (identity) for (const log of active) log.delete(identity);
}

/** Called by every reader of a user's file, with the stat it already made. */
export function noteRead(path: string, stat: Stats): void {
  if (active.size === 0) return;
  const identity = identityOf(path, stat);
  for (const log of active) log.add(identity);
}
