#!/usr/bin/env node
'use strict';
// Assembles src/inputs/json-stream/scanner.wat into scanner.wasm beside it (committed, so that the
// sources run as they are in tests) and copies that into dist/; `--check` only fails when the committed
// file is not what the text assembles to.
const { copyFileSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const text = join(__dirname, '..', 'src', 'inputs', 'json-stream', 'scanner.wat');
const binary = text.replace(/\.wat$/, '.wasm');
const built = join(__dirname, '..', 'dist', 'src', 'inputs', 'json-stream', 'scanner.wasm');

async function assemble() {
  const wabt = await require('wabt')();
  const module = wabt.parseWat('scanner.wat', readFileSync(text, 'utf8'), { simd: true });
  module.validate();
  const bytes = Buffer.from(module.toBinary({ write_debug_names: false }).buffer);
  module.destroy();
  return bytes;
}

assemble().then(
  (bytes) => {
    if (!process.argv.includes('--check')) {
      if (!bytes.equals(readFileSync(binary, { flag: 'a+' }))) writeFileSync(binary, bytes);
      mkdirSync(join(built, '..'), { recursive: true });
      copyFileSync(binary, built);
      return;
    }
    if (!bytes.equals(readFileSync(binary))) {
      console.error(`build-wasm: ${binary} is not what scanner.wat assembles to: run \`npm run build:wasm\``);
      process.exitCode = 1;
    }
  },
  (error) => {
    console.error(`build-wasm: ${error.message}`);
    process.exitCode = 1;
  },
);
