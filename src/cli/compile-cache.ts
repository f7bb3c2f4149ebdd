// A code cache for the CLI's start-up. Most of a small run's time is V8 compiling, for the first
// time, the functions every run uses (the tool's modules and yargs). V8 can serialize what it
// compiled and take it back later; Node 20 has no cache of its own (`module.enableCompileCache`
// came with Node 22.1), and measured here ours also starts faster than Node 22's (one file read,
// not one per module). The cache is written after a run, so it holds the functions that run
// compiled lazily too, which a cache made at compile time would not.
//
// What keeps it safe:
// - V8 checks only the source's length, V8's version and its flags; each entry also carries a
//   hash of the module's source, so an edited or upgraded module is compiled afresh.
// - V8 does not check the payload itself in release builds: the file carries a checksum.
// - The cache is code: it is read only from a folder the user alone owns and can write (0700) and a
//   file the user owns that nobody else can write, never through a symbolic link.
// - Any failure (no folder, a full disk, a damaged file, a rejected entry) only means compiling as
//   if there were no cache. Modules that may import dynamically or use ES module syntax, and runs
//   with a policy or source maps, are left to Node's own compilation.
// - Known differences from Node's own compilation, none of which the CLI's modules meet:
//   `module.registerHooks` resolve hooks (Node 23.5+) are not applied to `require.resolve`, and
//   ESM-CommonJS require cycles are not detected.
// - It is written at exit, only when an entry was missing or stale, atomically (rename); the files
//   of Node versions and start-up flags no longer used are removed then (30 days unused, or beyond
//   the 8 most recently used).
//
// `NODE_DISABLE_COMPILE_CACHE=1` turns it off (Node's own switch); `OKTA_PUSH_GUARD_COMPILE_CACHE`
// names another folder (its parent must exist). It is off in CI (`CI` set) unless a folder is named,
// and where Node's own compile cache is on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { debuglog } from 'node:util';
import * as vm from 'node:vm';
import Module = require('node:module');
import { beforeV8FlagsChange, runtimeV8Flags } from '../v8-flags';

/** The parts of Node's CommonJS loader this replaces for one call; stable since Node 0.x. */
interface LoaderModule {
  exports: unknown;
  require(id: string): unknown;
}
interface Loader {
  prototype: { _compile(this: LoaderModule, content: string, filename: string, format?: string): unknown };
  wrap(source: string): string;
  _resolveFilename(request: string, parent: LoaderModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: LoaderModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  getCompileCacheDir?: () => string | undefined;
}

/**
 * `import(`, also with a space or comment before the parenthesis: a module that may import
 * dynamically is compiled by Node, which gives it an import callback (vm.Script would not). Code
 * built at run time (`eval`, `new Function`) that imports is not seen; no module the CLI loads does.
 */
export const DYNAMIC_IMPORT = /\bimport\s*(\(|\/[*/])/;

const MAGIC = 0x4f504731; // "OPG1"
/** Magic, entry count, checksum of the rest. */
const HEAD = 12;
/** About ten times what the CLI's modules take: entries of old versions and other runs beyond it go. */
const MAX_BYTES = 6 * 1024 * 1024;

interface Entry {
  hash: number;
  data: Buffer;
}

/** `NODE_DEBUG=okta-push-guard` tells what the cache did. */
const debug = debuglog('okta-push-guard');

type Crc32 = (data: string | Uint8Array) => number;

/**
 * zlib's CRC-32 (Node 20.15 and 22.2 on), native: hashing every module's source and the cache in
 * JavaScript took about 9 ms of a 200 ms run, this takes under 1 ms (plus zlib's loading, about 3 ms).
 * Where Node has none, the same checks in JavaScript.
 */
let crc32: Crc32 | undefined;
function hasher(): Crc32 {
  crc32 ??= (require('node:zlib') as { crc32?: Crc32 }).crc32 ?? ((data) => (typeof data === 'string' ? textHash(data) : bytesHash(data)));
  return crc32;
}

/** What tells an edited module from the cached one (V8 itself checks only the length). */
function sourceHash(text: string): number {
  return hasher()(text);
}

/** What tells a damaged cache file from the one written. */
function checksum(buf: Buffer, from: number): number {
  return hasher()(buf.subarray(from));
}

function textHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0); // cyrb53
}

function bytesHash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 16777619);
  return h >>> 0; // FNV-1a
}

