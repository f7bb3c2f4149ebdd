// A fuzz worker: lints each input it is sent through the library's CLI door, in this process, and
// answers with what came out. The parent times each input and kills this process when one hangs or
// when memory blows up (it runs with a bounded heap).
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join, relative } = require('node:path');
// The CLI's bundle (scripts/bundle-cli.js): the code the command line runs.
const { main } = require('../../dist/cli');

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function hashes(dir, names) {
  const out = {};
  for (const name of names) {
    try {
      out[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
    } catch {
      out[name] = 'missing';
    }
  }
  return out;
}

async function run(job) {
  const dir = mkdtempSync(join(tmpdir(), 'opg-fuzz-'));
  try {
    for (const [name, base64] of Object.entries(job.files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), Buffer.from(base64, 'base64'));
    }
    const inputs = Object.keys(job.files);
    const before = hashes(dir, inputs);
    let out = '';
    let err = '';
    const io = {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      env: { GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md') },
      cwd: dir,
      isTTY: false,
      readStdin: () => Buffer.alloc(0),
    };
    let code;
    let thrown;
    try {
      code = await main(job.args, io);
    } catch (error) {
      thrown = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const after = hashes(dir, inputs);
    const changed = inputs.filter((name) => before[name] !== after[name]);
    const written = {};
    for (const name of listFiles(dir)) {
      if (job.files[name] !== undefined) continue;
      if (statSync(join(dir, name)).size < 64 * 1024 * 1024) written[name] = readFileSync(join(dir, name), 'utf8');
    }
    return { code, thrown, out, err, changed, written };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.on('message', (job) => {
  run(job).then(
    (result) => process.send({ id: job.id, ...result }),
    (error) => process.send({ id: job.id, thrown: `worker: ${error && error.stack ? error.stack : error}` }),
  );
});
process.send({ ready: true });
