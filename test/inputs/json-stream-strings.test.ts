// The string pool of the streaming reader (strings.ts): values come out as JSON.parse made them, and
// equal strings read from many resources are held once.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MAX_POOLED, StringPool } from '../../src/inputs/json-stream/strings';

describe('StringPool.share', () => {
  it('gives back the same value, at any depth, with arrays, nulls, numbers and booleans as they were', () => {
    const text = JSON.stringify({ a: 'x', b: [1, 'y', null, true, [{ c: 'x' }]], d: { e: { f: 'z', g: 2.5 } }, h: null, i: '' });
    const pool = new StringPool();
    expect(pool.share(JSON.parse(text))).toEqual(JSON.parse(text));
    expect(pool.share('x')).toBe('x');
    expect(pool.share(null)).toBeNull();
    expect(pool.share(3)).toBe(3);
  });

  it('keeps an own __proto__ key a data property, and the prototype untouched', () => {
    const value = new StringPool().share(JSON.parse('{"__proto__":"a polluted prototype","inner":{"__proto__":{"polluted":"yes"}}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')).toEqual({ value: 'a polluted prototype', writable: true, enumerable: true, configurable: true });
    const inner = value.inner as object;
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(inner, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  // Each JSON.parse makes its own copy of a long string: 200 of 50 KB are 10 MB unshared, one copy shared.
  // Measured in a process of its own, so that what other test files left in this worker's heap is not counted.
  const strings = join(__dirname, '..', '..', 'dist', 'src', 'inputs', 'json-stream', 'strings.js');
  /** The heap that 200 parsed copies of a value holding a 50 KB string take after a full collection, kept as `keep` says. */
  function heapWith(keep: 'parsed' | 'shared' | 'full pool'): number {
    const script = `
      const { StringPool } = require(${JSON.stringify(strings)});
      const text = JSON.stringify({ id: 'app', values: { description: 'd'.repeat(50000) } });
      const pool = new StringPool(${keep === 'full pool' ? 1 : 'undefined'});
      if (${keep === 'full pool'}) pool.share({ a: 'the one string the pool holds' });
      const keep = ${keep === 'parsed' ? '(v) => v' : '(v) => pool.share(v)'};
      gc(); gc();
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 200 }, () => keep(JSON.parse(text)));
      gc(); gc();
      const used = process.memoryUsage().heapUsed - before;
      if (JSON.stringify(kept[199]) !== text) throw new Error('changed');
      process.stdout.write(String(used));`;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    return Number(run.stdout);
  }

  it('holds one copy of a string that many parsed values repeat', () => {
    const unshared = heapWith('parsed');
    expect(unshared).toBeGreaterThan(9_000_000);
    expect(heapWith('shared')).toBeLessThan(unshared / 10);
  });

  it('leaves strings as parsed once it holds its limit of distinct strings (a Map cannot grow past 2^24 entries)', () => {
    expect(MAX_POOLED).toBeLessThan(2 ** 24);
    expect(new StringPool(1).share({ a: 'first long string' })).toEqual({ a: 'first long string' });
    expect(heapWith('full pool')).toBeGreaterThan(9_000_000);
  });
});
