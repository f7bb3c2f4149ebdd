// A plan large enough for the reader to start its look-ahead thread (AHEAD_FROM_BYTES) and share strings (SHARE_FROM_BYTES), linted as a user
// runs it: every orphaned mapping found, from the file and from standard input, and a broken byte deep in the file still refused with exit 2,
// one line, and the message of reading alone.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type * as ReadModule from '../../src/inputs/json-stream/read';
import { writeWorkerProbe } from '../support/worker-probe';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writePlan } = require('../../bench/plan.js') as { writePlan: (file: string, apps: number) => { bytes: number; orphans: number } };

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const dist = join(root, 'dist', 'src', 'inputs', 'json-stream');
/* eslint-disable @typescript-eslint/no-require-imports */
const { AHEAD_FROM_BYTES, SHARE_FROM_BYTES, readJsonStream } = require(join(dist, 'read.js')) as typeof ReadModule;
/* eslint-enable @typescript-eslint/no-require-imports */

const dir = mkdtempSync(join(tmpdir(), 'opg-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'plan.json');
// bench/plan.js writes about 73.6 kB per app.
const made = writePlan(file, Math.ceil((AHEAD_FROM_BYTES * 1.05) / 73_577));

// Preloaded: notes on stderr which worker scripts the run starts.
const probe = writeWorkerProbe(dir);
const worker = join(dist, 'ahead-worker.js');

function lint(input?: Buffer, preload: string[] = []): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [...preload, bin, 'lint', input ? '-' : 'plan.json', '--format', 'json', '--no-config'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, ...(input ? { input } : {}) });
}

describe('a plan the reader reads with its look-ahead thread', () => {
  it('is large enough for it', () => {
    expect(statSync(file).size).toBeGreaterThanOrEqual(AHEAD_FROM_BYTES);
  });

  it('is read to the same value with the strings of what it keeps shared (as at this size, SHARE_FROM_BYTES) as without', () => {
    expect(statSync(file).size).toBeGreaterThanOrEqual(SHARE_FROM_BYTES);
    const shared = readJsonStream(file, 'plan.json', 'drop', { ahead: false });
    const unshared = readJsonStream(file, 'plan.json', 'drop', { ahead: false, share: false });
    expect(shared.ok && unshared.ok).toBe(true);
    expect(isDeepStrictEqual(shared.ok && shared.value, unshared.ok && unshared.value)).toBe(true);
  });

  it('has every orphaned mapping found', () => {
    const result = lint(undefined, ['--require', probe]);
    expect(result.stderr).toBe(worker);
    expect(result.status).toBe(1);
    const report = JSON.parse(String(result.stdout)) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(made.orphans);
    expect(made.orphans).toBeGreaterThan(150);
  });

  it('has every orphaned mapping found when piped into standard input', () => {
    const result = lint(readFileSync(file), ['--require', probe]);
    expect(result.stderr).toBe(worker);
    expect(result.status).toBe(1);
    const report = JSON.parse(String(result.stdout)) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(made.orphans);
  });

  it('is refused with exit 2 and the message of reading alone when a byte deep in it is broken', () => {
    const at = Math.floor(made.bytes * 0.83);
    const fd = openSync(file, 'r+');
    const was = Buffer.alloc(1);
    readSync(fd, was, 0, 1, at);
    writeSync(fd, Buffer.from([0x01]), 0, 1, at);
    closeSync(fd);
    try {
      const alone = readJsonStream(file, 'plan.json', 'drop', { ahead: false });
      expect(alone.ok).toBe(false);
      const result = lint();
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`okta-push-guard: error: ${alone.ok ? '' : alone.error.message}\n`);
    } finally {
      const back = openSync(file, 'r+');
      writeSync(back, was, 0, 1, at);
      closeSync(back);
    }
  });
});
