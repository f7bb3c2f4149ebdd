// The Terraform functions whose result can be decided statically; any other call is unknown.
import { SensitiveValue, setEntry, UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../model/value';
import type { Expr } from './ast';

/** An expression that would fail in Terraform too (a missing key, a wrong type): try() catches these. */
export class EvalError extends Error {}

/** An expression this tool does not evaluate (an unsupported function or syntax): its value is unknown, even inside try(). */
export class NotEvaluated extends EvalError {}

type Evaluate = (e: Expr) => Value;

function strip(v: Value): { value: Value; sensitive: boolean } {
  let sensitive = false;
  while (v instanceof SensitiveValue) {
    sensitive = true;
    v = v.value;
  }
  return { value: v, sensitive };
}

function isMap(v: Value): v is ObjectValue {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof UnknownValue) && !(v instanceof SensitiveValue);
}

function str(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError('expected a string');
}

function containsUnknown(v: Value): boolean {
  if (v instanceof UnknownValue) return true;
  if (v instanceof SensitiveValue) return containsUnknown(v.value);
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isMap(v)) return Object.values(v).some(containsUnknown);
  return false;
}

/** Functions over fully evaluated arguments: unknown in, unknown out; sensitive in, sensitive out. */
const STRICT: Record<string, (args: Value[]) => Value> = {
  tostring: ([v]) => (v === null ? null : str(v!)),
  tonumber: ([v]) => {
    if (v === undefined || v === null || typeof v === 'number') return v ?? null;
    const n = Number(str(v ?? null));
    if (Number.isNaN(n)) throw new EvalError('not a number');
    return n;
  },
  tobool: ([v]) => {
    if (typeof v === 'boolean' || v === null) return v ?? null;
    if (v === 'true' || v === 'false') return v === 'true';
    throw new EvalError('not a bool');
  },
  lower: ([v]) => str(v!).toLowerCase(),
  upper: ([v]) => str(v!).toUpperCase(),
  trimspace: ([v]) => str(v!).trim(),
  length: ([v]) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (v !== undefined && isMap(v)) return Object.keys(v).length;
    throw new EvalError('length of a value without one');
  },
  coalesce: (args) => {
    const found = args.find((a) => a !== null && a !== '');
    if (found === undefined) throw new EvalError('no non-null argument');
    return found;
  },
  lookup: ([map, key, fallback]) => {
    if (!isMap(map!)) throw new EvalError('lookup needs a map');
    const k = str(key!);
    if (Object.hasOwn(map, k)) return map[k]!;
    if (fallback === undefined) throw new EvalError(`no key ${JSON.stringify(k)}`);
    return fallback;
  },
  merge: (args) => {
    const out: ObjectValue = {};
    for (const a of args) {
      if (a === null) continue;
      if (!isMap(a)) throw new EvalError('merge needs maps or objects');
      for (const [k, v] of Object.entries(a)) setEntry(out, k, v);
    }
    return out;
  },
  toset: ([v]) => {
    if (!Array.isArray(v)) throw new EvalError('toset needs a list');
    const unique = [...new Map(v.map((item) => [JSON.stringify(item), item])).values()];
    return unique.every((x) => typeof x === 'string') ? (unique as string[]).sort() : unique;
  },
  tolist: ([v]) => {
    if (!Array.isArray(v)) throw new EvalError('tolist needs a list or set');
    return v;
  },
  tomap: ([v]) => {
    if (!isMap(v!)) throw new EvalError('tomap needs an object or map');
    return v;
  },
  keys: ([v]) => {
    if (!isMap(v!)) throw new EvalError('keys needs a map');
    return Object.keys(v).sort();
  },
  values: ([v]) => {
    if (!isMap(v!)) throw new EvalError('values needs a map');
    return Object.keys(v)
      .sort()
      .map((k) => v[k]!);
  },
  concat: (args) => {
    if (!args.every(Array.isArray)) throw new EvalError('concat needs lists');
    return (args as Value[][]).flat();
  },
  contains: ([list, item]) => {
    if (!Array.isArray(list)) throw new EvalError('contains needs a list');
    return list.some((x) => JSON.stringify(x) === JSON.stringify(item));
  },
  join: ([sep, list]) => {
    if (!Array.isArray(list)) throw new EvalError('join needs a list');
    return list.map(str).join(str(sep!));
  },
  split: ([sep, s]) => str(s!).split(str(sep!)),
  replace: ([s, find, repl]) => {
    const f = str(find!);
    if (f.startsWith('/') && f.endsWith('/')) throw new NotEvaluated('regular-expression replace is not evaluated');
    return str(s!).split(f).join(str(repl!));
  },
};

export function callFunction(name: string, args: Expr[], evaluate: Evaluate): Value {
  const bare = name.replace(/^provider::[^:]+::/, '');
  if (bare === 'try') {
    // try() returns the first argument that evaluates without error; an unknown first success stays unknown.
    for (const arg of args) {
      try {
        return evaluate(arg);
      } catch (error) {
        // What this tool cannot evaluate might have succeeded in Terraform: the result is unknown, not the fallback.
        if (error instanceof NotEvaluated) return UNKNOWN;
        if (!(error instanceof EvalError)) throw error;
      }
    }
    throw new EvalError('no try() argument could be evaluated');
  }
  const fn = STRICT[bare];
  if (!fn) throw new NotEvaluated(`${name}() is not evaluated statically`);
  const values = args.map(evaluate);
  let sensitive = false;
  const plain = values.map((v) => {
    const s = strip(v);
    sensitive ||= s.sensitive;
    return s.value;
  });
  if (plain.some(containsUnknown)) {
    // coalesce() can still decide when a known, non-null argument comes before any unknown one.
    if (bare === 'coalesce') {
      for (const v of plain) {
        if (v instanceof UnknownValue) return UNKNOWN;
        if (v !== null && v !== '') return sensitive ? new SensitiveValue(v) : v;
      }
    }
    return UNKNOWN;
  }
  const result = fn(plain);
  return sensitive ? new SensitiveValue(result) : result;
}
