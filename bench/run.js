#!/usr/bin/env node
'use strict';
// Benchmark: every figure of the performance table, each beside its floor, measured in the same run.
// Whole processes (node starting, reading, judging, printing), the tool and its floor run alternately
// and the medians are shown; peak memory is the process's maximum resident set.
//
//   npm run build && npm run bench            all rows (generates up to a 2 GB plan; a few minutes)
//   npm run bench -- --quick                  without the 614 MB and 2 GB plans
//   npm run bench -- --runs 7                 more runs per figure (default 5, fewer for the large plans)
//
// Large inputs are generated in a temporary folder, removed at the end (also on Ctrl-C).
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { writePlan } = require('./plan');
const { writeConfig } = require('./config');

const root = join(__dirname, '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const preload = join(__dirname, 'rss.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
/** Bytes per app of the generated plans (bench/plan.js), to size them to the table's rows. */
const BYTES_PER_APP = 73_577;

if (!existsSync(join(root, 'dist', 'src', 'index.js'))) {
  console.error('bench: build first (npm run build)');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'opg-bench-'));
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
process.on('exit', cleanUp);
// The tool's code cache (src/cli/compile-cache.ts) in the bench's own folder: written by each row's
// first run, as on a user's machine, whatever cache the machine already has.
process.env.OKTA_PUSH_GUARD_COMPILE_CACHE = join(dir, 'compile-cache');
process.on('SIGINT', () => process.exit(130));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One whole process: wall time (s), peak RSS (MiB), exit code and stdout. */
function measure(argv, cwd = dir, extraEnv = {}) {
  const rssFile = join(dir, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--require', preload, ...argv], { cwd, env: { ...process.env, ...extraEnv, OPG_BENCH_RSS: rssFile }, maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { seconds, rss, status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs `tool` and `floor` alternately `runs` times; medians of each. */
function compare(tool, floor, runs, toolEnv = {}) {
  const t = [];
  const f = [];
  for (let i = 0; i < runs; i++) {
    if (floor) f.push(measure(floor));
    t.push(measure(tool, dir, toolEnv));
  }
  const summary = (list) => (list.length ? { seconds: median(list.map((r) => r.seconds)), rss: median(list.map((r) => r.rss)), all: list, failed: list.find((r) => r.status !== 0) } : undefined);
  return { tool: summary(t), floor: summary(f) };
}

const rows = [];
const fmt = (x, unit) => (x === undefined || Number.isNaN(x) ? '—' : `${x.toFixed(unit === 's' ? 2 : 0)} ${unit}`);
/** An overhead as a signed percentage: +9 %, or −7 % where the guarded run was the faster (noise). */
const percent = (x) => `${x < 0 ? '−' : '+'}${Math.abs(x * 100).toFixed(0)} %`;
function row(measureName, floorText, toolText, goal, met) {
  rows.push({ measureName, floorText, toolText, goal, met });
  console.log(`  ${measureName}: floor ${floorText} | okta-push-guard ${toolText} | goal ${goal} ${met === undefined ? '' : met ? '✔' : '✘'}`);
}

const floorParse = (file) => ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)},'utf8'))`];
const lintArgs = (target) => [bin, 'lint', target, '--format', 'json', '--no-config'];

function orphansIn(stdout) {
  try {
    return JSON.parse(stdout).findings.filter((f) => f.ruleId === 'OPG001').length;
  } catch {
    return -1;
  }
}

function freeBytes() {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

function planRow(label, bytesWanted, runs, goal) {
  if (freeBytes() < bytesWanted * 1.5) {
    row(label, '—', `skipped: less than ${(bytesWanted * 1.5 / 2 ** 30).toFixed(1)} GiB free in ${tmpdir()}`, goal.text);
    return undefined;
  }
  const file = join(dir, 'plan.json');
  const made = writePlan(file, Math.max(1, Math.round(bytesWanted / BYTES_PER_APP)));
  const mb = made.bytes / 1e6;
  console.log(`\n${label}: ${mb.toFixed(0)} MB, ${made.resources.toLocaleString('en')} resources, ${made.orphans} orphaned mappings`);
  const floorFits = made.bytes < 0x1fffffe8;
  const { tool, floor } = compare(lintArgs(file), floorFits ? floorParse(file) : undefined, runs);
  // Every run must have found every orphan (exit 1), not only the last: a run that failed is not a time.
  const wrong = tool.all.find((r) => r.status !== 1 || orphansIn(r.stdout) !== made.orphans);
  const found = orphansIn((wrong ?? tool.all[0]).stdout);
  const all = wrong === undefined;
  const toolText = `${fmt(tool.seconds, 's')}, ${fmt(tool.rss, 'MiB')}, ${all ? 'all' : found} of ${made.orphans} orphans${wrong && wrong.status !== 1 ? ` (a run exited ${wrong.status}: ${wrong.stderr.trim().split('\n')[0]})` : ''}`;
  const floorText = floor ? `${fmt(floor.seconds, 's')}, ${fmt(floor.rss, 'MiB')}` : 'cannot: beyond the longest string V8 holds';
  const ratio = floor ? tool.seconds / floor.seconds : undefined;
  row(label, floorText, `${toolText}${ratio ? ` = ${ratio.toFixed(2)}× the floor` : ''}`, goal.text, all && goal.met(tool, floor, ratio, mb));
  const scan = median(Array.from({ length: Math.min(runs, 3) }, () => Number(spawnSync(process.execPath, [join(__dirname, 'scan-ceiling.js'), file], { encoding: 'utf8' }).stdout)));
  console.log(`  the least a JavaScript scan of every byte costs here (bench/scan-ceiling.js, only finding where strings end): ${fmt(scan, 's')} = ${(mb / scan).toFixed(0)} MB/s`);
  rmSync(file, { force: true });
  return { tool, mb };
}

function startupRows() {
  const plain = join(dir, 'tiny');
  const withTf = join(dir, 'tiny-tf');
  const fixture = join(root, 'fixtures', 'orphan-after-deactivate');
  cpSync(join(fixture, 'plan.json'), join(plain, 'plan.json'), { recursive: true });
  cpSync(fixture, withTf, { recursive: true });
  const runs = Math.max(RUNS * 3, 11);
  console.log(`\nstart-up: a tiny plan (${(readFileSync(join(plain, 'plan.json')).length / 1e3).toFixed(0)} kB), ${runs} runs each`);
  // With the code cache (src/cli/compile-cache.ts), as every run after a machine's first has it, and
  // without it, as in CI, where it is off: both alternating with the floor in one loop, so that both
  // ratios have the same floor.
  const cold = { NODE_DISABLE_COMPILE_CACHE: '1' };
  const startup = (label, argv, goal, status) => {
    const floor = [];
    const warm = [];
    const first = [];
    // Every run must end as the first did, with the exit code expected: a run that fails early is fast.
    const expected = measure(argv); // writes the cache
    const same = (r) => r.status === status && r.stdout === expected.stdout;
    for (let i = 0; i < runs; i++) {
      floor.push(measure(['-e', '0']));
      warm.push(measure(argv));
      first.push(measure(argv, dir, cold));
    }
    const f = median(floor.map((r) => r.seconds));
    for (const [list, note] of [[warm, 'code cache written'], [first, 'without the code cache (as in CI)']]) {
      const seconds = median(list.map((r) => r.seconds));
      const ratio = seconds / f;
      const odd = [expected, ...list].find((r) => !same(r));
      const text = `${fmt(seconds * 1000, 'ms')} = ${ratio.toFixed(2)}×${odd ? ` (a run exited ${odd.status}, or wrote another report: ${odd.stderr.trim().split('\n')[0]})` : ''}`;
      row(`${label} vs \`node -e 0\`, ${note}`, fmt(f * 1000, 'ms'), text, `≤ ${goal}×`, !odd && ratio <= goal);
    }
  };
  startup('start-up, `lint` on a tiny plan', lintArgs(join(plain, 'plan.json')), 1.5, 1);
  startup('start-up, `--version`', [bin, '--version'], 1.5, 0);
  startup('start-up, tiny plan with `.tf` beside it', lintArgs(join(withTf, 'plan.json')), 2, 1);
}

