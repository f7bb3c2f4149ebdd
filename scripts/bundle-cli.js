#!/usr/bin/env node
'use strict';
// Bundles the CLI's own modules, as tsc compiled them into dist/, into a few files in dist/: cli.js,
// the one bin/okta-push-guard.js loads, and the parts it loads when a run first needs them. Node
// resolves, reads and wraps every module it loads; for the eighty of a plan lint that was about 10 ms
// of a 200 ms run with the code cache. And V8 compiles the whole of a file it loads (the functions it
// does not run only pre-parsed, which still costs in proportion to their code): one file of every
// module cost about 10 ms of each run without the code cache, `--version` included, where a run uses
// half of it or less. `npm run bench` shows the start-up rows.
// Modules load as lazily as before: a part runs each of its modules on their first require, as Node
// would, and a module lives in exactly one part (one instance, however it is reached); a module of
// another part is required through that part's `module(name)`.
//
// yargs, which every run loads, is bundled into cli.js, and web-tree-sitter into cli-hcl.js, the .tf
// parser's part (scripts/bundle-packages.js); other packages stay outside and are required as before
// (ajv, yaml). The library (dist/src/index.js), the CDK doors and the workers stay separate files.
const { existsSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');
const esbuild = require('esbuild');
const { buildHelpPart, copyBeside, treeSitterEntry, writeNotices, yargsEntry } = require('./bundle-packages');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const entry = join(dist, 'src', 'cli', 'main.js');
/** One instance of the V8 flags module: the code cache, which bin loads before the bundle, listens to it. */
const SHARED = join(dist, 'src', 'v8-flags.js');

/**
 * The parts, in order: each holds what its roots require at their top level (and what that requires
 * at its top level…), less what an earlier part holds; the last holds every other module the CLI can
 * load. Where a module goes decides only what a run compiles, never what it does.
 */
/** The .tf parser's part, which holds web-tree-sitter. */
const HCL_PART = 'cli-hcl.js';

const PARTS = [
  // Arguments, --help, --version.
  { file: 'cli.js', roots: ['src/cli/main.js'] },
  // A lint of plans: loading, the judge, the rules, the text and JSON reports.
  { file: 'cli-lint.js', roots: ['src/cli/commands.js', 'src/cli/org-alongside.js', 'src/reporters/text.js', 'src/reporters/json.js'] },
  // The .tf parser: a plan's or state's sources, which findings are placed on (module-files.js
  // requires the parser only when it reads a folder, so the parser is a root of its own).
  { file: HCL_PART, roots: ['src/loaders/hcl/source-index.js', 'src/loaders/hcl/parse-files.js'] },
  // .tf and Terraform JSON configurations, evaluated.
  { file: 'cli-tf.js', roots: ['src/loaders/hcl/load-configuration.js'] },
  // The live org: audit, remediate, --org-url.
  { file: 'cli-org.js', roots: ['src/cli/org-commands.js', 'src/org/live.js', 'src/cli/remediate-command.js'] },
  // The rest: state files, the other report formats, configuration and baseline files, large plans.
  { file: 'cli-more.js', roots: [] },
];

/** The file a relative `require` from `from` loads, as Node resolves it. */
function resolveFrom(from, request) {
  const base = resolve(dirname(from), request);
  for (const candidate of [base, `${base}.js`, join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`bundle-cli: ${relative(root, from)}: cannot resolve ${request}`);
}

/**
 * Every module the CLI can load, each with the modules it requires at its top level (tsc writes those
 * unindented; the ones it requires inside a function, indented, are loaded when first used).
 */
function moduleGraph() {
  const graph = new Map();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop();
    if (graph.has(file)) continue;
    const node = { top: [] };
    graph.set(file, node);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      for (const match of line.matchAll(/\brequire\((['"])(\.\.?\/[^'"]+)\1\)/g)) {
        const target = resolveFrom(file, match[2]);
        if (target === SHARED) continue;
        if (/^\S/.test(line)) node.top.push(target);
        stack.push(target);
      }
    }
  }
  return graph;
}

/** Each module's part (its file name). */
function partOf(graph) {
  const part = new Map();
  for (const { file, roots } of PARTS) {
    const stack = roots.map((r) => join(dist, r));
    while (stack.length > 0) {
      const module = stack.pop();
      if (part.has(module)) continue;
      const node = graph.get(module);
      if (!node) throw new Error(`bundle-cli: ${relative(root, module)}, a root of ${file}, is not a module the CLI loads`);
      part.set(module, file);
      stack.push(...node.top);
    }
  }
  const rest = PARTS[PARTS.length - 1].file;
  for (const module of graph.keys()) if (!part.has(module)) part.set(module, rest);
  return part;
}

/** What every bundle of ours is: CommonJS for Node 20, packages required from node_modules. */
const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  // Not the project's tsconfig: its baseUrl would resolve `cdktf` to ./cdktf.json.
  tsconfigRaw: '{}',
  logLevel: 'warning',
};

/** A module's name in its part's `module(name)`: its path in dist/. */
const nameOf = (file) => relative(dist, file).split(sep).join('/');

/**
 * Each module keeps its own folder as __dirname (package-info finds the package from it, the workers'
 * starters their code beside them), not the bundle's. Its code runs in a function whose parameter is
 * that folder, which shadows the name as a variable only, never in a string or comment.
 */
function keepDirname(build) {
  build.onLoad({ filter: /\.js$/, namespace: 'file' }, (args) => {
    if (!args.path.startsWith(dist + sep)) return undefined;
    const text = readFileSync(args.path, 'utf8');
    if (!/\b__dirname\b/.test(text)) return undefined;
    const folder = relative(dist, dirname(args.path)).split(sep).join('/');
    return { contents: `(function (__dirname) {\n${text}\n}).call(this, require("node:path").join(__dirname, ${JSON.stringify(folder)}));\n`, loader: 'js' };
  });
}

function parts(part, file) {
  return {
    name: 'parts',
    setup(build) {
      build.onResolve({ filter: /[\\/]v8-flags$/ }, () => ({ path: './src/v8-flags.js', external: true }));
      // The part files themselves, required by the stubs below: beside this one at run time.
      build.onResolve({ filter: /^\.\/cli(-[a-z]+)?\.js$/, namespace: 'other-part' }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.namespace !== 'file' || !args.importer.startsWith(dist)) return undefined;
        const target = resolveFrom(args.importer, args.path);
        const home = part.get(target);
        // A module not in the graph would be copied into every part that requires it: two instances.
        if (home === undefined) throw new Error(`${nameOf(target)} is required but was not found by the module graph (scripts/bundle-cli.js)`);
        return home === file ? { path: target } : { path: nameOf(target), namespace: 'other-part', pluginData: home };
      });
      build.onLoad({ filter: /.*/, namespace: 'other-part' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${args.pluginData}`)}).module(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
      keepDirname(build);
    },
  };
}

/** A part's entry: `module(name)` for each of its modules, and for cli.js the CLI's own exports. */
function entrySource(part, file) {
  const mine = [...part].filter(([, home]) => home === file).map(([module]) => module);
  const cases = mine.map((module) => `    case ${JSON.stringify(nameOf(module))}: return require(${JSON.stringify(module)});`).join('\n');
  const lines = ['"use strict";', `exports.module = (name) => {\n  switch (name) {\n${cases}\n    default: throw new Error("okta-push-guard: " + name + " is not in ${file}");\n  }\n};`];
  if (file === PARTS[0].file) lines.push(`const main = require(${JSON.stringify(entry)});`, 'exports.main = main.main;', 'exports.ownProcess = main.ownProcess;');
  return lines.join('\n');
}

async function bundle() {
  const part = partOf(moduleGraph());
  /** The packages a part holds (scripts/bundle-packages.js), by part. */
  const packages = { [PARTS[0].file]: { name: 'yargs', ...yargsEntry() }, [HCL_PART]: { name: 'web-tree-sitter', ...treeSitterEntry() } };
  const built = await Promise.all([
    ...PARTS.map(({ file }) => {
      const held = packages[file];
      return esbuild.build({
        stdin: { contents: entrySource(part, file), resolveDir: dist, sourcefile: `${file} (parts of the CLI)`, loader: 'js' },
        outfile: join(dist, file),
        ...NODE_BUNDLE,
        metafile: true,
        ...(held?.define ? { define: held.define } : {}),
        plugins: [...(held ? [held.plugin] : []), parts(part, file)],
        banner: { js: `// okta-push-guard CLI, ${file}: modules of dist/src and dist/rules${held ? `, and ${held.name} (scripts/bundle-packages.js)` : ''} (scripts/bundle-cli.js).` },
      });
    }),
    buildHelpPart(esbuild, NODE_BUNDLE),
  ]);
  copyBeside();
  writeNotices(built.map((result) => result.metafile));
}

/** Runs a build script's `build()`: esbuild has printed what failed; anything else is said here. */
function runBuild(build) {
  build().catch((error) => {
    if (!(error && Array.isArray(error.errors))) process.stderr.write(`${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  });
}

module.exports = { NODE_BUNDLE, keepDirname, runBuild };

if (require.main === module) runBuild(bundle);