/** The folder, or why the cache is off. */
export function cacheFolder(env: NodeJS.ProcessEnv): { folder: string } | { off: string } {
  if (env.NODE_DISABLE_COMPILE_CACHE) return { off: 'NODE_DISABLE_COMPILE_CACHE is set' };
  if ((Module as unknown as Loader).getCompileCacheDir?.()) return { off: "Node's own compile cache is on" };
  // Node's own compilation checks a policy's integrity (Node 20) and registers source maps; this one does neither.
  const options = `${process.execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''}`;
  if (/--(experimental-policy|policy-integrity)\b/.test(options)) return { off: 'a policy (--experimental-policy) is in force' };
  if (process.sourceMapsEnabled || /--enable-source-maps\b/.test(options)) return { off: 'source maps are on' };
  const named = env.OKTA_PUSH_GUARD_COMPILE_CACHE;
  if (named) return { folder: path.resolve(named) };
  // CI runners are mostly new machines each time: there the cache would cost its writing on every
  // run and never be read. A runner that keeps its disk can name a folder.
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return { off: 'CI is set and OKTA_PUSH_GUARD_COMPILE_CACHE names no folder' };
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return { folder: path.join((require('node:os') as typeof import('node:os')).tmpdir(), `okta-push-guard-compile-cache-${user}`) };
}

/** Only what the user alone controls: a folder or file of theirs that no one else can write. */
function trusted(stat: fs.Stats, folder: boolean): boolean {
  if (folder ? !stat.isDirectory() : !stat.isFile()) return false;
  if (typeof process.getuid !== 'function') return true; // Windows: the temporary folder is the user's own
  return stat.uid === process.getuid() && (stat.mode & (folder ? 0o077 : 0o022)) === 0;
}