function configRow() {
  const config = join(dir, 'config');
  const resources = writeConfig(config, 4000);
  // The floor: the same process parsing the same files with the grammar alone (no model, no rules).
  const floorScript = join(dir, 'parse-only.js');
  writeFileSync(
    floorScript,
    `const { parseHcl } = require(${JSON.stringify(join(root, 'dist', 'src', 'loaders', 'hcl', 'parser.js'))});\n` +
      `const fs = require('fs'); const path = require('path');\n` +
      `(async () => { for (const f of [path.join(${JSON.stringify(config)}, 'main.tf'), path.join(${JSON.stringify(config)}, 'modules', 'app', 'main.tf')]) await parseHcl(fs.readFileSync(f, 'utf8'), f); })();\n`,
  );
  console.log(`\n.tf configuration: ${resources.toLocaleString('en')} resources`);
  const { tool, floor } = compare(lintArgs(config), [floorScript], Math.max(3, RUNS - 2));
  // Every tenth app is deactivated with its mappings left: each run must report them (exit 1), the same report.
  const odd = tool.all.find((r) => r.status !== 1 || r.stdout !== tool.all[0].stdout || !(orphansIn(r.stdout) > 0)) ?? floor.failed;
  const note = odd ? ` (a run exited ${odd.status}, or reported otherwise: ${odd.stderr.trim().split('\n')[0]})` : `, ${orphansIn(tool.all[0].stdout)} orphans`;
  row('`.tf` configuration of 20,000 resources', `${fmt(floor.seconds, 's')}, ${fmt(floor.rss, 'MiB')} (parsing alone)`, `${fmt(tool.seconds, 's')}, ${fmt(tool.rss, 'MiB')}${note}`, '≤ 2 s', !odd && tool.seconds <= 2);
}

