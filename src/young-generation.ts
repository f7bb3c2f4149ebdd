// Holds V8's young generation at a few MiB once a large input has made it grow. Reading a plan keeps
// resources that live to the end of the run; every scavenge that copies them counts towards V8
// doubling the young generation, up to 16 MiB a semi-space (Node 20 to 24), memory the run then keeps
// and never needs: measured on the benchmark's 45 MB plan, 117 MiB at its peak against 94 MiB held
// here, in whole runs alike within the noise (the collections take about 30 ms more). The size itself can only be chosen before V8 starts
// (`--max-semi-space-size`); the growth factor is read each time V8 grows the space, so setting it to 1
// keeps the size the space has then.
import { ownsProcess, setV8Flags } from './v8-flags';

/**
 * Only inputs below this size hold it. A held young generation is collected more often, and copies the
 * resources that live to the end each time: on larger inputs that costs more than the memory it saves,
 * which is nothing there. Measured: on the benchmark's 614 MB plan 707 young-generation collections
 * (1.5 s) with the hold against 152 (0.84 s) without, at 383 against 385 MiB; on the 2 GB plan 1083
 * MiB at its peak with it against 988 without; on the 272 MB plan 204 against 235 MiB, both well
 * within its goal.
 */
export const HOLD_BELOW_INPUT_BYTES = 128 * 2 ** 20;

/** The young generation's size (both semi-spaces) from which it is held. */
const HOLD_FROM_BYTES = 4 * 2 ** 20;

let held = false;

/**
 * Called now and then by a reader of a large input: holds the young generation once it has grown, in
 * the CLI's own process only (v8-flags.ts): a library must not change how its host's heap grows.
 */
export function holdYoungGenerationIfGrown(): void {
  if (held || !ownsProcess()) return;
  const young = (require('node:v8') as typeof import('node:v8')).getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (young === undefined || young.space_size < HOLD_FROM_BYTES) return;
  held = true;
  setV8Flags('--semi-space-growth-factor=1');
}
