#!/usr/bin/env node
'use strict';
// The only place that sets the process exit code; everything else returns it.
require('../dist/src/cli/main')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`okta-push-guard: internal error: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 2;
    },
  );
