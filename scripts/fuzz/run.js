#!/usr/bin/env node
// npm run fuzz -- --seconds N [--seed S] [--jobs J] [--timeout-ms T] [--out DIR]
// Mutates seeds (the fixtures, and the shared corpus where it is present) structurally and at byte
// level, lints each mutant through the CLI door in a worker process with a bounded heap and a time
// limit, and fails on an internal error, a hang, a memory blow-up, a planted secret in any output, a
// changed input, a crash or an error of more than one line. Each failing input is written to a folder
// (default fuzz-failures/) with the arguments and the reason, to replay with `okta-push-guard lint`.
// Needs `npm run build` (it runs the compiled dist/).
'use strict';
const { fork } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { basename, join, relative, resolve } = require('node:path');
const { problem } = require('./checks');
const { random, mutateBytes, mutateHcl, mutateJson, plantSecretHcl, plantSecretJson } = require('./mutate');

const ROOT = join(__dirname, '..', '..');
const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'];

function usage(message) {
  process.stderr.write(`fuzz: ${message}\nusage: npm run fuzz -- --seconds N [--seed S] [--jobs J] [--timeout-ms T] [--out DIR]\n`);
  process.exit(2);
}

function options(argv) {
  const o = { seconds: 60, seed: Date.now() % 2 ** 31, jobs: 1, timeoutMs: 20_000, out: 'fuzz-failures', heapMb: 1024 };
  const numeric = { '--seconds': 'seconds', '--seed': 'seed', '--jobs': 'jobs', '--timeout-ms': 'timeoutMs', '--heap-mb': 'heapMb' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') o.out = argv[++i] ?? usage('--out takes a folder');
    else if (numeric[a]) {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n) || n < 0) usage(`${a} takes a number`);
      o[numeric[a]] = n;
    } else usage(`unknown argument ${a}`);
  }
  return o;
}

function walk(dir, into = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, into);
    else if (e.isFile()) into.push(p);
  }
  return into;
}

/** Seeds: single JSON documents, and configuration folders (every file of a fixture folder with .tf in it). */
function seeds() {
  const documents = [];
  const folders = [];
  const fixtures = join(ROOT, 'fixtures');
  for (const file of walk(fixtures)) {
    if (/\.(json|tfstate)$/.test(file) && !file.endsWith('.tf.json') && statSync(file).size < 4 * 1024 * 1024) documents.push({ name: basename(file), bytes: readFileSync(file) });
  }
  for (const name of readdirSync(fixtures)) {
    const dir = join(fixtures, name);
    if (!statSync(dir).isDirectory()) continue;
    const files = walk(dir).filter((f) => /\.(tf|tf\.json|tfvars)$/.test(f) && !f.includes('/scenario/'));
    if (files.length === 0) continue;
    folders.push(Object.fromEntries(files.map((f) => [relative(dir, f), readFileSync(f)])));
  }
  const corpus = process.env.OKTA_PUSH_GUARD_CORPUS ? resolve(process.env.OKTA_PUSH_GUARD_CORPUS) : join(ROOT, '..', 'shared', 'corpus');
  if (existsSync(join(corpus, 'INDEX.md'))) {
    for (const file of walk(corpus)) {
      if (/\.(json|tfstate)$/.test(file) && statSync(file).size < 4 * 1024 * 1024) documents.push({ name: basename(file), bytes: readFileSync(file) });
    }
  }
  return { documents, folders };
}

