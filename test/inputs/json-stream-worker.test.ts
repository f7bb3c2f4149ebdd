// The look-ahead as it runs: the compiled reader (dist, built by the global setup) with its worker thread
// (ahead-worker.js) on real files. The same documents and the same refusals as reading alone; segments
// really taken; the worker's file closed once a read ends; a worker that cannot read the same file
// leaves everything to the reader.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type * as AheadModule from '../../src/inputs/json-stream/ahead';
import type * as ReadModule from '../../src/inputs/json-stream/read';
import { CORPUS, corpusEntries } from '../support/corpus';
import { describeWith } from '../support/outside';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writePlan } = require('../../bench/plan.js') as { writePlan: (file: string, apps: number) => { bytes: number; orphans: number } };

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist', 'src', 'inputs', 'json-stream');
/* eslint-disable @typescript-eslint/no-require-imports */
const { readJsonStream, readJsonStreamBytes } = require(join(dist, 'read.js')) as typeof ReadModule;
const { Ahead } = require(join(dist, 'ahead.js')) as typeof AheadModule;
/* eslint-enable @typescript-eslint/no-require-imports */

/** Segments the worker handed to the reader, counted at the door. */
let handed = 0;
const at = Ahead.prototype.at;
Ahead.prototype.at = function (this: AheadModule.Ahead, p: number) {
  const segment = at.call(this, p);
  if (segment) handed++;
  return segment;
};

