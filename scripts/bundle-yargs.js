'use strict';
// yargs inside the CLI's bundle (scripts/bundle-cli.js). Every run loads yargs; from node_modules that
// was resolving `yargs/yargs` through its package's exports map, reading and compiling six files: about
// 4 ms of each run, with the code cache or without (`npm run bench`). In the bundle it is compiled with
// the CLI's own entry, and the stand-ins of src/cli/load-yargs.ts are put in at build time: cliui and
// string-width (help layout only) live in a part of their own, dist/cli-help.js, loaded on their first
// call, and node:assert is loaded only by a failing check. yargs' message catalogues are copied beside
// the bundle, where its code looks for them, and the licences of the packages bundled are written to
// dist/THIRD-PARTY-NOTICES.txt.
const { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');
const { dirname, join, relative, resolve, sep } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const yargsDir = dirname(require.resolve('yargs/package.json', { paths: [root] }));
/** Where yargs' main code believes it is in the bundle: dist/yargs/build, so that `../locales` is dist/yargs/locales. */
const YARGS_HOME = 'yargs/build';
const HELP_PART = 'cli-help.js';
const LOAD_YARGS = join(dist, 'src', 'cli', 'load-yargs.js');
/** What yargs requires that only its help and failed checks use, and what stands in for each in the bundle. */
const STAND_INS = {
  cliui: `module.exports = require(${JSON.stringify(LOAD_YARGS)}).callsThrough(() => require("./${HELP_PART}").cliui);\n`,
  'string-width': `module.exports = require(${JSON.stringify(LOAD_YARGS)}).callsThrough(() => require("./${HELP_PART}").stringWidth);\n`,
  assert: `module.exports = require(${JSON.stringify(LOAD_YARGS)}).assertStandIn;\n`,
};

const insidePackages = (file) => file.split(sep).includes('node_modules');
const resolvePackage = (request, from) => require.resolve(request, { paths: [from] });

/**
 * Bundles the packages `entries` name and everything they require, Node's built-ins aside; in the
 * CLI's entry, yargs' help layout and node:assert are stood in for (STAND_INS).
 */
function packagesPlugin(entries, standIns) {
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
      // yargs finds its message catalogues from its own folder: the one it has in dist/.
      build.onLoad({ filter: /[\\/]yargs[\\/]build[\\/]index\.cjs$/ }, (args) => {
        if (dirname(args.path) !== join(yargsDir, 'build')) return undefined;
        return { contents: `(function (__dirname) {\n${readFileSync(args.path, 'utf8')}\n}).call(this, require("node:path").join(__dirname, ${JSON.stringify(YARGS_HOME)}));\n`, loader: 'js' };
      });
    },
  };
}

/** What the CLI's entry bundles: yargs, with its stand-ins. */
function yargsEntry() {
  return { define: { OKTA_PUSH_GUARD_BUNDLED_YARGS: 'true' }, plugin: packagesPlugin({ 'yargs/yargs': resolvePackage('yargs/yargs', root) }, true) };
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

function copyCatalogues() {
  const to = join(dist, 'yargs', 'locales');
  rmSync(join(dist, 'yargs'), { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(join(yargsDir, 'locales'))) if (name.endsWith('.json')) copyFileSync(join(yargsDir, 'locales', name), join(to, name));
}

/** The package folder of a bundled file (the innermost node_modules/<name> or node_modules/@scope/<name>). */
function packageFolder(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  return parts.slice(0, at + (parts[at + 1].startsWith('@') ? 3 : 2)).join(sep);
}

/** dist/THIRD-PARTY-NOTICES.txt: each bundled package's name, version, licence and licence text. */
function writeNotices(metafiles) {
  const folders = new Set();
  for (const meta of metafiles) for (const input of Object.keys(meta.inputs)) if (input.includes('node_modules/')) folders.add(packageFolder(resolve(input)));
  const entries = [...folders].sort().map((folder) => {
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const file = readdirSync(folder).find((name) => /^licen[cs]e/i.test(name));
    if (!file) throw new Error(`bundle-yargs: ${relative(root, folder)} has no licence file to bundle it with`);
    return `${pkg.name} ${pkg.version} (${pkg.license})\n\n${readFileSync(join(folder, file), 'utf8').trim()}\n`;
  });
  writeFileSync(join(dist, 'THIRD-PARTY-NOTICES.txt'), `The CLI's bundle (dist/cli.js, dist/${HELP_PART}) holds these packages.\n\n${entries.join('\n---\n\n')}`);
}

module.exports = { buildHelpPart, copyCatalogues, writeNotices, yargsEntry };
