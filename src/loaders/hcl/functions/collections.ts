// Collection functions. Those marked shallow keep unknown and sensitive elements where they are, so
// that one unknown element does not make a whole for_each collection unknown.
import { UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../../model/value';
import { checkCount, EvalError } from '../errors';
import { ANY_SET, convertTo } from '../types';
import { compareStrings, equals, Imprecise, isObject, keyOf, plain, setOwn, sortedKeys, toBool, toInt, toNum, toStr, wrap } from '../values';
import { graphemes } from './strings';
import { fixed, type Family } from './spec';

function list(v: Value | undefined, what: string): Value[] {
  if (!Array.isArray(v)) throw new EvalError(`${what} needs a list`);
  return v;
}

function map(v: Value | undefined, what: string): ObjectValue {
  if (!isObject(v)) throw new EvalError(`${what} needs a map or an object`);
  return v;
}

/** A set of known values: deduplicated and, for primitives, in Terraform's order. */
function toSet(values: Value[]): Value {
  const converted = convertTo(values, ANY_SET);
  if (converted instanceof UnknownValue) return UNKNOWN;
  return converted;
}

function flatten(items: Value[]): Value[] | UnknownValue {
  const out: Value[] = [];
  for (const item of items) {
    const { value, sensitive } = plain(item);
    // An unknown element may be a list or not: the whole result is unknown.
    if (value instanceof UnknownValue) return UNKNOWN;
    if (Array.isArray(value)) {
      const inner = flatten(value);
      if (inner instanceof UnknownValue) return UNKNOWN;
      for (const x of inner) out.push(wrap(x, sensitive));
    } else out.push(item);
  }
  return out;
}

function numbers(v: Value, what: string): number[] {
  return list(v, what).map(toNum);
}

export const COLLECTION_FUNCTIONS: Family = {
  length: fixed(
    1,
    ([v]) => {
      if (typeof v === 'string') return graphemes(v).length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      throw new EvalError('length of a value without one');
    },
    { shallow: true },
  ),
  lookup: {
    min: 2,
    max: 3,
    shallow: true,
    impl: ([m, key, fallback]) => {
      const k = plain(key!);
      if (k.value instanceof UnknownValue) return UNKNOWN;
      const name = toStr(k.value);
      const object = map(m, 'lookup');
      if (Object.hasOwn(object, name)) return wrap(object[name]!, k.sensitive);
      if (fallback === undefined) throw new EvalError(`lookup: no key ${JSON.stringify(name)}`);
      return fallback;
    },
  },
  merge: {
    min: 0,
    max: Infinity,
    shallow: true,
    impl: (args) => {
      const out: ObjectValue = {};
      for (const a of args) {
        if (a === null) continue;
        for (const [k, v] of Object.entries(map(a, 'merge'))) setOwn(out, k, v);
      }
      return out;
    },
  },
  keys: fixed(1, ([m]) => sortedKeys(map(m, 'keys')), { shallow: true }),
  values: fixed(1, ([m]) => {
    const object = map(m, 'values');
    return sortedKeys(object).map((k) => object[k]!);
  }, { shallow: true }),
  concat: {
    min: 0,
    max: Infinity,
    shallow: true,
    impl: (args) => args.flatMap((a) => list(plain(a).value, 'concat').map((x) => wrap(x, plain(a).sensitive))),
  },
  contains: fixed(2, ([l, item]) => list(l, 'contains').some((x) => equals(x, item!) === true)),
  distinct: fixed(1, ([l]) => [...new Map(list(l, 'distinct').map((x) => [keyOf(x), x])).values()]),
  compact: fixed(1, ([l]) => list(l, 'compact').filter((x) => x !== null && toStr(x) !== '').map((x) => toStr(x))),
  element: fixed(
    2,
    ([l, i]) => {
      const items = list(l, 'element');
      const index = plain(i!);
      if (index.value instanceof UnknownValue) return UNKNOWN;
      const n = toInt(index.value);
      if (items.length === 0) throw new EvalError('element: the list is empty');
      if (n < 0) throw new EvalError('element: a negative index');
      return wrap(items[n % items.length]!, index.sensitive);
    },
    { shallow: true },
  ),
  index: fixed(2, ([l, item]) => {
    const at = list(l, 'index').findIndex((x) => equals(x, item!) === true);
    if (at < 0) throw new EvalError('index: the item is not in the list');
    return at;
  }),
  range: {
    min: 1,
    max: 3,
    impl: (args) => {
      const n = args.map(toNum);
      const [start, limit, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[0]! <= n[1]! ? 1 : -1)];
      if (step === 0 && start !== limit) throw new EvalError('range: a step of zero');
      if ((step > 0 && start > limit) || (step < 0 && start < limit)) throw new EvalError('range: the step goes away from the limit');
      const out: number[] = [];
      for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
        if (out.length >= 1024) throw new EvalError('range: more than 1024 elements');
        out.push(x);
      }
      // Fractional steps accumulate binary rounding: only whole numbers are certain.
      if (!out.every(Number.isInteger)) throw new Imprecise();
      return out;
    },
  },
  zipmap: fixed(
    2,
    ([k, v]) => {
      const keys = list(k, 'zipmap');
      const values = list(plain(v!).value, 'zipmap');
      if (keys.length !== values.length) throw new EvalError('zipmap: the lists differ in length');
      const out: ObjectValue = {};
      for (let i = 0; i < keys.length; i++) {
        const key = plain(keys[i]!);
        if (key.value instanceof UnknownValue || key.sensitive) return UNKNOWN;
        setOwn(out, toStr(key.value), wrap(values[i]!, plain(v!).sensitive));
      }
      return out;
    },
    { shallow: true },
  ),
  flatten: fixed(1, ([l]) => flatten(list(l, 'flatten')), { shallow: true }),
  one: fixed(
    1,
    ([l]) => {
      const items = list(l, 'one');
      if (items.length > 1) throw new EvalError('one: more than one element');
      return items.length === 0 ? null : items[0]!;
    },
    { shallow: true },
  ),
  slice: fixed(
    3,
    ([l, s, e]) => {
      const items = list(l, 'slice');
      const [start, end] = [plain(s!).value, plain(e!).value];
      if (start instanceof UnknownValue || end instanceof UnknownValue) return UNKNOWN;
      const [from, to] = [toInt(start), toInt(end)];
      if (from < 0 || to > items.length || from > to) throw new EvalError('slice: indexes out of range');
      return items.slice(from, to);
    },
    { shallow: true },
  ),
  sort: fixed(1, ([l]) => list(l, 'sort').map(toStr).sort(compareStrings)),
  reverse: fixed(1, ([l]) => [...list(l, 'reverse')].reverse(), { shallow: true }),
  coalescelist: {
    min: 1,
    max: Infinity,
    shallow: true,
    impl: (args) => {
      for (const a of args) if (list(a, 'coalescelist').length > 0) return a;
      throw new EvalError('coalescelist: no non-empty list');
    },
  },
  setproduct: {
    min: 1,
    max: Infinity,
    impl: (args) => {
      let out: Value[][] = [[]];
      // Checked before it is made: ten lists of ten are ten billion tuples.
      checkCount(args.reduce((n: number, a) => n * list(a, 'setproduct').length, 1));
      for (const a of args) out = out.flatMap((prefix) => list(a, 'setproduct').map((x) => [...prefix, x]));
      return out;
    },
  },
  setunion: { min: 1, max: Infinity, impl: (args) => toSet(args.flatMap((a) => list(a, 'setunion'))) },
  setintersection: {
    min: 1,
    max: Infinity,
    impl: ([first, ...rest]) => toSet(list(first, 'setintersection').filter((x) => rest.every((r) => list(r, 'setintersection').some((y) => keyOf(y) === keyOf(x))))),
  },
  setsubtract: fixed(2, ([a, b]) => toSet(list(a, 'setsubtract').filter((x) => !list(b, 'setsubtract').some((y) => keyOf(y) === keyOf(x))))),
  alltrue: fixed(
    1,
    ([l]) => {
      for (const item of list(l, 'alltrue')) {
        const { value } = plain(item);
        if (value instanceof UnknownValue) return UNKNOWN;
        if (value === null || !toBool(value)) return false;
      }
      return true;
    },
    { shallow: true },
  ),
  anytrue: fixed(
    1,
    ([l]) => {
      let unknown = false;
      for (const item of list(l, 'anytrue')) {
        const { value } = plain(item);
        if (value instanceof UnknownValue) unknown = true;
        else if (value !== null && toBool(value)) return true;
      }
      return unknown ? UNKNOWN : false;
    },
    { shallow: true },
  ),
  max: { min: 1, max: Infinity, impl: (args) => args.map(toNum).reduce((a, b) => Math.max(a, b)) },
  min: { min: 1, max: Infinity, impl: (args) => args.map(toNum).reduce((a, b) => Math.min(a, b)) },
  sum: fixed(1, ([l]) => {
    const items = numbers(l!, 'sum');
    if (items.length === 0) throw new EvalError('sum: an empty list');
    return items.reduce((a, b) => a + b, 0);
  }),
  abs: fixed(1, ([n]) => Math.abs(toNum(n!))),
  ceil: fixed(1, ([n]) => Math.ceil(toNum(n!))),
  floor: fixed(1, ([n]) => Math.floor(toNum(n!))),
  signum: fixed(1, ([n]) => Math.sign(toNum(n!))),
};
