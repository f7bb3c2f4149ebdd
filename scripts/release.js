#!/usr/bin/env node
'use strict';
// Cuts a release, as RELEASING.md describes: `npm run release -- X.Y.Z`. It commits and tags locally
// and pushes nothing. dist/ is not in git, so the tag points at a release commit of its own: the
// source commit plus the compiled dist/, without the scripts that build it (`build`, `prepare`). That is
// what lets the GitHub Action run `npm ci --omit=dev --ignore-scripts`, and a git install of the tag
// skip the development tooling that building would need.
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** The scripts for which npm prepares a git dependency: installs its development dependencies and runs them. */
const PREPARING_SCRIPTS = ['build', 'prepare', 'prepack', 'preinstall', 'install', 'postinstall'];

class ReleaseError extends Error {}

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit'], ...options });
}

const git = (args, options) => run('git', args, options).trim();

function succeeds(args) {
  try {
    execFileSync('git', args, { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Negative, zero or positive, as the versions are ordered. */
function compare(a, b) {
  const x = VERSION.exec(a).slice(1).map(Number);
  const y = VERSION.exec(b).slice(1).map(Number);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function parseArgs(argv) {
  const options = { version: undefined, date: today() };
  for (const arg of argv) {
    const date = /^--date=(\d{4}-\d{2}-\d{2})$/.exec(arg);
    if (date) options.date = date[1];
    else if (!arg.startsWith('-') && options.version === undefined) options.version = arg.replace(/^v/, '');
    else throw new ReleaseError(`unexpected argument ${arg}; usage: npm run release -- X.Y.Z [--date=YYYY-MM-DD]`);
  }
  if (!options.version || !VERSION.test(options.version)) throw new ReleaseError('usage: npm run release -- X.Y.Z [--date=YYYY-MM-DD] (a version like 1.2.3)');
  return options;
}

const readJson = (file) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

/** The text under `## [Unreleased]`, up to the next release heading. */
function unreleased(changelog) {
  const m = /^## \[Unreleased\][^\n]*\n([\s\S]*?)(?=^## \[|(?![\s\S]))/m.exec(changelog);
  if (!m) throw new ReleaseError('CHANGELOG.md has no "## [Unreleased]" section');
  return m[1].trim();
}

function checkPreconditions(version) {
  if (!succeeds(['rev-parse', '--is-inside-work-tree'])) throw new ReleaseError('not in a git work tree');
  if (!succeeds(['symbolic-ref', '-q', 'HEAD'])) throw new ReleaseError('HEAD is detached: check out the branch to release from');
  if (git(['status', '--porcelain']) !== '') throw new ReleaseError('the work tree has uncommitted changes: commit or stash them first');
  if (succeeds(['rev-parse', '-q', '--verify', `refs/tags/v${version}`])) throw new ReleaseError(`the tag v${version} exists already`);
  if (!existsSync(join(ROOT, 'node_modules', 'typescript'))) throw new ReleaseError('the development dependencies are missing: run `npm ci` first');
  const current = readJson('package.json').version;
  if (!VERSION.test(current)) throw new ReleaseError(`package.json's version ${current} is not a version like 1.2.3`);
  const order = compare(version, current);
  // The version in package.json may be released once (the first release, or a run that stopped after its commit).
  if (order < 0) throw new ReleaseError(`${version} is lower than package.json's version ${current}`);
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  const resuming = order === 0 && new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(changelog);
  if (!resuming && unreleased(changelog) === '') throw new ReleaseError('CHANGELOG.md lists nothing under "## [Unreleased]": write down what changed first');
  return { current, changelog, resuming };
}

/** The source commit on the branch: version and changelog. */
function commitSource(version, date, state) {
  if (state.resuming) return;
  if (version !== state.current) run('npm', ['version', version, '--no-git-tag-version', '--ignore-scripts', '--allow-same-version']);
  const changelog = state.changelog.replace(/^## \[Unreleased\][^\n]*\n/m, `## [Unreleased]\n\n## [${version}] - ${date}\n`);
  writeFileSync(join(ROOT, 'CHANGELOG.md'), changelog);
  git(['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
  git(['commit', '-q', '-m', `Release ${version}`, '-m', `The changelog's Unreleased entries are version ${version}.`]);
}

function build() {
  // From nothing, so that no file of an earlier build (or of a deleted source) is released.
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  run('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  for (const file of ['cli.js', 'cli-help.js', 'THIRD-PARTY-NOTICES.txt', 'yargs/locales/en.json', 'web-tree-sitter/tree-sitter.wasm', 'cdktf.js', 'cdktn.js', 'src/cli/main.js']) if (!existsSync(join(ROOT, 'dist', ...file.split('/')))) throw new ReleaseError(`the build produced no dist/${file}`);
}

/** The release commit (a child of the source commit, on no branch) and its tags. */
function commitRelease(version) {
  const temp = mkdtempSync(join(tmpdir(), 'opg-release-'));
  try {
    // A separate index: the branch, its index and the work tree stay as they are.
    const env = { ...process.env, GIT_INDEX_FILE: join(temp, 'index') };
    git(['read-tree', 'HEAD'], { env });
    git(['add', '--force', '--', 'dist'], { env });
    const manifest = readJson('package.json');
    // dist/ is there already. npm installs a git dependency's development dependencies whenever its
    // manifest has one of the scripts it prepares with (pacote: build, prepare, prepack, install, ...).
    for (const script of PREPARING_SCRIPTS) delete manifest.scripts[script];
    const blob = git(['hash-object', '-w', '--stdin'], { input: `${JSON.stringify(manifest, null, 2)}\n` });
    git(['update-index', '--cacheinfo', `100644,${blob},package.json`], { env });
    const tree = git(['write-tree'], { env });
    const source = git(['rev-parse', 'HEAD']);
    const commit = git(['commit-tree', tree, '-p', source, '-m', `okta-push-guard ${version}`, '-m', `The source commit ${source} with the compiled dist/ and without the scripts that build it, so that installing this commit needs no development tooling.`]);
    git(['tag', '-a', `v${version}`, '-m', `okta-push-guard ${version}`, commit]);
    // The major tag follows the latest release, for Action users who take every compatible one.
    const moving = `v${VERSION.exec(version)[1]}`;
    git(['tag', '-f', '-a', moving, '-m', `okta-push-guard ${version}, the latest ${moving}.x release`, commit]);
    return { source, commit, moving };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The npm tarball of exactly the release commit, for the GitHub release. */
function packRelease(commit) {
  const temp = mkdtempSync(join(tmpdir(), 'opg-release-tree-'));
  try {
    const tree = join(temp, 'tree');
    mkdirSync(tree);
    git(['--work-tree', tree, 'checkout', commit, '--', '.'], { env: { ...process.env, GIT_INDEX_FILE: join(temp, 'index') } });
    const name = run('npm', ['pack', tree, '--ignore-scripts', '--silent', '--pack-destination', ROOT]).trim().split('\n').pop();
    return name;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function main(argv) {
  const { version, date } = parseArgs(argv);
  const state = checkPreconditions(version);
  const branch = git(['symbolic-ref', '--short', 'HEAD']);
  commitSource(version, date, state);
  build();
  const { source, commit, moving } = commitRelease(version);
  const tarball = packRelease(commit);
  const short = (sha) => sha.slice(0, 12);
  process.stdout.write(
    [
      `Released okta-push-guard ${version} locally:`,
      `  ${branch}: ${short(source)} Release ${version}`,
      `  v${version}: ${short(commit)} (that commit with the compiled dist/)`,
      `  ${moving}: ${short(commit)}`,
      `  ${tarball}`,
      'Check them (RELEASING.md), then publish:',
      `  git push origin ${branch} v${version}`,
      `  git push --force origin ${moving}`,
      `and attach ${tarball} to the GitHub release of v${version}, with the changelog's section as its notes.`,
      '',
    ].join('\n'),
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  process.stderr.write(`release: ${error.message}\n`);
  process.exitCode = 1;
}
