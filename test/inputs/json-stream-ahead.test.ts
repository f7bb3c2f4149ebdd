// The document reader with a look-ahead (segments read ahead of it, as the worker thread of ahead.ts
// reads them; here in this thread): the same value, the same holes, the same refusal at the same byte as
// reading alone, on every fixture and corpus file, with the look-ahead's guesses landing everywhere:
// in strings, in nested lists whose objects start with "address", too deep, in arrays of another kind.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DocumentReader, type Lookahead } from '../../src/inputs/json-stream/document';
import { DROP, PARSE, type Unread } from '../../src/inputs/json-stream/fate';
import { JsonSyntaxError, Scanner } from '../../src/inputs/json-stream/scanner';
import { findSync, guessKind, readSegment, SEGMENT_DEPTH, type Segment } from '../../src/inputs/json-stream/segments';
import { DOCUMENT } from '../../src/inputs/json-stream/shapes';
import { ByteWindow } from '../../src/inputs/json-stream/window';
import { CORPUS, corpusEntries } from '../support/corpus';
import { InThreadLookahead } from '../support/lookahead';
import { describeWith } from '../support/outside';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writePlan } = require('../../bench/plan.js') as { writePlan: (file: string, apps: number) => { bytes: number; orphans: number } };

const root = join(__dirname, '..', '..');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return /\.(json|tfstate)$/.test(name) ? [path] : [];
  });
}

type Outcome = { value: unknown } | { error: string };

/** The document as the reader makes it from `bytes`, alone or with `ahead`; or where it refuses them. */
function read(bytes: Buffer, unread: Unread, ahead?: Lookahead): Outcome {
  const origin = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { value: new DocumentReader(new Scanner(ByteWindow.ofBuffer(bytes)), unread, ahead).document(origin, DOCUMENT) };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { error: `${error.reason} at ${error.offset}` };
    throw error;
  }
}

/** Turns (share, segment) from one element at a time to long runs. */
const TURNS: [number, number][] = [
  [0, 1],
  [64, 300],
  [700, 5000],
];

/**
 * Node's strict deep equality: holes where holes were, own `__proto__` and `constructor` keys as data
 * (Jest's toStrictEqual takes an own `constructor` key for the object's class). Jest shows the difference.
 */
function expectSame(received: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(received, expected)) expect(received).toStrictEqual(expected);
}

function sameWithLookahead(bytes: Buffer): number {
  let offered = 0;
  for (const unread of ['drop', 'skeleton'] as const) {
    const alone = read(bytes, unread);
    for (const [share, segment] of TURNS) {
      const ahead = new InThreadLookahead(bytes, unread, share, segment);
      // The holes left by dropped resources must be where they were.
      expectSame(read(bytes, unread, ahead), alone);
      offered += ahead.offered;
    }
  }
  return offered;
}

