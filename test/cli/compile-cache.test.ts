// The CLI's code cache (src/cli/compile-cache.ts), run as users run it: bin/okta-push-guard.js in a
// child process. A cache may only make start-up faster: every run below must report exactly what a
// run without it reports, and a cache that is stale, damaged or not the user's own must not be used.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Folders the tests make, removed after them. */
const made: string[] = [];
function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});
const fixture = join(root, 'fixtures', 'orphan-after-deactivate');

/** The environment of a user who set none of the cache's variables. */
function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.OKTA_PUSH_GUARD_COMPILE_CACHE;
  delete env.NODE_DISABLE_COMPILE_CACHE;
  delete env.CI;
  return env;
}

function run(args: readonly string[], env: NodeJS.ProcessEnv, bin = join(root, 'bin', 'okta-push-guard.js'), nodeArgs: readonly string[] = []) {
  const result = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  if (result.error) throw result.error; // a hang ends here, after the timeout
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What the cache says it did (NODE_DEBUG=okta-push-guard), one line per message, without the prefix. */
function said(args: readonly string[], env: NodeJS.ProcessEnv, bin?: string, nodeArgs?: readonly string[]): string[] {
  const { stderr } = run(args, { ...env, NODE_DEBUG: 'okta-push-guard' }, bin, nodeArgs);
  return stderr.split('\n').flatMap((line) => /^OKTA-PUSH-GUARD \d+: (.*)$/.exec(line)?.slice(1) ?? []);
}

const cached = (folder: string) => ({ ...plainEnv(), OKTA_PUSH_GUARD_COMPILE_CACHE: folder });
const uncached = () => ({ ...plainEnv(), NODE_DISABLE_COMPILE_CACHE: '1' });

function newFolder(): string {
  return join(temporaryFolder('opg-compile-cache-'), 'cache');
}

/** The one cache file in `folder`. */
function cacheFile(folder: string): string {
  const names = readdirSync(folder);
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^v8-.+\.bin$/);
  return join(folder, names[0]!);
}

/** Changes whenever the file is written again (a new file is renamed over it). */
function identity(file: string): string {
  const s = statSync(file, { bigint: true });
  return `${s.ino}:${s.mtimeNs}:${s.size}`;
}

/** A plan alone in its folder: no `.tf` beside it, so the run loads no HCL loader. */
const planAlone = join(temporaryFolder('opg-compile-cache-plan-'), 'plan.json');
cpSync(join(fixture, 'plan.json'), planAlone);
const LINT = ['lint', planAlone, '--no-config'];
/** The plan with its `.tf` beside it: the HCL loader sets a V8 flag (the WebAssembly tier) as it starts. */
const LINT_TF = ['lint', join(fixture, 'plan.json'), '--no-config'];

/** The cache file's format: MAGIC "OPG1", entry count, CRC-32 of the rest; then name, hash and data of each entry. */
interface RawEntry {
  name: string;
  hash: Buffer;
  data: Buffer;
}
const parse = (buf: Buffer): RawEntry[] => {
  const entries: RawEntry[] = [];
  let at = 12;
  for (let i = 0; i < buf.readUInt32LE(4); i++) {
    const nameLength = buf.readUInt32LE(at);
    const name = buf.toString('utf8', at + 4, at + 4 + nameLength);
    at += 4 + nameLength;
    const hash = buf.subarray(at, at + 8);
    const dataLength = buf.readUInt32LE(at + 8);
    entries.push({ name, hash, data: buf.subarray(at + 12, at + 12 + dataLength) });
    at += 12 + dataLength;
  }
  expect(at).toBe(buf.length);
  return entries;
};
const serialize = (entries: readonly RawEntry[]): Buffer => {
  const parts = entries.flatMap(({ name, hash, data }) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const sizes = Buffer.alloc(4);
    sizes.writeUInt32LE(nameBytes.length);
    const dataLength = Buffer.alloc(4);
    dataLength.writeUInt32LE(data.length);
    return [sizes, nameBytes, hash, dataLength, data];
  });
  const head = Buffer.alloc(12);
  head.writeUInt32LE(0x4f504731, 0);
  head.writeUInt32LE(entries.length, 4);
  const whole = Buffer.concat([head, ...parts]);
  whole.writeUInt32LE(crc32!(whole.subarray(12)), 8);
  return whole;
};
const crc32 = (require('node:zlib') as { crc32?: (data: Uint8Array) => number }).crc32;