function parseJson(bytes) {
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/** One input: its files, the arguments to lint it with, and whether the secret was planted. */
function mutant(r, pool) {
  const useFolder = r.chance(0.4) && pool.folders.length > 0;
  const files = {};
  let planted = false;
  let target;
  if (useFolder) {
    const folder = r.pick(pool.folders);
    for (const [name, bytes] of Object.entries(folder)) files[`code/${name}`] = Buffer.from(bytes);
    const names = Object.keys(files);
    const name = r.pick(names);
    for (let n = 1 + r.int(3); n > 0; n--) {
      if (name.endsWith('.tf') && r.chance(0.8)) files[name] = Buffer.from(mutateHcl(r, files[name].toString('utf8')));
      else if (name.endsWith('.tf.json') && r.chance(0.7)) {
        const doc = parseJson(files[name]);
        try {
          files[name] = doc === undefined ? mutateBytes(r, files[name], files[name]) : Buffer.from(JSON.stringify(mutateJson(r, doc)));
        } catch {
          files[name] = mutateBytes(r, files[name], files[name]);
        }
      } else files[name] = mutateBytes(r, files[name], r.pick(pool.documents).bytes);
    }
    const main = names.find((n) => n.endsWith('.tf') && !n.slice(5).includes('/'));
    if (main && r.chance(0.7)) {
      files[main] = Buffer.from(plantSecretHcl(files[main].toString('utf8')));
      planted = true;
    }
    target = r.chance(0.2) ? name : 'code';
  } else {
    const seed = r.pick(pool.documents);
    let bytes = seed.bytes;
    const doc = parseJson(bytes);
    if (doc !== undefined && r.chance(0.75)) {
      let mutated = doc;
      for (let n = 1 + r.int(4); n > 0; n--) mutated = mutateJson(r, mutated);
      planted = r.chance(0.7) && plantSecretJson(mutated);
      try {
        bytes = Buffer.from(r.chance(0.5) ? JSON.stringify(mutated, null, r.int(3)) : JSON.stringify(mutated));
      } catch {
        // Nested too deeply for JSON.stringify itself: keep the seed as it was.
        planted = false;
      }
    }
    if (!planted || r.chance(0.1)) {
      for (let n = 1 + r.int(3); n > 0; n--) bytes = mutateBytes(r, bytes, r.pick(pool.documents).bytes);
      // Byte changes may move the secret out of the place that makes it one.
      planted = false;
    }
    const name = r.chance(0.1) ? 'cdk.tf.json' : seed.name;
    files[name] = bytes;
    target = name;
  }
  const args = ['lint', target, '--no-config', '--format', r.pick(FORMATS)];
  if (r.chance(0.3)) args.push('--report', `${r.pick(FORMATS)}:report.out`);
  if (r.chance(0.2)) args.push('-o', 'output.out');
  if (r.chance(0.1)) args.push('--write-baseline', 'baseline.out');
  // Never allowed to write over an input: must be refused, the input left as it was.
  if (r.chance(0.05)) args.push('-o', r.pick(Object.keys(files)));
  if (r.chance(0.1)) args.push('--fail-on-unknown');
  return { files, args, planted };
}

class Worker {
  constructor(heapMb) {
    this.heapMb = heapMb;
    this.start();
  }

  start() {
    this.child = fork(join(__dirname, 'worker.js'), [], { execArgv: [`--max-old-space-size=${this.heapMb}`], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    this.stderr = '';
    this.child.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    this.ready = new Promise((resolveReady) => this.child.once('message', () => resolveReady()));
  }

  /** Runs one job; a hang or a crash (memory) is an answer too. */
  async run(job, timeoutMs) {
    await this.ready;
    return new Promise((resolveRun) => {
      let done = false;
      const finish = (result, restart) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.child.removeListener('message', onMessage);
        this.child.removeListener('exit', onExit);
        if (restart) this.start();
        resolveRun(result);
      };
      const onMessage = (message) => {
        if (message.id === job.id) finish(message, false);
      };
      const onExit = (code, signal) => {
        const memory = /heap out of memory|Allocation failed/i.test(this.stderr);
        finish({ crashed: memory ? 'a memory blow-up (the worker ran out of heap)' : `the worker died (exit ${code}, signal ${signal}): ${this.stderr.split('\n').slice(-3).join(' ')}` }, true);
      };
      const timer = setTimeout(() => {
        this.child.removeListener('exit', onExit);
        this.child.kill('SIGKILL');
        finish({ crashed: `a hang (no answer within ${timeoutMs} ms)` }, true);
      }, timeoutMs);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(job);
    });
  }

  stop() {
    this.child.kill('SIGKILL');
  }
}

function save(out, n, job, why, stderr) {
  const dir = join(out, `${String(n).padStart(3, '0')}-${why.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
  for (const [name, bytes] of Object.entries(job.files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  writeFileSync(join(dir, 'why.txt'), `${why}\n\nreplay: cd ${dir} && okta-push-guard ${job.args.join(' ')}\n\nstderr:\n${stderr}`);
  writeFileSync(join(dir, 'args.json'), `${JSON.stringify(job.args)}\n`);
  return dir;
}

async function fuzz() {
  const o = options(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) usage('dist/ is missing: run `npm run build` first');
  const pool = seeds();
  const r = random(o.seed);
  process.stdout.write(`fuzz: seed ${o.seed}, ${pool.documents.length} documents and ${pool.folders.length} configurations as seeds, ${o.seconds} s\n`);
  const deadline = Date.now() + o.seconds * 1000;
  const workers = Array.from({ length: Math.max(1, o.jobs) }, () => new Worker(o.heapMb));
  let next = 0;
  let passed = 0;
  const failures = [];
  await Promise.all(
    workers.map(async (worker) => {
      while (Date.now() < deadline) {
        const m = mutant(r, pool);
        const id = next++;
        const job = { id, files: Object.fromEntries(Object.entries(m.files).map(([k, v]) => [k, v.toString('base64')])), args: m.args, planted: m.planted };
        const result = await worker.run(job, o.timeoutMs);
        const why = result.crashed ?? problem(job, result);
        if (why === undefined) {
          passed++;
          continue;
        }
        const saved = save(o.out, failures.length + 1, { files: m.files, args: m.args }, why, result.err ?? '');
        failures.push(saved);
        process.stdout.write(`fuzz: FAILED ${why}\n  input kept in ${saved}\n`);
      }
    }),
  );
  for (const w of workers) w.stop();
  process.stdout.write(`fuzz: ${passed} passed, ${failures.length} failed\n`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

fuzz().catch((error) => {
  process.stderr.write(`fuzz: ${error && error.stack ? error.stack : error}\n`);
  process.exitCode = 2;
});