function aspectRows() {
  const app = join(__dirname, 'cdktf.js');
  console.log(`\nCDKTF app: 2,000 resources, ${RUNS} synths each`);
  const inProcess = spawnSync(process.execPath, [app, '500', 'in-process', String(RUNS)], { encoding: 'utf8' });
  if (inProcess.status !== 0) {
    console.error(`bench: the CDKTF app failed: ${String(inProcess.stderr ?? '').trim() || `exit ${inProcess.status}`}`);
    process.exit(2);
  }
  const { plain, guarded } = JSON.parse(inProcess.stdout);
  const overhead = guarded / plain - 1;
  row('CDKTF Aspect overhead on a 2,000-resource synth, `app.synth()` timed in one process after a warm-up synth', `${fmt(plain * 1000, 'ms')} (synth without the aspect)`, `${fmt(guarded * 1000, 'ms')} = ${percent(overhead)}`, '≤ +25 %', overhead <= 0.25);
  // As a user runs it: one process builds the app and synthesizes it once, the guard's modules loaded cold.
  const { tool, floor } = compare([app, '500', 'guarded'], [app, '500', 'plain'], RUNS);
  const failed = tool.failed ?? floor.failed;
  if (failed) {
    console.error(`bench: the CDKTF app failed: ${String(failed.stderr ?? '').trim() || `exit ${failed.status}`}`);
    process.exit(2);
  }
  const whole = tool.seconds / floor.seconds - 1;
  row('CDKTF Aspect overhead on a 2,000-resource synth, whole `node app.js` process', `${fmt(floor.seconds * 1000, 'ms')}, ${fmt(floor.rss, 'MiB')} (the app without the aspect)`, `${fmt(tool.seconds * 1000, 'ms')}, ${fmt(tool.rss, 'MiB')} = ${percent(whole)}`, '≤ +25 %', whole <= 0.25);
}

console.log(`okta-push-guard benchmark: node ${process.version}, ${RUNS} runs per figure (medians), temporary folder ${dir}`);
const small = planRow('45 MB plan', 45e6, RUNS, { text: '≤ 1.0× the floor, ≤ 100 MiB', met: (t, _f, r) => r <= 1.0 && t.rss <= 100 });
planRow('272 MB plan', 272e6, Math.max(3, RUNS - 2), { text: '≤ 1.0× the floor, ≤ 300 MiB', met: (t, _f, r) => r <= 1.0 && t.rss <= 300 });
let big;
if (!quick) {
  big = planRow('614 MB plan', 614e6, 3, { text: 'all orphans found, < 3 s, < 400 MiB', met: (t) => t.seconds < 3 && t.rss < 400 });
  const huge = planRow('2 GB plan', 2e9, 1, { text: 'all orphans found, ≤ 1 GiB, time linear in size', met: (t, _f, _r, mb) => t.rss <= 1024 && (!big || t.seconds / mb <= (big.tool.seconds / big.mb) * 1.25) });
  if (huge && big) console.log(`  time per MB: 614 MB plan ${((big.tool.seconds / big.mb) * 1000).toFixed(2)} ms, 2 GB plan ${((huge.tool.seconds / huge.mb) * 1000).toFixed(2)} ms`);
}
void small;
startupRows();
configRow();
aspectRows();

console.log('\n| measure | floor | okta-push-guard | goal | met |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.measureName} | ${r.floorText} | ${r.toolText} | ${r.goal} | ${r.met === undefined ? '—' : r.met ? 'yes' : 'no'} |`);
