// What the fuzz harness counts as a failure of one lint run (a hang and a memory blow-up are seen by
// the parent, which times the worker and watches it die).
'use strict';
const { SECRET } = require('./mutate');

/**
 * What is wrong with a result, or undefined. `job.planted`: the secret was planted where it must stay
 * secret, so finding it in stdout, stderr or any file the run wrote is a leak.
 */
function problem(job, result) {
  if (result.thrown) return `threw: ${result.thrown}`;
  if (/internal error/.test(result.err)) return `internal error: ${result.err.split('\n')[0]}`;
  if (![0, 1, 2].includes(result.code)) return `exit code ${result.code}`;
  if (result.changed.length > 0) return `changed its input ${result.changed.join(', ')}`;
  if (result.code === 2 && result.err.split('\n').filter(Boolean).length !== 1) return `an error of ${result.err.split('\n').length - 1} lines`;
  if (job.planted) {
    const texts = [result.out, result.err, ...Object.values(result.written)];
    if (texts.some((t) => t.includes(SECRET))) return 'the planted secret reached an output';
  }
  return undefined;
}

module.exports = { problem };
