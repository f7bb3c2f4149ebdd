// V8 flags set while the process runs (the HCL loader's WebAssembly tier, the young generation's
// growth). They apply to the whole process, so they are set only where the process is the CLI's own
// (bin says so): a library host (lint(), the CDK aspect, a test runner) keeps the flags it has. The
// CLI's code cache must know of every change: V8 stamps a cache with the flags in force when it is made
// and takes it only under those.
let own = false;
let current = '';
const listeners: Array<() => void> = [];

/** Said by the CLI's entry point (bin/okta-push-guard.js), and only there: this process is the tool's own. */
export function ownProcess(): void {
  own = true;
}

/** Whether this process is the CLI's own (ownProcess was called), where V8 flags may be set. */
export function ownsProcess(): boolean {
  return own;
}

/** The flags set so far, in order ('' for none). */
export function runtimeV8Flags(): string {
  return current;
}

/** Calls `listener` just before each change, while the old flags are still in force. */
export function beforeV8FlagsChange(listener: () => void): void {
  listeners.push(listener);
}

/** Sets `flags` in the CLI's own process; anywhere else does nothing. */
export function setV8Flags(flags: string): void {
  if (!own) return;
  for (const listener of listeners) listener();
  // node:v8 is loaded by the first change only: most runs make none, and it costs about 1 ms to load.
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
  current = current ? `${current} ${flags}` : flags;
}
