#!/usr/bin/env node
'use strict';
// Bundles each CDK door (`okta-push-guard/cdktf`, `okta-push-guard/cdktn`) into one file in dist/,
// the one the package's exports name. The Aspect runs inside the app's own process, where Node
// resolving, reading and wrapping each of the eighty modules it loads cost about as much as compiling
// them: 18 -> 9 ms of every synth, measured. Each door holds its own copy of every module it can load
// (the lazy ones too, which run only when required); the two doors and the library in one process are
// separate copies, which share nothing but what they mark with Symbol.for (src/cdktf/framework.ts).
// Packages (cdktf, cdktn, ajv, yaml, web-tree-sitter) stay outside; the worker threads' scripts are
// the files of dist/src, found from each module's own folder.
const { join } = require('node:path');
const esbuild = require('esbuild');
const { NODE_BUNDLE, keepDirname, runBuild } = require('./bundle-cli');

const dist = join(__dirname, '..', 'dist');
const DOORS = ['cdktf', 'cdktn'];

function bundle() {
  return Promise.all(
    DOORS.map((door) =>
      esbuild.build({
        entryPoints: [join(dist, 'src', door, 'index.js')],
        outfile: join(dist, `${door}.js`),
        ...NODE_BUNDLE,
        plugins: [{ name: 'dirname', setup: keepDirname }],
        banner: { js: `// okta-push-guard/${door}: modules of dist/src and dist/rules in one file (scripts/bundle-doors.js).` },
      }),
    ),
  );
}

runBuild(bundle);
