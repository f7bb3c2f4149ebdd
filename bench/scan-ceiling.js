'use strict';
// The least a JavaScript scan of every byte costs on this machine: reads FILE in 8 MB chunks (the plan
// reader's window was that size when the README's figures were measured), and only finds where each
// string ends (a quote, skipping escapes, refusing control
// characters), the loop that sees most bytes of a plan. Prints the seconds it took. Not a JSON check:
// a floor for one.
const { closeSync, openSync, readSync } = require('node:fs');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function strings(buf, n, inString) {
  let i = 0;
  for (;;) {
    if (!inString) {
      while (i < n && buf[i] !== QUOTE) i++;
      if (i >= n) return false;
      i++;
    }
    for (;;) {
      if (i >= n) return true;
      const c = buf[i];
      if (c === QUOTE) break;
      if (c === BACKSLASH) i++;
      else if (c < 0x20) throw new Error(`control character at ${i}`);
      i++;
    }
    i++;
    inString = false;
  }
}

const start = process.hrtime.bigint();
const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
let inString = false;
for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) inString = strings(buf, n, inString);
closeSync(fd);
console.log(Number(process.hrtime.bigint() - start) / 1e9);