describe('the CLI code cache', () => {
  const posix = process.platform === 'win32' ? it.skip : it;

  it('reports exactly what a run without it reports, when written and when read', () => {
    const folder = newFolder();
    const runs = [
      LINT,
      [...LINT, '--format', 'json'],
      LINT_TF,
      ['lint', fixture, '--no-config', '--format', 'sarif'],
      ['--version'],
      ['lint', 'no-such-plan.json'],
      ['lint', '--no-such-option'],
    ];
    for (const args of runs) {
      const without = run(args, uncached());
      expect(run(args, cached(folder))).toEqual(without);
      expect(run(args, cached(folder))).toEqual(without);
    }
    expect(run(LINT, cached(folder)).status).toBe(1);
  });

  it('is written once, only for the user (0700 folder, 0600 file), and then read without being written again', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    if (process.platform !== 'win32') {
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    // The CLI's bundle is cached, not left to Node (as a module that may import dynamically would be).
    expect(parse(readFileSync(file)).map((e) => e.name)).toContain(join(root, 'dist', 'cli.js'));
    const written = identity(file);
    const [line] = said(LINT, cached(folder));
    const [, compiled, taken] = /^(\d+) modules compiled, (\d+) from the cache; nothing to write$/.exec(line ?? '') ?? [];
    // The CLI's bundle: its entry (yargs in it) and the part a lint of a plan loads.
    expect(parse(readFileSync(file)).map((e) => e.name)).toEqual(expect.arrayContaining([join(root, 'dist', 'cli.js'), join(root, 'dist', 'cli-lint.js')]));
    expect(Number(compiled)).toBeGreaterThanOrEqual(2);
    expect(taken).toBe(compiled);
    // Written again only when an entry is missing, stale or refused by V8.
    expect(identity(file)).toBe(written);
  });

  it('keeps the entries of runs that load other modules or set V8 flags, so no run writes it again', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    run(LINT_TF, cached(folder));
    const file = cacheFile(folder);
    const settled = identity(file);
    for (const args of [LINT, LINT_TF, LINT, LINT_TF]) expect(said(args, cached(folder))).toEqual([expect.stringMatching(/^(\d+) modules compiled, \1 from the cache; nothing to write$/)]);
    expect(identity(file)).toBe(settled);
  });

  it('keeps one file per set of Node options, so runs with and without NODE_OPTIONS do not rewrite each other', () => {
    const folder = newFolder();
    const small = { ...cached(folder), NODE_OPTIONS: '--max-semi-space-size=4' };
    run(LINT, cached(folder));
    run(LINT, small);
    // Two files where the flag changes V8's version tag (Node 20, 22); one where it does not (Node 24).
    for (const env of [cached(folder), small]) expect(said(LINT, env)).toEqual([expect.stringMatching(/^(\d+) modules compiled, \1 from the cache; nothing to write$/)]);
  });

  it('caches the modules a run compiled before it set a V8 flag, and those after it, from one run', () => {
    const folder = newFolder();
    run(LINT_TF, cached(folder));
    expect(said(LINT_TF, cached(folder))).toEqual([expect.stringMatching(/^(\d+) modules compiled, \1 from the cache; nothing to write$/)]);
  });

  it('compiles a module afresh once its source changed, even to one of the same length', () => {
    const folder = newFolder();
    const pkg = temporaryFolder('opg-compile-cache-pkg-');
    cpSync(join(root, 'bin'), join(pkg, 'bin'), { recursive: true });
    cpSync(join(root, 'dist'), join(pkg, 'dist'), { recursive: true });
    cpSync(join(root, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'junction');
    const bin = join(pkg, 'bin', 'okta-push-guard.js');
    const usage = ['lint', '--no-such-option'];
    expect(run(usage, cached(folder), bin).stderr).toContain('(see okta-push-guard --help)');
    const file = cacheFile(folder);
    const written = identity(file);
    // V8 itself checks only the source's length: this edit keeps it.
    const main = join(pkg, 'dist', 'cli.js');
    const source = readFileSync(main, 'utf8');
    const edited = source.replace('(see okta-push-guard --help)', '(see okta-push-guard --HELP)');
    expect(edited).not.toBe(source);
    expect(edited.length).toBe(source.length);
    writeFileSync(main, edited);
    expect(run(usage, cached(folder), bin).stderr).toContain('(see okta-push-guard --HELP)');
    expect(identity(file)).not.toBe(written);
  });

  // Node 22.1 and later: Node's own compile cache (NODE_COMPILE_CACHE) does the same work; the two do not stack.
  it("stays off where Node's own compile cache is on (as Node 22.1 and later tell it)", () => {
    const preload = join(temporaryFolder('opg-node-cache-'), 'node-cache-on.js');
    writeFileSync(preload, "require('node:module').getCompileCacheDir = () => '/somewhere';\n");
    const folder = newFolder();
    expect(said(LINT, cached(folder), undefined, ['--require', preload])).toEqual(["off: Node's own compile cache is on"]);
    expect(existsSync(folder)).toBe(false);
  });

  // The same with Node's real one, where the Node running the tests has it.
  if (typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
    it("stays off where Node's own compile cache is on (NODE_COMPILE_CACHE)", () => {
      const folder = newFolder();
      const env = { ...cached(folder), NODE_COMPILE_CACHE: join(temporaryFolder('opg-node-cache-'), 'node') };
      expect(said(LINT, env)).toEqual(["off: Node's own compile cache is on"]);
      expect(existsSync(folder)).toBe(false);
    });
  }

  it("checks sources and the file the same way where Node's zlib has no crc32 (before Node 20.15)", () => {
    const preload = join(temporaryFolder('opg-no-crc32-'), 'no-crc32.js');
    writeFileSync(preload, "delete require('node:zlib').crc32;\n");
    const nodeArgs = ['--require', preload];
    const folder = newFolder();
    const without = run(LINT, uncached());
    expect(run(LINT, cached(folder), undefined, nodeArgs)).toEqual(without);
    expect(said(LINT, cached(folder), undefined, nodeArgs)).toEqual([expect.stringMatching(/^(\d+) modules compiled, \1 from the cache; nothing to write$/)]);
    const file = cacheFile(folder);
    const damaged = readFileSync(file);
    damaged[damaged.length >> 1] = damaged[damaged.length >> 1]! ^ 0x5a;
    writeFileSync(file, damaged);
    expect(said(LINT, cached(folder), undefined, nodeArgs)[0]).toBe(`nothing read from ${file}: damaged (checksum)`);
    expect(run(LINT, cached(folder), undefined, nodeArgs)).toEqual(without);
  });

  it('leaves to Node the modules that may import dynamically, however the import() is written', () => {
    const dir = temporaryFolder('opg-compile-cache-import-');
    const forms = ["import('node:os')", "import ('node:os')", "import\n('node:os')", "import /* os */ ('node:os')"];
    forms.forEach((form, i) => writeFileSync(join(dir, `m${i}.js`), `module.exports = () => ${form}.then((os) => typeof os.cpus);\n`));
    const main = join(dir, 'main.js');
    const cache = JSON.stringify(join(root, 'dist', 'src', 'cli', 'compile-cache.js'));
    writeFileSync(
      main,
      `require(${cache}).enableCompileCache({ OKTA_PUSH_GUARD_COMPILE_CACHE: ${JSON.stringify(join(dir, 'cache'))} });\n` +
        `Promise.all(${JSON.stringify(forms.map((_, i) => `./m${i}.js`))}.map((m) => require(m)())).then((r) => console.log(r.join(',')), (e) => console.log(e.code));\n`,
    );
    for (let i = 0; i < 2; i++) {
      const result = spawnSync(process.execPath, [main], { encoding: 'utf8', env: plainEnv(), timeout: 60_000 });
      expect(result.stdout).toBe(`${forms.map(() => 'function').join(',')}\n`);
    }
  });

  it("gives stack traces the columns Node gives, on a module's first line (all of a minified one) as on the others", () => {
    const dir = temporaryFolder('opg-compile-cache-columns-');
    writeFileSync(join(dir, 'm.js'), `'use strict';const f=()=>{throw new Error('first line')};module.exports=[f,() => {\n  throw new Error('second line');\n}];\n`);
    const main = join(dir, 'main.js');
    const cache = JSON.stringify(join(root, 'dist', 'src', 'cli', 'compile-cache.js'));
    writeFileSync(
      main,
      `require(${cache}).enableCompileCache({ ...process.env, OKTA_PUSH_GUARD_COMPILE_CACHE: ${JSON.stringify(join(dir, 'cache'))} });\n` +
        `for (const f of require('./m.js')) try { f(); } catch (e) { console.log(e.stack.split('\\n').filter((l) => l.includes('m.js')).join('\\n')); }\n`,
    );
    const frames = (env: NodeJS.ProcessEnv) => {
      const result = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { ...env, NODE_DEBUG: 'okta-push-guard' }, timeout: 60_000 });
      return { stdout: result.stdout, cache: /\d+ modules compiled.*$/m.exec(result.stderr)?.[0] };
    };
    const node = frames({ ...plainEnv(), NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(node.stdout).toMatch(/m\.js:1:\d+\)?\n(.*\n)*.*m\.js:2:\d+/);
    expect(frames(plainEnv())).toEqual({ stdout: node.stdout, cache: expect.stringMatching(/^1 modules compiled, 0 from the cache; written to /) });
    expect(frames(plainEnv())).toEqual({ stdout: node.stdout, cache: '1 modules compiled, 1 from the cache; nothing to write' });
  });

  it('is off where Node registers source maps', () => {
    expect(said(LINT, { ...cached(newFolder()), NODE_OPTIONS: '--enable-source-maps' })).toEqual(['off: source maps are on']);
  });

  posix('is not held by a FIFO in place of the file', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    rmSync(file);
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    expect(run(LINT, cached(folder))).toEqual(run(LINT, uncached()));
  });

  describe('damaged', () => {
    const damages: Record<string, (real: Buffer) => Buffer> = {
      'random bytes': () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
      empty: () => Buffer.alloc(0),
      'cut in half': (real) => real.subarray(0, real.length >> 1),
      'one byte changed in the compiled code': (real) => {
        const copy = Buffer.from(real);
        copy[copy.length >> 1] = copy[copy.length >> 1]! ^ 0x5a;
        return copy;
      },
      'one byte more': (real) => Buffer.concat([real, Buffer.from([0])]),
    };
    for (const [name, damage] of Object.entries(damages)) {
      it(`(${name}): the run reports as without a cache, and the cache is written anew`, () => {
        const folder = newFolder();
        const without = run(LINT, uncached());
        run(LINT, cached(folder));
        const file = cacheFile(folder);
        const real = readFileSync(file);
        writeFileSync(file, damage(real));
        expect(said(LINT, cached(folder))[0]).toMatch(/^nothing read from .*: (not a cache|damaged \(\w+\))$/);
        writeFileSync(file, damage(real));
        const damaged = identity(file);
        expect(run(LINT, cached(folder))).toEqual(without);
        const mended = identity(file);
        expect(mended).not.toBe(damaged);
        expect(run(LINT, cached(folder))).toEqual(without);
        expect(identity(file)).toBe(mended);
      });
    }
  });

  describe('file format (MAGIC "OPG1", count, CRC-32 of the rest; then name, hash, data of each entry)', () => {
    const withCrc32 = crc32 ? it : it.skip;

    withCrc32('an entry V8 refuses, in a whole file, is compiled afresh and replaced', () => {
      const folder = newFolder();
      const without = run(LINT, uncached());
      run(LINT, cached(folder));
      const file = cacheFile(folder);
      const entries = parse(readFileSync(file));
      const main = entries.find((e) => e.name.endsWith(join('dist', 'cli.js')))!;
      const other = entries.find((e) => e.name.endsWith(join('dist', 'cli-lint.js')))!;
      // Another module's code under the CLI's name and hash: the checksum holds, V8 refuses it.
      writeFileSync(file, serialize(entries.map((e) => (e === main ? { ...main, data: other.data } : e))));
      const refused = identity(file);
      expect(said(LINT, cached(folder))).toEqual([expect.stringMatching(/^(\d+) modules compiled, (\d+) from the cache; written to /)]);
      expect(identity(file)).not.toBe(refused);
      expect(parse(readFileSync(file)).find((e) => e.name === main.name)!.data.equals(other.data)).toBe(false);
      expect(run(LINT, cached(folder))).toEqual(without);
      expect(said(LINT, cached(folder))).toEqual([expect.stringMatching(/^(\d+) modules compiled, \1 from the cache; nothing to write$/)]);
    });

    withCrc32('keeps entries of other runs up to 6 MiB in all, dropping those that do not fit', () => {
      const folder = newFolder();
      run(LINT, cached(folder));
      const file = cacheFile(folder);
      const entries = parse(readFileSync(file));
      const hash = Buffer.alloc(8);
      const small = { name: '/elsewhere/small.js', hash, data: Buffer.alloc(1024, 1) };
      const large = { name: '/elsewhere/large.js', hash, data: Buffer.alloc(6 * 1024 * 1024, 2) };
      // Without the CLI's entry, the run writes the file again, keeping what other runs left.
      writeFileSync(file, serialize([...entries.filter((e) => !e.name.endsWith(join('dist', 'cli.js'))), large, small]));
      run(LINT, cached(folder));
      const names = parse(readFileSync(file)).map((e) => e.name);
      expect(names).toContain(small.name);
      expect(names).not.toContain(large.name);
      expect(names).toEqual(expect.arrayContaining(entries.map((e) => e.name)));
      expect(statSync(file).size).toBeLessThan(6 * 1024 * 1024);
    });
  });

  it('removes the temporary files of runs killed while writing it, once they are a minute old', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    const old = `${file}.1.1.tmp`;
    const recent = `${file}.2.2.tmp`;
    writeFileSync(old, 'left by a killed run');
    writeFileSync(recent, 'another run writing now');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(old, twoMinutesAgo, twoMinutesAgo);
    rmSync(file);
    run(LINT, cached(folder));
    expect(readdirSync(folder).sort()).toEqual([file, recent].map((f) => f.split(/[\\/]/).pop()).sort());
  });

  it('removes, when it writes, the files of other Node versions or flags unused for 30 days or beyond the 8 most recently used', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    const days = (n: number) => new Date(Date.now() - n * 24 * 3600_000);
    const other = (name: string, age: number) => {
      const path = join(folder, name);
      writeFileSync(path, 'the cache of another Node version', { mode: 0o600 });
      utimesSync(path, days(age), days(age));
      return name;
    };
    const unused = other('v8-10.2.154.26-node.26-linux-x64-aaaa.bin', 31);
    // Ten used within the last 30 days: the eight most recent stay.
    const recent = Array.from({ length: 10 }, (_, i) => other(`v8-11.3.244.8-linux-x64-${i}.bin`, i + 1));
    const notOurs = other('notes.txt', 400);
    rmSync(file); // so that this run writes
    run(LINT, cached(folder));
    const left = readdirSync(folder);
    expect(left).not.toContain(unused);
    expect(left.sort()).toEqual([file.split(/[\\/]/).pop()!, ...recent.slice(0, 8), notOurs].sort());
  });

  it('marks the file it reads as used (its modification time), once a day at most, without writing it', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    const written = readFileSync(file);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    utimesSync(file, twoDaysAgo, twoDaysAgo);
    const before = statSync(file).ino;
    expect(said(LINT, cached(folder))).toContainEqual(expect.stringMatching(/nothing to write$/));
    expect(statSync(file).mtimeMs).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(statSync(file).ino).toBe(before);
    expect(readFileSync(file).equals(written)).toBe(true);
    // Within the day, a read leaves the time as it is.
    const anHourAgo = new Date(Date.now() - 3600_000);
    utimesSync(file, anHourAgo, anHourAgo);
    run(LINT, cached(folder));
    expect(Math.abs(statSync(file).mtimeMs - anHourAgo.getTime())).toBeLessThan(1000);
  });

  posix('is not read from a file others can write, and is written anew as the user\'s own', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    chmodSync(file, 0o666);
    expect(said(LINT, cached(folder))[0]).toBe(`nothing read from ${file}: not a file of this user that only they can write`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run(LINT, cached(folder))).toEqual(run(LINT, uncached()));
    expect(said(LINT, cached(folder))).toEqual([expect.stringMatching(/^(\d+) modules compiled, \1 from the cache; nothing to write$/)]);
  });

  // Node 20 and 21 have policies (removed in Node 22); the cache does not check a policy's integrity.
  (process.allowedNodeEnvironmentFlags.has('--experimental-policy') ? it : it.skip)('is off under a policy', () => {
    const dir = temporaryFolder('opg-compile-cache-policy-');
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ onerror: 'log', resources: {} }));
    const folder = newFolder();
    expect(said(LINT, cached(folder), undefined, [`--experimental-policy=${policy}`])).toContain('off: a policy (--experimental-policy) is in force');
    expect(existsSync(folder)).toBe(false);
  });

  posix('is neither read nor written in a folder others can write', () => {
    const folder = newFolder();
    run(LINT, cached(folder));
    const file = cacheFile(folder);
    writeFileSync(file, 'planted by someone else');
    chmodSync(folder, 0o777);
    expect(run(LINT, cached(folder))).toEqual(run(LINT, uncached()));
    expect(said(LINT, cached(folder))).toEqual([`not used: ${folder} is not a folder of this user that only they can write`]);
    expect(readFileSync(file, 'utf8')).toBe('planted by someone else');
  });

  posix('is not used through a symbolic link, of the folder or of the file', () => {
    const real = newFolder();
    run(LINT, cached(real));
    const file = cacheFile(real);
    const before = readFileSync(file);
    const linkedFolder = join(temporaryFolder('opg-compile-cache-link-'), 'cache');
    symlinkSync(real, linkedFolder);
    expect(run(LINT, cached(linkedFolder))).toEqual(run(LINT, uncached()));
    expect(said(LINT, cached(linkedFolder))).toEqual([`not used: ${linkedFolder} is not a folder of this user that only they can write`]);
    expect(readFileSync(file).equals(before)).toBe(true);
    // A link in place of the file is replaced by a file of the user's; what it pointed to is left as it was.
    const target = join(temporaryFolder('opg-compile-cache-target-'), 'target.bin');
    writeFileSync(target, before);
    const folder = newFolder();
    mkdirSync(folder, { mode: 0o700 });
    const link = join(folder, cacheFile(real).split(/[\\/]/).pop()!);
    symlinkSync(target, link);
    expect(said(LINT, cached(folder))[0]).toBe(`nothing read from ${link}: ELOOP`);
    expect(run(LINT, cached(folder))).toEqual(run(LINT, uncached()));
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
  });

  it('where it cannot be written, the run reports as without it, and says nothing', () => {
    const parentIsFile = join(temporaryFolder('opg-compile-cache-file-'), 'file');
    writeFileSync(parentIsFile, '');
    // Node 20's recursive mkdir never returns under /proc: the cache makes only its own folder.
    for (const folder of [join(parentIsFile, 'cache'), '/proc/no-such-folder/cache', join(tmpdir(), 'opg-no-such-parent', 'x', 'cache')]) {
      expect(run(LINT, cached(folder))).toEqual(run(LINT, uncached()));
      expect(existsSync(folder)).toBe(false);
    }
  });

  it('is in the temporary folder by default, off with NODE_DISABLE_COMPILE_CACHE, and off in CI unless a folder is named', () => {
    const home = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('okta-push-guard-compile-cache-'));
    const tmp = temporaryFolder('opg-compile-cache-tmp-');
    run(LINT, { ...plainEnv(), TMPDIR: tmp, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(said(LINT, { ...plainEnv(), TMPDIR: tmp, CI: 'true' })).toEqual(['off: CI is set and OKTA_PUSH_GUARD_COMPILE_CACHE names no folder']);
    expect(home(tmp)).toEqual([]);
    const named = newFolder();
    run(LINT, { ...plainEnv(), TMPDIR: tmp, CI: 'true', OKTA_PUSH_GUARD_COMPILE_CACHE: named });
    cacheFile(named);
    run(LINT, { ...plainEnv(), TMPDIR: tmp });
    expect(home(tmp)).toHaveLength(1);
    cacheFile(join(tmp, home(tmp)[0]!));
    // CI=0 and CI=false say "not CI".
    const notCi = temporaryFolder('opg-compile-cache-tmp-');
    run(LINT, { ...plainEnv(), TMPDIR: notCi, CI: '0' });
    expect(home(notCi)).toHaveLength(1);
  });
});