const dir = mkdtempSync(join(tmpdir(), 'opg-ahead-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A plan as bench/plan.js writes it (what the look-ahead is for): 4 apps, 180 resources, two orphans. */
const generated = ((): Buffer => {
  const file = join(dir, 'plan.json');
  writePlan(file, 4);
  return readFileSync(file);
})();

describe('the reader with a look-ahead reads what it reads alone', () => {
  it('on a plan as Terraform writes it, taking segments', () => {
    expect(sameWithLookahead(generated)).toBeGreaterThan(20);
  });

  it('on every fixture', () => {
    let offered = 0;
    for (const file of jsonFiles(join(root, 'fixtures'))) {
      const bytes = readFileSync(file);
      offered += sameWithLookahead(bytes);
      // The fixtures are indented, where the look-ahead finds no element to start at; Terraform writes them without spaces.
      let compact: Buffer | undefined;
      try {
        compact = Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8'))));
      } catch {
        compact = undefined;
      }
      if (compact) offered += sameWithLookahead(compact);
    }
    expect(offered).toBeGreaterThan(50);
  });

  it('where the look-ahead lands in a string, in a nested list of objects starting with "address", and in arrays of every kind', () => {
    const values = (i: number): unknown => ({
      id: `00u${i}`,
      // In a string (escaped quotes), and as a real nested list: neither is an element of a resource array.
      note: '},{"address":"fake","mode":"managed"}',
      emails: [{ address: `a${i}@example.com` }, { address: `b${i}@example.com`, primary: true }],
    });
    const resources = Array.from({ length: 12 }, (_, i) => ({ address: `okta_user.u${i}`, mode: 'managed', type: i % 3 ? 'okta_user' : 'okta_app_saml', name: `u${i}`, provider_name: 'registry.terraform.io/okta/okta', values: values(i), sensitive_values: {} }));
    const change = resources.map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, provider_name: r.provider_name, change: { actions: ['no-op'], before: r.values, after: r.values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } }));
    const config = resources.map((r) => ({ address: r.address, mode: r.mode, type: r.type, name: r.name, provider_config_key: 'okta', expressions: { login: { constant_value: 'x' } }, schema_version: 0 }));
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources, child_modules: [{ address: 'module.m', resources }] } },
      resource_changes: change,
      prior_state: { format_version: '1.0', values: { root_module: { resources } } },
      configuration: { root_module: { resources: config } },
      // Not a resource array, but its elements look like them.
      output_changes: { o: { before: resources, after: change } },
    };
    expect(sameWithLookahead(Buffer.from(JSON.stringify(plan)))).toBeGreaterThan(0);
  });

  it('where resources nest deeper than the look-ahead scans them (modules within modules)', () => {
    let module: Record<string, unknown> = { resources: [] };
    const users = Array.from({ length: 6 }, (_, i) => ({ address: `okta_user.u${i}`, mode: 'managed', type: 'okta_user', name: `u${i}`, values: { id: `${i}` } }));
    for (let d = 0; d < SEGMENT_DEPTH; d++) module = { address: `module.m${d}`, resources: users, child_modules: [module] };
    const bytes = Buffer.from(JSON.stringify({ format_version: '1.0', values: { root_module: module } }));
    expect(sameWithLookahead(bytes)).toBeGreaterThan(0);
  });

  it('refuses nesting too deep for the reader even where the look-ahead, scanning less deep, accepted it', () => {
    const deep = (levels: number): unknown => (levels === 0 ? 'x' : [deep(levels - 1)]);
    const users = (n: number): unknown[] => Array.from({ length: n }, (_, i) => ({ address: `okta_user.u${i}`, mode: 'managed', type: 'okta_user', name: `u${i}`, values: { id: `${i}`, nested: i === n - 1 ? deep(410) : [] } }));
    let module: Record<string, unknown> = { resources: users(4) };
    for (let d = 0; d < 45; d++) module = { address: `module.m${d}`, resources: [], child_modules: [module] };
    const bytes = Buffer.from(JSON.stringify({ format_version: '1.0', values: { root_module: module } }));
    const alone = read(bytes, 'drop');
    expect(alone).toMatchObject({ error: expect.stringMatching(/^depth at/) });
    const ahead = new InThreadLookahead(bytes, 'drop', 0, 1);
    expectSame(read(bytes, 'drop', ahead), alone);
    expect(ahead.offered).toBeGreaterThan(0);
  });

  it('refuses invalid JSON and truncation at the same byte, wherever the look-ahead is', () => {
    const text = generated;
    const bad = ['x', '"', '\u0001', '}', ',', '\\', ']', '0'];
    let n = 0;
    for (let at = 3; at < text.length; at += 2903) {
      const broken = Buffer.from(text);
      broken[at] = bad[n++ % bad.length]!.charCodeAt(0);
      for (const unread of ['drop', 'skeleton'] as const) {
        const alone = read(broken, unread);
        for (const [share, segment] of TURNS) expectSame([at, read(broken, unread, new InThreadLookahead(broken, unread, share, segment))], [at, alone]);
      }
      const cut = text.subarray(0, at);
      expectSame(read(cut, 'drop', new InThreadLookahead(cut, 'drop', 64, 300)), read(cut, 'drop'));
    }
    expect(n).toBeGreaterThan(40);
  });
});

