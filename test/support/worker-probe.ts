// A script to preload (`node --require`) into a CLI run: on exit it writes to stderr, one per line, the
// scripts of the worker threads the run started.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the probe into `dir`; returns its path. */
export function writeWorkerProbe(dir: string): string {
  const probe = join(dir, 'workers.js');
  writeFileSync(
    probe,
    "const t = require('node:worker_threads'); const W = t.Worker; const seen = [];\nt.Worker = class extends W { constructor(file, options) { super(file, options); seen.push(String(file)); } };\nprocess.on('exit', () => process.stderr.write(seen.join('\\n')));\n",
  );
  return probe;
}
