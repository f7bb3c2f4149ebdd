// The string pool of the streaming reader (strings.ts): values come out as JSON.parse made them, and
// equal strings read from many resources are held once.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { StringPool } from '../../src/inputs/json-stream/strings';

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
    const value = new StringPool().share(JSON.parse('{"__proto__":"polluted","inner":{"__proto__":{"polluted":"yes"}}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')).toEqual({ value: 'polluted', writable: true, enumerable: true, configurable: true });
    const inner = value.inner as object;
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(inner, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('holds one copy of a string that many parsed values repeat', () => {
    // Each JSON.parse makes its own copy of a long string: 200 of 50 KB are 10 MB unshared, one copy shared.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const text = JSON.stringify({ id: 'app', values: { description: 'd'.repeat(50_000) } });
    const heapWith = (keep: (value: unknown) => unknown): number => {
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 200 }, () => keep(JSON.parse(text)));
      gc();
      const used = process.memoryUsage().heapUsed - before;
      expect(kept).toHaveLength(200);
      return used;
    };
    const pool = new StringPool();
    const unshared = heapWith((value) => value);
    const shared = heapWith((value) => pool.share(value));
    expect(unshared).toBeGreaterThan(9_000_000);
    expect(shared).toBeLessThan(unshared / 10);
  });
});
