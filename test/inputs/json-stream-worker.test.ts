// The look-ahead as it runs: the compiled reader (dist, built by the global setup) with its worker thread
// (ahead-worker.js) on real files. The same documents and the same refusals as reading alone; segments
// really taken; the worker's file closed once a read ends; a worker that cannot read the same file, or
// misbehaves (stand-ins that die, lie about where a segment starts, or send nothing), leaves everything
// to the reader. Which segments a real worker hands over depends on timing, so the exhaustive equality
// checks are in json-stream-ahead.test.ts, with the look-ahead in this thread.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type * as AheadModule from '../../src/inputs/json-stream/ahead';
import type * as ReadModule from '../../src/inputs/json-stream/read';

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

  it('starts no thread where there is no second core for it', () => {
    const os = require('node:os') as { availableParallelism: () => number };
    const real = os.availableParallelism;
    os.availableParallelism = () => 1;
    try {
      const { dev, ino, size, mtimeMs } = statSync(planFile);
      expect(Ahead.start({ path: planFile, identity: { dev, ino, size, mtimeMs } }, 'drop', TURNS)).toBeUndefined();
    } finally {
      os.availableParallelism = real;
    }
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

describe('a worker that misbehaves costs no correctness', () => {
  /** Stand-in worker code, run by Ahead.start in place of ahead-worker.js. */
  function stub(name: string, body: string): string {
    const file = join(dir, `${name}.js`);
    writeFileSync(
      file,
      `const { workerData } = require('node:worker_threads');\n` +
        `const { findSync, guessKind, readSegment } = require(${JSON.stringify(join(dist, 'segments.js'))});\n` +
        `const { Scanner } = require(${JSON.stringify(join(dist, 'scanner.js'))});\n` +
        `const { ByteWindow } = require(${JSON.stringify(join(dist, 'window.js'))});\n` +
        `const ctl = new Int32Array(workerData.control, 0, 2); const at64 = new Float64Array(workerData.control, 8, 2);\n` +
        `const bytes = require('node:fs').readFileSync(workerData.source.path);\n` +
        `const scanner = new Scanner(ByteWindow.ofBuffer(bytes));\n` +
        `// The first element the reader reaches after its first turn.\n` +
        `const start = findSync(scanner.window, 4096);\n` +
        `const segment = readSegment(scanner, start, guessKind(scanner, start), 'drop', 200000, () => false);\n` +
        `const lie = { ...segment, fates: segment.fates.map(() => 0) };\n` +
        `const announce = () => { at64[0] = start; Atomics.store(ctl, 0, 1); Atomics.notify(ctl, 0); require('node:fs').writeFileSync(${JSON.stringify(`${join(dir, name)}.announced`)}, ''); };\n` +
        `const ready = () => { Atomics.store(ctl, 0, 2); Atomics.notify(ctl, 0); };\n` +
        body,
    );
    return file;
  }

  /** The plan read with the stand-in `script` beside the reader, as readJsonStream does. */
  function readWith(script: string): unknown {
    const announced = script.replace(/\.js$/, '.announced');
    rmSync(announced, { force: true });
    const { ByteWindow } = require(join(dist, 'window.js')) as typeof import('../../src/inputs/json-stream/window');
    const { Scanner } = require(join(dist, 'scanner.js')) as typeof import('../../src/inputs/json-stream/scanner');
    const { DocumentReader } = require(join(dist, 'document.js')) as typeof import('../../src/inputs/json-stream/document');
    const { DOCUMENT } = require(join(dist, 'shapes.js')) as typeof import('../../src/inputs/json-stream/shapes');
    const { dev, ino, size, mtimeMs } = statSync(largeFile);
    const ahead = Ahead.start({ path: largeFile, identity: { dev, ino, size, mtimeMs } }, 'drop', TURNS, undefined, script)!;
    expect(ahead).toBeDefined();
    // The reader starts once the stand-in has announced its segment, so that it gets there second.
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; !existsSync(announced) && waited < 30_000; waited += 20) Atomics.wait(pause, 0, 0, 20);
    expect(existsSync(announced)).toBe(true);
    const fd = openSync(largeFile, 'r');
    try {
      return new DocumentReader(new Scanner(ByteWindow.ofFile(fd, 1000)), 'drop', ahead).document(0, DOCUMENT);
    } finally {
      ahead.stop();
      closeSync(fd);
    }
  }

  const alone = ((): unknown => {
    const read = readJsonStream(largeFile, 'plan.json', 'drop', { ahead: false });
    return read.ok ? read.value.json : undefined;
  })();

  it('a stand-in that hands over a false segment at the right byte is listened to (so the cases below test something)', () => {
    const file = stub('liar', `announce(); workerData.port.postMessage({ start, segment: lie }); ready(); setTimeout(() => {}, 5000);\n`);
    expect(isDeepStrictEqual(readWith(file), alone)).toBe(false);
  });

  it('one that dies after announcing a segment: the reader reads it itself', () => {
    const file = stub('dies', `announce(); process.exit(0);\n`);
    expect(isDeepStrictEqual(readWith(file), alone)).toBe(true);
  });

  it('one whose message names another start: the reader reads it itself', () => {
    const file = stub('stale', `announce(); workerData.port.postMessage({ start: start - 1, segment: { ...lie, start: start - 1 } }); ready(); setTimeout(() => {}, 5000);\n`);
    expect(isDeepStrictEqual(readWith(file), alone)).toBe(true);
  });

  it('one that says READY with nothing sent: the reader reads it itself', () => {
    const file = stub('silent', `announce(); ready(); setTimeout(() => {}, 5000);\n`);
    expect(isDeepStrictEqual(readWith(file), alone)).toBe(true);
  });

  it('one that fails to read a segment and says so: the reader reads it itself', () => {
    const file = stub('failed', `announce(); workerData.port.postMessage({ start }); ready(); setTimeout(() => {}, 5000);\n`);
    expect(isDeepStrictEqual(readWith(file), alone)).toBe(true);
  });
});

describe('a name that is now a FIFO', () => {
  it('is opened without waiting by the worker, which then reads nothing, and the process exits', () => {
    if (process.platform === 'win32') return;
    const fifo = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const { dev, ino, size, mtimeMs } = statSync(largeFile);
    const script = `const { Ahead } = require(${JSON.stringify(join(dist, 'ahead.js'))});\n` + `const a = Ahead.start({ path: ${JSON.stringify(fifo)}, identity: ${JSON.stringify({ dev, ino, size, mtimeMs })} }, 'drop');\n` + `if (!a) process.exit(3);\n` + `setTimeout(() => { a.stop(); }, 300);\n`;
    const child = spawnSync(process.execPath, ['-e', script], { timeout: 20_000, encoding: 'utf8' });
    expect([child.signal, child.status, child.stderr]).toEqual([null, 0, '']);
  });
});