describe('the reader with a look-ahead, reading a file in small pieces (its window jumps past each segment it takes)', () => {
  /** The document as the reader makes it from the file, `chunk` bytes at a time. */
  function readFileWith(bytes: Buffer, chunk: number, unread: Unread, ahead?: Lookahead): Outcome {
    const file = join(dir, 'piece.json');
    writeFileSync(file, bytes);
    const fd = openSync(file, 'r');
    try {
      return { value: new DocumentReader(new Scanner(ByteWindow.ofFile(fd, chunk)), unread, ahead).document(0, DOCUMENT) };
    } catch (error) {
      if (error instanceof JsonSyntaxError) return { error: `${error.reason} at ${error.offset}` };
      throw error;
    } finally {
      closeSync(fd);
    }
  }

  it.each([7, 64, 1000])('%i bytes at a time, the plan whole and broken', (chunk) => {
    let offered = 0;
    const cases = [generated, ...[0.2, 0.45, 0.7, 0.95].map((f) => Buffer.concat([generated.subarray(0, Math.floor(generated.length * f)), Buffer.from('\u0001'), generated.subarray(Math.floor(generated.length * f) + 1)]))];
    for (const bytes of cases) {
      for (const unread of ['drop', 'skeleton'] as const) {
        const ahead = new InThreadLookahead(bytes, unread, 300, 2000);
        expectSame(readFileWith(bytes, chunk, unread, ahead), read(bytes, unread));
        offered += ahead.offered;
      }
    }
    expect(offered).toBeGreaterThan(40);
  });
});

describe('where the look-ahead starts', () => {
  it('finds every place an element starts with "address", read in pieces of any size (the pattern across their edges)', () => {
    const file = join(dir, 'sync.json');
    writeFileSync(file, generated.subarray(0, 60_000));
    const whole = generated.subarray(0, 60_000);
    const expected: number[] = [];
    for (let at = whole.indexOf('},{"address":"'); at >= 0; at = whole.indexOf('},{"address":"', at + 1)) expected.push(at + 2);
    expect(expected.length).toBeGreaterThan(20);
    for (const chunk of [1, 2, 5, 13, 14, 15, 64, 4096]) {
      const fd = openSync(file, 'r');
      try {
        const window = ByteWindow.ofFile(fd, chunk);
        const found: number[] = [];
        for (let at = findSync(window, 0); at >= 0; at = findSync(window, at + 1)) found.push(at);
        expect([chunk, found]).toEqual([chunk, expected]);
      } finally {
        closeSync(fd);
      }
    }
  });
});

describeWith('corpus', 'the reader with a look-ahead on the real corpus', () => {
  it('reads every file as it does alone', () => {
    let offered = 0;
    for (const { file } of corpusEntries()) offered += sameWithLookahead(readFileSync(join(CORPUS, file)));
    expect(offered).toBeGreaterThan(100);
  });
});

describe('the reader takes a segment only where it would have read the same', () => {
  /** A look-ahead offering `segment` at every element start. */
  const offering = (make: (p: number) => Segment | undefined): Lookahead => ({ depth: SEGMENT_DEPTH, at: make });
  /** Honest segments of the generated plan, read from `p`. */
  const honest = (p: number, limit = 1000): Segment | undefined => {
    const scanner = new Scanner(ByteWindow.ofBuffer(generated));
    const kind = guessKind(scanner, p);
    return kind && readSegment(scanner, p, kind, 'drop', limit, () => false);
  };
  const alone = read(generated, 'drop');
  /** The honest segment with every element turned into something else: taken, it shows. */
  const lie = (s: Segment): Segment => ({ ...s, fates: s.fates.map(() => DROP) });

  it('takes an honest one (and a lie shows, so taking is what the other tests exercised)', () => {
    expectSame(read(generated, 'drop', offering((p) => honest(p))), alone);
    expect(read(generated, 'drop', offering((p) => (p === findSync(ByteWindow.ofBuffer(generated), 0) ? lie(honest(p)!) : undefined)))).not.toStrictEqual(alone);
  });

  it('refuses one that starts elsewhere, or is of another kind', () => {
    const first = findSync(ByteWindow.ofBuffer(generated), 0);
    const elsewhere = (p: number): Segment | undefined => (p === first ? { ...lie(honest(p)!), start: p + 1 } : undefined);
    expectSame(read(generated, 'drop', offering(elsewhere)), alone);
    const otherKind = (p: number): Segment | undefined => {
      const s = honest(p);
      return s && lie({ ...s, kind: s.kind === 'values' ? 'change' : 'values' });
    };
    expectSame(read(generated, 'drop', offering(otherKind)), alone);
  });

  it('keeps what a segment says of each element: whole, or left out', () => {
    const s = honest(findSync(ByteWindow.ofBuffer(generated), 0), 1e9)!;
    expect([...new Set(s.fates)].sort()).toEqual([DROP, PARSE]);
  });
});
