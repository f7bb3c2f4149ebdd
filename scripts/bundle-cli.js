#!/usr/bin/env node
'use strict';
// Bundles the CLI's own modules, as tsc compiled them into dist/, into dist/cli.js, the one file
// bin/okta-push-guard.js loads. Node resolves, reads and wraps every module it loads; for the eighty
// of a plan lint that was about 10 ms of a 200 ms run with the code cache, and more without it
// (`npm run bench` shows the start-up rows).
// Modules load as lazily as before: the bundle runs each on its first require, as Node would.
//
// Packages stay outside and are required as before (yargs and its stand-ins, web-tree-sitter, ajv).
// The library (dist/src/index.js), the CDK doors and the look-ahead worker stay separate files.
const { readFileSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');
const esbuild = require('esbuild');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const entry = join(dist, 'src', 'cli', 'main.js');
const outfile = join(dist, 'cli.js');

const keepPaths = {
  name: 'keep-paths',
  setup(build) {
    // One instance of the V8 flags module: the code cache, which bin loads before the bundle, listens to it.
    build.onResolve({ filter: /[\\/]v8-flags$/ }, () => ({ path: './src/v8-flags.js', external: true }));
    // Each module keeps its own folder as __dirname (package-info finds the package from it, the
    // workers' starters their code beside them), not the bundle's. Its code runs in a function whose
    // parameter is that folder, which shadows the name as a variable only, never in a string or comment.
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(text)) return undefined;
      const folder = relative(dist, dirname(args.path)).split(sep).join('/');
      return { contents: `(function (__dirname) {\n${text}\n}).call(this, require("node:path").join(__dirname, ${JSON.stringify(folder)}));\n`, loader: 'js' };
    });
  },
};

esbuild
  .build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    plugins: [keepPaths],
    logLevel: 'warning',
    banner: { js: '// okta-push-guard CLI: dist/src and dist/rules in one file (scripts/bundle-cli.js).' },
  })
  .catch(() => {
    // esbuild has printed what failed.
    process.exitCode = 1;
  });
