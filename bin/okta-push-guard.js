#!/usr/bin/env node
'use strict';
// The only place that sets the process exit code; everything else returns it.
let cli;
try {
  // Optional: without it (or should it fail) every module is compiled afresh, and nothing else changes.
  require('../dist/src/cli/compile-cache').enableCompileCache();
} catch {
  // dist/ missing is reported just below.
}
try {
  // The CLI's modules, bundled (scripts/bundle-cli.js): this file loads the parts a run needs; the library's are dist/src.
  cli = require('../dist/cli');
} catch (error) {
  // A checkout that was never built (a branch, not a release) must not exit 1, which reads as findings.
  const first = String(error && error.message ? error.message : error).split('\n')[0];
  if (error && error.code === 'MODULE_NOT_FOUND' && first.includes("'../dist/cli'")) {
    process.stderr.write('okta-push-guard: error: the compiled code (dist/) is missing: run `npm run build` in the package folder, or install a release (see Install in the README)\n');
  } else {
    // Anything else that stops the CLI from loading (a missing dependency) fails closed too, in one line.
    process.stderr.write(`okta-push-guard: internal error: ${first}\n`);
  }
  process.exit(2);
}
// This process is the CLI's own: V8 flags may be set in it (src/v8-flags.ts), which a library host's never are.
cli.ownProcess?.();
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // One line, whatever the error holds (main() itself reports every error it can see in one line).
    const message = String(error && error.message ? error.message : error).replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300);
    process.stderr.write(`okta-push-guard: internal error: ${message}\n`);
    process.exitCode = 2;
  },
);