/** The cache's entries, or why there are none (nothing read is used). */
function read(file: string): Map<string, Entry> | string {
  let fd: number | undefined;
  try {
    // Not through a link, and a FIFO put there cannot hold the run.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    const stat = fs.fstatSync(fd);
    if (!trusted(stat, false)) return 'not a file of this user that only they can write';
    if (stat.size > 2 * MAX_BYTES) return 'too large';
    const buf = fs.readFileSync(fd);
    markUsed(fd, stat);
    if (buf.length < HEAD || buf.readUInt32LE(0) !== MAGIC) return 'not a cache';
    // V8 does not check its payload in release builds: a damaged byte must not become damaged code.
    if (buf.readUInt32LE(8) !== checksum(buf, HEAD)) return 'damaged (checksum)';
    const entries = new Map<string, Entry>();
    const count = buf.readUInt32LE(4);
    let at = HEAD;
    for (let i = 0; i < count; i++) {
      const nameLength = buf.readUInt32LE(at);
      const name = buf.toString('utf8', at + 4, at + 4 + nameLength);
      at += 4 + nameLength;
      const hash = buf.readUInt32LE(at) * 4294967296 + buf.readUInt32LE(at + 4);
      const dataLength = buf.readUInt32LE(at + 8);
      at += 12;
      if (at + dataLength > buf.length) return 'damaged (cut)';
      entries.set(name, { hash, data: buf.subarray(at, at + dataLength) });
      at += dataLength;
    }
    return at === buf.length ? entries : 'damaged (length)';
  } catch (error) {
    // None yet (ENOENT), a link (ELOOP), or an entry running past the end (readUInt32LE throws).
    return (error as NodeJS.ErrnoException).code ?? 'damaged';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function serialize(entries: Map<string, Entry>): Buffer {
  const parts: Buffer[] = [];
  const head = Buffer.alloc(HEAD);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(entries.size, 4);
  parts.push(head);
  for (const [name, { hash, data }] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const meta = Buffer.alloc(16);
    meta.writeUInt32LE(nameBytes.length, 0);
    parts.push(meta.subarray(0, 4), nameBytes);
    meta.writeUInt32LE(Math.floor(hash / 4294967296), 4);
    meta.writeUInt32LE(hash >>> 0, 8);
    meta.writeUInt32LE(data.length, 12);
    parts.push(meta.subarray(4), data);
  }
  const whole = Buffer.concat(parts);
  whole.writeUInt32LE(checksum(whole, HEAD), 8);
  return whole;
}

const TEMPORARY = '.tmp';
/** Older than this, a temporary file is no other run's write in progress. */
const LEFTOVER_AGE_MS = 60_000;
/** Cache files of other Node versions or start-up flags, unused this long, go. */
const UNUSED_AGE_MS = 30 * 24 * 3600_000;
/** And of those used more recently, only this many stay, the most recently used. */
const KEEP_OTHER_FILES = 8;
/** How stale a file's modification time may be before a run that only reads it sets it anew. */
const USE_MARK_MS = 24 * 3600_000;
const CACHE_FILE = /^v8-.*\.bin$/;

/**
 * A file's modification time tells when it was last used. A file is written only when an entry was
 * missing or stale, so a run that only reads it sets that time (once a day at most): else a file in
 * daily use would look unused to the runs of another Node version, which remove such files.
 */
function markUsed(fd: number, stat: fs.Stats): void {
  const now = Date.now();
  if (now - stat.mtimeMs < USE_MARK_MS) return;
  try {
    fs.futimesSync(fd, stat.atime, new Date(now));
  } catch {
    // A file system that refuses it: the file may be removed as unused, and is written again when next needed.
  }
}

/**
 * What no run would ever remove otherwise: temporary files of runs killed between writing and renaming,
 * and the files of Node versions and start-up flags (one file each) no longer used.
 */
function removeUnused(folder: string, file: string): void {
  const others: { path: string; mtimeMs: number }[] = [];
  const own = path.basename(file);
  for (const name of fs.readdirSync(folder)) {
    const entry = path.join(folder, name);
    try {
      const stat = fs.lstatSync(entry);
      if (!stat.isFile()) continue;
      if (name.endsWith(TEMPORARY)) {
        if (Date.now() - stat.mtimeMs > LEFTOVER_AGE_MS) fs.rmSync(entry, { force: true });
      } else if (name !== own && CACHE_FILE.test(name)) others.push({ path: entry, mtimeMs: stat.mtimeMs });
    } catch {
      // Renamed or removed meanwhile by another run.
    }
  }
  others.sort((a, b) => b.mtimeMs - a.mtimeMs);
  others.forEach((other, i) => {
    if (i < KEEP_OTHER_FILES && Date.now() - other.mtimeMs <= UNUSED_AGE_MS) return;
    try {
      fs.rmSync(other.path, { force: true });
    } catch {
      // Left for a later run: this run's own file is written all the same.
    }
  });
}

/** Writes the cache atomically; says why not where it cannot. */
function write(folder: string, file: string, entries: Map<string, Entry>): string {
  try {
    // Only the folder itself: its parent must exist (Node 20's recursive mkdir spins forever under /proc).
    try {
      fs.mkdirSync(folder, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!trusted(fs.lstatSync(folder), true)) return `not written: ${folder} is not a folder of this user that only they can write`;
    removeUnused(folder, file);
    const temporary = `${file}.${process.pid}.${Date.now()}${TEMPORARY}`;
    fs.writeFileSync(temporary, serialize(entries), { mode: 0o600, flag: 'wx' });
    try {
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
    return `written to ${file}`;
  } catch (error) {
    // Not writable here (a read-only file system, a full disk): the next run compiles afresh.
    return `not written: ${(error as Error).message}`;
  }
}

interface Compiled {
  hash: number;
  script: vm.Script;
  /** The V8 flags set at run time when it was compiled (src/v8-flags.ts). */
  flags: string;
  stale: boolean;
  /** Its cache, made before a flag was set (a cache made after it would be refused under the old flags). */
  data?: Buffer;
}

/** Installs the cache for the modules this process loads from now on; the CLI's entry point calls it. */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  const where = cacheFolder(env);
  if ('off' in where) return debug(`off: ${where.off}`);
  const { folder } = where;
  let folderStat: fs.Stats | undefined;
  try {
    folderStat = fs.lstatSync(folder);
  } catch {
    // Not made yet: made with the first write.
  }
  if (folderStat && !trusted(folderStat, true)) return debug(`not used: ${folder} is not a folder of this user that only they can write`);
  // V8 takes a cache only under the version and flags it was made with (its version tag, read before
  // any flag is set at run time): runs with other V8 flags (NODE_OPTIONS=--max-semi-space-size=4, say)
  // keep a file of their own instead of rewriting each other's. node:v8 (and node:os above) are loaded
  // only where the cache is on: loading node:v8 costs about 1 ms, which runs without it need not pay.
  const { cachedDataVersionTag } = require('node:v8') as typeof import('node:v8');
  const file = path.join(folder, `v8-${process.versions.v8}-${process.platform}-${process.arch}-${cachedDataVersionTag().toString(16)}.bin`);
  const found = folderStat ? read(file) : 'ENOENT';
  if (typeof found === 'string') debug(`nothing read from ${file}: ${found}`);
  const cached = typeof found === 'string' ? new Map<string, Entry>() : found;
  const compiled = new Map<string, Compiled>();

  const loader = Module as unknown as Loader;
  const original = loader.prototype._compile;
  loader.prototype._compile = function compile(this: LoaderModule, content: string, filename: string, format?: string) {
    // ES module syntax, TypeScript or a dynamic import() need Node's own compilation (its loader hooks).
    if ((format !== undefined && format !== 'commonjs') || DYNAMIC_IMPORT.test(content)) return original.call(this, content, filename, format);
    const hash = sourceHash(content);
    const flags = runtimeV8Flags();
    const key = flags ? `${filename}\n${flags}` : filename;
    const entry = cached.get(key);
    let script: vm.Script;
    try {
      const wrapped = loader.wrap(content);
      script = new vm.Script(wrapped, { filename, columnOffset: -wrapperWidth(loader, wrapped, content), cachedData: entry?.hash === hash ? entry.data : undefined });
    } catch {
      return original.call(this, content, filename, format); // a syntax error, reported by Node as always
    }
    compiled.set(key, { hash, script, flags, stale: entry?.hash !== hash || script.cachedDataRejected === true });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(loader, this), this, filename, path.dirname(filename));
  };

  // V8 stamps a cache with the flags in force when it is made: the modules compiled so far are cached
  // now, under the flags they were compiled with and will be compiled with next time.
  beforeV8FlagsChange(() => {
    const flags = runtimeV8Flags();
    for (const c of compiled.values()) if (c.stale && c.flags === flags) c.data = cacheOf(c.script);
  });

  process.once('exit', () => {
    const stale = [...compiled.values()].filter((c) => c.stale).length;
    const summary = `${compiled.size} modules compiled, ${compiled.size - stale} from the cache`;
    if (stale === 0) return debug(`${summary}; nothing to write`);
    const next = new Map<string, Entry>();
    let bytes = 0;
    const flags = runtimeV8Flags();
    for (const [key, c] of compiled) {
      const data = c.flags === flags ? cacheOf(c.script) : c.data;
      if (!data) continue; // compiled afresh next time
      next.set(key, { hash: c.hash, data });
      bytes += data.length + key.length;
    }
    // Modules other runs load (another command, the HCL loader) stay, the most recent first, up to the
    // cap; paths are not checked (a stat of a dead network mount would hang the exit).
    for (const [key, entry] of cached) {
      if (next.has(key) || bytes + entry.data.length > MAX_BYTES) continue;
      next.set(key, entry);
      bytes += entry.data.length + key.length;
    }
    debug(`${summary}; ${write(folder, file, next)}`);
  });
}

/**
 * How far the wrapper moves the module's first line to the right. Node compiles a module without a
 * wrapper in its text; for stack traces to give the same columns on that line (where all of a
 * minified module is, yargs' among them), the script's origin is moved back as far.
 */
function wrapperWidth(loader: Loader, wrapped: string, content: string): number {
  // Found once, with a marker: searching each module's text for itself costs 2 ms on the CLI's bundle.
  if (wrapperHead === undefined) {
    const probe = loader.wrap('\u0000');
    const at = probe.indexOf('\u0000');
    wrapperHead = at > 0 && !probe.slice(0, at).includes('\n') ? probe.slice(0, at) : '';
  }
  return wrapperHead !== '' && wrapped.length > content.length && wrapped.startsWith(wrapperHead) ? wrapperHead.length : 0;
}
let wrapperHead: string | undefined;

function cacheOf(script: vm.Script): Buffer | undefined {
  try {
    return script.createCachedData();
  } catch {
    return undefined;
  }
}

/** The `require` Node gives a module (makeRequireFunction in lib/internal/modules/helpers.js). */
function requireFor(loader: Loader, module: LoaderModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => loader._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, module);
  require.resolve = resolve;
  (require as { main?: unknown }).main = process.mainModule;
  require.extensions = loader._extensions as NodeJS.Require['extensions'];
  require.cache = loader._cache as NodeJS.Require['cache'];
  return require;
}
