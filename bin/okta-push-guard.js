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

/** One line, whatever the error holds (main() itself reports every error it can see in one line). */
function internalError(error) {
  const message = String(error && error.message ? error.message : error).replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300);
  process.stderr.write(`okta-push-guard: internal error: ${message}\n`);
}

/** The exit code main() returned, once it has. */
let returned;
// A promise nothing awaits that fails (one a package makes for itself, as web-tree-sitter does while
// its WebAssembly starts), or an error thrown where nothing catches it, ends the run in one line with
// exit code 2: Node's own handling prints a stack trace and exits 1, which reads as findings. Where
// main() has already failed with 2 and said why, the same cause is not said twice.
function escaped(error) {
  if (returned !== 2) internalError(error);
  process.exit(2);
}
process.on('uncaughtException', escaped);
process.on('unhandledRejection', escaped);

cli.main(process.argv.slice(2)).then(
  (code) => {
    returned = code;
    process.exitCode = code;
  },
  (error) => {
    returned = 2;
    internalError(error);
    process.exitCode = 2;
  },
);
