'use strict';
// The packages inside the CLI's bundle (scripts/bundle-cli.js), and what they need beside it.
//
// yargs, in cli.js. Every run loads yargs; from node_modules that was resolving `yargs/yargs` through
// its package's exports map, reading and compiling six files: about 4 ms of each run, with the code
// cache or without (`npm run bench`). In the bundle it is compiled with the CLI's own entry, and the
// stand-ins of src/cli/load-yargs.ts are put in at build time: cliui and string-width (help layout
// only) live in a part of their own, dist/cli-help.js, loaded on their first call, and node:assert is
// loaded only by a failing check. Its message catalogues are copied beside the bundle, where its code
// looks for them.
//
// web-tree-sitter, in cli-hcl.js (the .tf parser). Resolving it through its exports map loads Node's
// ES module resolver, about 2 ms of a run that reads .tf, and its file, which may import dynamically,
// was compiled by Node without the CLI's code cache. Its WebAssembly runtime is copied beside the
// bundle, where its code looks for it; the grammar stays in its package.
//
// The licences of the packages bundled are written to dist/THIRD-PARTY-NOTICES.txt.
const { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');
const { dirname, join, relative, resolve, sep } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const yargsDir = dirname(require.resolve('yargs/package.json', { paths: [root] }));
/** Where yargs' main code believes it is in the bundle: dist/yargs/build, so that `../locales` is dist/yargs/locales. */
const YARGS_HOME = 'yargs/build';
const HELP_PART = 'cli-help.js';
const treeSitterDir = dirname(require.resolve('web-tree-sitter', { paths: [root] }));
/** Where web-tree-sitter's code believes it is in the bundle: dist/web-tree-sitter, beside its runtime. */
const TREE_SITTER_HOME = 'web-tree-sitter';
const TREE_SITTER_RUNTIME = 'tree-sitter.wasm';
const LOAD_YARGS = join(dist, 'src', 'cli', 'load-yargs.js');
/** What yargs requires that only its help and failed checks use, and what stands in for each in the bundle. */
const STAND_INS = {
  cliui: `module.exports = require(${JSON.stringify(LOAD_YARGS)}).callsThrough(() => require("./${HELP_PART}").cliui);\n`,
  'string-width': `module.exports = require(${JSON.stringify(LOAD_YARGS)}).callsThrough(() => require("./${HELP_PART}").stringWidth);\n`,
  assert: `module.exports = require(${JSON.stringify(LOAD_YARGS)}).assertStandIn;\n`,
};

/** What yargs' platform shim sets when it loads: the terminal's width, read from process.stdout. */
const EAGER_COLUMNS = 'stdColumns:void 0!==process.stdout.columns?process.stdout.columns:null';

/** `text` with `from`, which it must hold exactly once (else the package has changed: the build fails), replaced by `to`. */
function replaceOnce(text, from, to, why) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`bundle-packages: ${why}: \`${from}\` is no longer in the package's code exactly once`);
  return `${text.slice(0, at)}${to}${text.slice(at + from.length)}`;
}

/** Code run in a function whose parameter `__dirname` is `folder` (relative to the bundle's own). */
function inFolder(text, folder) {
  return `(function (__dirname) {\n${text}\n}).call(this, require("node:path").join(__dirname, ${JSON.stringify(folder)}));\n`;
}

/**
 * yargs' main file: it finds its message catalogues from its own folder (the one it has in dist/), and
 * reads the terminal's width when yargs first asks for it (help laid out without a width set; the CLI
 * sets one), not as it loads. Reading it makes process.stdout, which for a pipe loads node:net and the
 * streams: a cost to every run that the CLI's own output avoids (src/cli/io.ts).
 */
function yargsMain(text) {
  return inFolder(replaceOnce(text, EAGER_COLUMNS, `get stdColumns(){return void 0!==process.stdout.columns?process.stdout.columns:null}`, 'the terminal width read when asked'), YARGS_HOME);
}

/**
 * web-tree-sitter's file: it finds its WebAssembly runtime from its own folder (the one it has in
 * dist/). Its one dynamic import (of fs/promises, to read a grammar given by path, which the CLI never
 * does) becomes a require: the code cache takes no module that may import dynamically, and Node's
 * own compilation of one also cost more.
 */
function treeSitterMain(text) {
  return inFolder(replaceOnce(text, 'await import("fs/promises")', 'require("fs/promises")', 'the dynamic import made a require'), TREE_SITTER_HOME);
}

const insidePackages = (file) => file.split(sep).includes('node_modules');
const resolvePackage = (request, from) => require.resolve(request, { paths: [from] });

/**
 * Bundles the packages `entries` name and everything they require, Node's built-ins aside; in the
 * CLI's entry, yargs' help layout and node:assert are stood in for (STAND_INS). `rewrite` maps a
 * package file to what its text becomes in the bundle.
 */