const TURNS = { share: 4096, segment: 8192 };
const dir = mkdtempSync(join(tmpdir(), 'opg-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const planFile = join(dir, 'plan.json');
const made = writePlan(planFile, 40);
/** Large enough (15 MB) that the reader is still reading when the worker has started. */
const largeFile = join(dir, 'large.json');
writePlan(largeFile, 200);

function outcome(file: string, unread: 'drop' | 'skeleton', ahead: AheadModule.Turns | false, chunk?: number): unknown {
  const read = readJsonStream(file, 'plan.json', unread, { ahead, ...(chunk ? { chunk } : {}) });
  return read.ok ? read.value.json : read.error.message;
}

function expectSame(file: string, chunk?: number): void {
  for (const unread of ['drop', 'skeleton'] as const) {
    const alone = outcome(file, unread, false, chunk);
    const ahead = outcome(file, unread, TURNS, chunk);
    if (!isDeepStrictEqual(ahead, alone)) expect(ahead).toStrictEqual(alone);
  }
}

describe('the reader with its worker thread', () => {
  it('reads a plan as Terraform writes it exactly as alone, taking segments from the worker', () => {
    handed = 0;
    expectSame(largeFile);
    expect(handed).toBeGreaterThan(20);
    expectSame(planFile);
    expectSame(planFile, 1000);
    expect(made.orphans).toBe(8);
  });

  it('reads input held in shared memory (standard input) exactly as alone, taking segments from the worker', () => {
    const bytes = readFileSync(largeFile);
    const shared = Buffer.from(new SharedArrayBuffer(bytes.length));
    bytes.copy(shared);
    handed = 0;
    for (const unread of ['drop', 'skeleton'] as const) {
      const alone = readJsonStreamBytes(bytes, '<stdin>', unread, { ahead: false });
      const ahead = readJsonStreamBytes(shared, '<stdin>', unread, { ahead: TURNS });
      expect(alone.ok && ahead.ok && isDeepStrictEqual(ahead.value.json, alone.value.json)).toBe(true);
    }
    expect(handed).toBeGreaterThan(20);
    // Not shared, nothing for a thread to read: read alone.
    handed = 0;
    expect(readJsonStreamBytes(bytes, '<stdin>', 'drop', { ahead: TURNS }).ok).toBe(true);
    expect(handed).toBe(0);
    shared[Math.floor(bytes.length * 0.7)] = 1;
    const broken = readJsonStreamBytes(shared, '<stdin>', 'drop', { ahead: TURNS });
    expect(broken.ok ? 'read' : broken.error.message).toBe(((r) => (r.ok ? 'read' : r.error.message))(readJsonStreamBytes(Buffer.from(shared), '<stdin>', 'drop', { ahead: false })));
  });

  it('refuses invalid JSON and truncation with the message of reading alone', () => {
    const bytes = readFileSync(largeFile);
    const broken = join(dir, 'broken.json');
    let refused = 0;
    for (const at of [0.3, 0.55, 0.8, 0.97].map((f) => Math.floor(bytes.length * f))) {
      for (const change of ['\u0001', '\u001f', ']']) {
        const copy = Buffer.from(bytes);
        copy[at] = change.charCodeAt(0);
        writeFileSync(broken, copy);
        const alone = outcome(broken, 'drop', false);
        if (typeof alone === 'string') refused++;
        expect([at, outcome(broken, 'drop', TURNS)]).toEqual([at, alone]);
      }
      writeFileSync(broken, bytes.subarray(0, at));
      expect(outcome(broken, 'drop', TURNS)).toEqual(outcome(broken, 'drop', false));
    }
    // A control character is refused anywhere, in a string or out.
    expect(refused).toBeGreaterThanOrEqual(8);
  });

  it('closes the worker’s file once each read ends', async () => {
    // Linux lists a process's open files in /proc/self/fd, macOS in /dev/fd.
    const fds = existsSync('/proc/self/fd') ? '/proc/self/fd' : '/dev/fd';
    const open = (): number => readdirSync(fds).length;
    const before = open();
    for (let i = 0; i < 10; i++) outcome(planFile, 'drop', TURNS);
    let after = open();
    for (let waited = 0; after > before && waited < 5000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = open();
    }
    expect(after).toBeLessThanOrEqual(before);
  });

  it('reads alone when the worker finds another file under the name', () => {
    // The worker opens the file by name and reads it only if it is the file the reader has open.
    const { dev, ino, size } = statSync(planFile);
    const ahead = Ahead.start({ path: planFile, identity: { dev, ino: ino + 1, size, mtimeMs: 0 } }, 'drop', TURNS);
    expect(ahead).toBeDefined();
    let offered = 0;
    const deadline = Date.now() + 500;
    for (let p = 0; Date.now() < deadline; p++) if (ahead!.at(p)) offered++;
    ahead!.stop();
    expect(offered).toBe(0);
  });
});

describe('the fixtures, written as Terraform writes them (without spaces)', () => {
  const fixtures = ((): string[] => {
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d)) {
        const path = join(d, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(json|tfstate)$/.test(name)) out.push(path);
      }
    };
    walk(join(root, 'fixtures'));
    return out;
  })();

  it('are read as alone', () => {
    let n = 0;
    for (const file of fixtures) {
      let compact: string;
      try {
        compact = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        continue;
      }
      const copy = join(dir, `fixture-${n++}.json`);
      writeFileSync(copy, compact);
      const alone = outcome(copy, 'drop', false);
      const ahead = outcome(copy, 'drop', { share: 16, segment: 64 });
      if (!isDeepStrictEqual(ahead, alone)) expect([file, ahead]).toStrictEqual([file, alone]);
    }
    expect(n).toBeGreaterThan(50);
  });
});

describeWith('corpus', 'the corpus with the worker thread', () => {
  it('reads its twenty largest files as alone', () => {
    const largest = corpusEntries()
      .map((e) => join(CORPUS, e.file))
      .sort((a, b) => statSync(b).size - statSync(a).size)
      .slice(0, 20);
    // Small files are read before the worker has started: what is checked is that it changes nothing.
    for (const file of largest) {
      const alone = outcome(file, 'drop', false);
      const ahead = outcome(file, 'drop', { share: 256, segment: 1024 });
      if (!isDeepStrictEqual(ahead, alone)) expect([file, ahead]).toStrictEqual([file, alone]);
    }
    expect(largest.length).toBe(20);
  });
});
