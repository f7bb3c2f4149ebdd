// Lets the scenario scripts load the Terraform oracle's TypeScript (test/oracle, type-checked by
// `npm test`), compiled on load with swc.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const oracle = join(__dirname, '..', 'test', 'oracle');
const previous = require.extensions['.ts'];
require.extensions['.ts'] = function compile(module, filename) {
  if (!filename.startsWith(oracle) && previous) return previous(module, filename);
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
    swcrc: false,
    configFile: false,
  });
  // @ts-ignore: Module#_compile is Node's own loader hook.
  module._compile(code, filename);
};