function packagesPlugin(entries, standIns, rewrite = {}) {
  return {
    name: 'packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (standIns && args.importer.startsWith(yargsDir + sep) && Object.hasOwn(STAND_INS, args.path)) return { path: args.path, namespace: 'stand-in' };
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (insidePackages(args.importer)) return { path: resolvePackage(args.path, dirname(args.importer)) };
        return Object.hasOwn(entries, args.path) ? { path: entries[args.path] } : undefined;
      });
      build.onResolve({ filter: /^\.\/cli-help\.js$/, namespace: 'stand-in' }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: 'stand-in' }, (args) => ({ contents: STAND_INS[args.path], loader: 'js', resolveDir: dist }));
      build.onLoad({ filter: /\.c?js$/ }, (args) => (Object.hasOwn(rewrite, args.path) ? { contents: rewrite[args.path](readFileSync(args.path, 'utf8')), loader: 'js' } : undefined));
    },
  };
}

/** What the CLI's entry bundles: yargs, with its stand-ins. */
function yargsEntry() {
  return { define: { OKTA_PUSH_GUARD_BUNDLED_YARGS: 'true' }, plugin: packagesPlugin({ 'yargs/yargs': resolvePackage('yargs/yargs', root) }, true, { [join(yargsDir, 'build', 'index.cjs')]: yargsMain }) };
}

/** What the .tf parser's part bundles: web-tree-sitter. */
function treeSitterEntry() {
  const main = resolvePackage('web-tree-sitter', root);
  return { plugin: packagesPlugin({ 'web-tree-sitter': main }, false, { [main]: treeSitterMain }) };
}

/** dist/cli-help.js: cliui and string-width, as yargs (its stand-ins) loads them. */
async function buildHelpPart(esbuild, options) {
  const from = { cliui: resolvePackage('cliui', yargsDir), stringWidth: resolvePackage('string-width', yargsDir) };
  return esbuild.build({
    ...options,
    stdin: { contents: `exports.cliui = require("cliui");\nexports.stringWidth = require("string-width");\n`, resolveDir: dist, sourcefile: `${HELP_PART} (yargs' help layout)`, loader: 'js' },
    outfile: join(dist, HELP_PART),
    metafile: true,
    plugins: [packagesPlugin({ cliui: from.cliui, 'string-width': from.stringWidth }, false)],
    banner: { js: `// okta-push-guard CLI, ${HELP_PART}: cliui and string-width, which yargs lays out help with (scripts/bundle-yargs.js).` },
  });
}

/** What the bundled packages read beside the bundle: yargs' message catalogues, web-tree-sitter's runtime. */
function copyBeside() {
  const to = join(dist, 'yargs', 'locales');
  rmSync(join(dist, 'yargs'), { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(join(yargsDir, 'locales'))) if (name.endsWith('.json')) copyFileSync(join(yargsDir, 'locales', name), join(to, name));
  rmSync(join(dist, TREE_SITTER_HOME), { recursive: true, force: true });
  mkdirSync(join(dist, TREE_SITTER_HOME));
  copyFileSync(join(treeSitterDir, TREE_SITTER_RUNTIME), join(dist, TREE_SITTER_HOME, TREE_SITTER_RUNTIME));
}

/** The package folder of a bundled file (the innermost node_modules/<name> or node_modules/@scope/<name>). */
function packageFolder(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  return parts.slice(0, at + (parts[at + 1].startsWith('@') ? 3 : 2)).join(sep);
}

/** dist/THIRD-PARTY-NOTICES.txt: the bundles that hold packages, and each package's name, version, licence and licence text. */
function writeNotices(metafiles) {
  const folders = new Set();
  const holders = new Set();
  for (const meta of metafiles) {
    for (const [output, { inputs }] of Object.entries(meta.outputs)) {
      const packages = Object.keys(inputs).filter((input) => input.includes('node_modules/'));
      if (packages.length > 0) holders.add(relative(root, resolve(output)).split(sep).join('/'));
      for (const input of packages) folders.add(packageFolder(resolve(input)));
    }
  }
  const entries = [...folders].sort().map((folder) => {
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const file = readdirSync(folder).find((name) => /^licen[cs]e/i.test(name));
    if (!file) throw new Error(`bundle-packages: ${relative(root, folder)} has no licence file to bundle it with`);
    return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(folder, file), 'utf8').trim()}\n`;
  });
  writeFileSync(join(dist, 'THIRD-PARTY-NOTICES.txt'), `The CLI's bundle (${[...holders].sort().join(', ')}) holds these packages.\n\n${entries.join('\n---\n\n')}`);
}

module.exports = { buildHelpPart, copyBeside, treeSitterEntry, writeNotices, yargsEntry };
