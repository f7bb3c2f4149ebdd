// Value helpers shared by the evaluator and the built-in functions: marks, unknowns, equality and the
// conversions Terraform applies between primitives. Where this tool's numbers (doubles) could differ
// from Terraform's (arbitrary precision), the result is unknown rather than a near miss.
import { SensitiveValue, UNKNOWN, UnknownValue, unwrapSensitive, type ObjectValue, type Value } from '../../model/value';
import { EvalError } from './errors';

export function isObject(v: Value | undefined): v is ObjectValue {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !(v instanceof UnknownValue) && !(v instanceof SensitiveValue);
}

/** Unwraps the top-level sensitive marks: a result computed from a sensitive input is sensitive too. */
export function plain(v: Value): { value: Value; sensitive: boolean } {
  return unwrapSensitive(v);
}

export function wrap(value: Value, sensitive: boolean): Value {
  return sensitive && !(value instanceof UnknownValue) && !(value instanceof SensitiveValue) ? new SensitiveValue(value) : value;
}

/** Removes every sensitive mark, saying whether there was one (functions mark their whole result). */
export function unmarkDeep(v: Value): { value: Value; sensitive: boolean } {
  let sensitive = false;
  const walk = (x: Value): Value => {
    const p = plain(x);
    sensitive ||= p.sensitive;
    const value = p.value;
    if (Array.isArray(value)) return value.map(walk);
    if (isObject(value)) {
      const out: ObjectValue = {};
      for (const [k, item] of Object.entries(value)) setOwn(out, k, walk(item));
      return out;
    }
    return value;
  };
  const value = walk(v);
  return { value, sensitive };
}

export function containsUnknown(v: Value): boolean {
  if (v instanceof UnknownValue) return true;
  if (v instanceof SensitiveValue) return containsUnknown(v.value);
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

export function containsSensitive(v: Value): boolean {
  if (v instanceof SensitiveValue) return true;
  if (Array.isArray(v)) return v.some(containsSensitive);
  if (isObject(v)) return Object.values(v).some(containsSensitive);
  return false;
}

/** Sets a key so that `__proto__` is an ordinary key. */
export function setOwn(target: ObjectValue, key: string, value: Value): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A number this tool holds exactly as Terraform would: a safe integer, or a decimal of at most 15
 * significant digits. Others (0.1 + 0.2, 1/3, 2^60) would print or compare differently.
 */
export function isExactNumber(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  if (Number.isInteger(n)) return Number.isSafeInteger(n);
  const text = String(n);
  if (/e/i.test(text)) return false;
  return text.replace(/^-?0*\.?0*/, '').replace('.', '').length <= 15;
}

/** A number as an evaluation result: unknown where this tool's arithmetic may not match Terraform's. */
export function numberResult(n: number): Value {
  if (Number.isNaN(n)) throw new EvalError('the result is not a number');
  return isExactNumber(n) ? n : UNKNOWN;
}

export function formatNumber(n: number): string | UnknownValue {
  return isExactNumber(n) ? String(n) : UNKNOWN;
}

/** Terraform's conversion to string: numbers and bools convert, null and collections do not. */
export function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    const s = formatNumber(v);
    // A number this tool cannot print as Terraform does: the caller's result is unknown.
    if (s instanceof UnknownValue) throw new Imprecise();
    return s;
  }
  if (v === null) throw new EvalError('a null value where a string is required');
  throw new EvalError('a string is required');
}

/** Terraform's conversion to number: numeric strings convert. */
export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()) && v.trim() === v) {
    const n = Number(v);
    if (!isExactNumber(n)) throw new Imprecise();
    return n;
  }
  if (v === null) throw new EvalError('a null value where a number is required');
  throw new EvalError('a number is required');
}

export function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === null) throw new EvalError('a null value where a bool is required');
  throw new EvalError('a bool is required');
}

export function toInt(v: Value): number {
  const n = toNum(v);
  if (!Number.isInteger(n)) throw new EvalError('an integer is required');
  return n;
}

/** Raised where this tool cannot compute a value exactly as Terraform would: the result is unknown, never an error. */
export class Imprecise extends Error {}

/**
 * Equality as Terraform decides it: unknown where either side holds an unknown; numbers and
 * their numeric strings are not equal (different types), lists and objects compare deeply.
 */
export function equals(a: Value, b: Value): boolean | UnknownValue {
  const x = plain(a).value;
  const y = plain(b).value;
  if (x instanceof UnknownValue || y instanceof UnknownValue) return UNKNOWN;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) {
      return containsUnknown(x) || containsUnknown(y) ? UNKNOWN : false;
    }
    let unknown = false;
    for (let i = 0; i < x.length; i++) {
      const e = equals(x[i]!, y[i]!);
      if (e === false) return false;
      if (e instanceof UnknownValue) unknown = true;
    }
    return unknown ? UNKNOWN : true;
  }
  if (isObject(x) || isObject(y)) {
    if (!isObject(x) || !isObject(y)) return false;
    const kx = Object.keys(x).sort();
    const ky = Object.keys(y).sort();
    if (kx.length !== ky.length || kx.some((k, i) => k !== ky[i])) return false;
    let unknown = false;
    for (const k of kx) {
      const e = equals(x[k]!, y[k]!);
      if (e === false) return false;
      if (e instanceof UnknownValue) unknown = true;
    }
    return unknown ? UNKNOWN : true;
  }
  return x === y;
}

/** Known values only: a stable text for deduplicating (sets, distinct). */
export function keyOf(v: Value): string {
  return JSON.stringify(unmarkDeep(v).value, (_k, x: unknown) => (isObject(x as Value) ? Object.fromEntries(Object.entries(x as ObjectValue).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/** Lexical order by code point (Go's string comparison, which Terraform uses for keys and sorting). */
export function compareStrings(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** Object keys in Terraform's iteration order. */
export function sortedKeys(o: ObjectValue): string[] {
  return Object.keys(o).sort(compareStrings);
}

/** A number written in a document that a double holds exactly as written. */
export function exactLiteral(text: string): boolean {
  const n = Number(text);
  if (!isExactNumber(n)) return false;
  if (/[eE]/.test(text)) return Number.isSafeInteger(n);
  const [whole = '', fraction = ''] = text.replace(/^\+/, '').split('.');
  const written = `${whole.replace(/^(-?)0+(?=\d)/, '$1')}${fraction.replace(/0+$/, '') ? `.${fraction.replace(/0+$/, '')}` : ''}`;
  return written === String(n);
}

