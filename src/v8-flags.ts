// V8 flags set while the process runs (the HCL loader's WebAssembly tier). The CLI's code cache must
// know: V8 stamps a cache with the flags in force when it is made and takes it only under those.
import { setFlagsFromString } from 'node:v8';

let current = '';
const listeners: Array<() => void> = [];

/** The flags set so far, in order ('' for none). */
export function runtimeV8Flags(): string {
  return current;
}

/** Calls `listener` just before each change, while the old flags are still in force. */
export function beforeV8FlagsChange(listener: () => void): void {
  listeners.push(listener);
}

export function setV8Flags(flags: string): void {
  for (const listener of listeners) listener();
  setFlagsFromString(flags);
  current = current ? `${current} ${flags}` : flags;
}
