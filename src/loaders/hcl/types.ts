// Type constraints of variables and Terraform's conversion of a value to them: primitives, any,
// collections, tuples and objects with optional() attributes and their defaults, at any depth.
// A value that does not convert (Terraform would refuse it) or whose conversion this tool cannot
// reproduce exactly is unknown, never a guess.
import { UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../model/value';
import type { Expr } from './ast';
import { EvalError } from './errors';
import { parseInterpolation } from './interpolation';
import { compareStrings, formatNumber, isObject, keyOf, plain, setOwn, wrap } from './values';

export interface Attribute {
  type: Type;
  optional: boolean;
  /** The optional() default, as written. */
  default?: Expr;
}

export type Type =
  | { kind: 'string' | 'number' | 'bool' | 'any' }
  | { kind: 'list' | 'set' | 'map'; element: Type }
  | { kind: 'tuple'; elements: Type[] }
  | { kind: 'object'; attributes: Map<string, Attribute> };

/** Evaluates a default written in a type constraint (constants only). */
export type Constant = (e: Expr) => Value;

function name(e: Expr): string | undefined {
  if (e.kind === 'traversal' && e.steps.length === 0) return e.root;
  return undefined;
}

function keyText(e: Expr): string | undefined {
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value;
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'text')) return e.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
  return name(e);
}

/** The type an expression names; undefined where it is not a type constraint this tool reads. */
export function parseType(e: Expr): Type | undefined {
  // Terraform JSON writes the constraint as a string: "list(object({a = string}))".
  if (e.kind === 'literal' && typeof e.value === 'string') return parseType(parseInterpolation(e.value));
  const bare = name(e);
  if (bare === 'string' || bare === 'number' || bare === 'bool' || bare === 'any') return { kind: bare };
  if (e.kind !== 'call' || e.expand) return undefined;
  const [first] = e.args;
  switch (e.name) {
    case 'list':
    case 'set':
    case 'map': {
      const element = e.args.length === 1 && first ? parseType(first) : undefined;
      return element ? { kind: e.name, element } : undefined;
    }
    case 'tuple': {
      if (e.args.length !== 1 || first?.kind !== 'tuple') return undefined;
      const elements = first.items.map((i) => parseType(i));
      return elements.every((t): t is Type => t !== undefined) ? { kind: 'tuple', elements } : undefined;
    }
    case 'object': {
      if (e.args.length !== 1 || first?.kind !== 'object') return undefined;
      const attributes = new Map<string, Attribute>();
      for (const item of first.items) {
        const key = keyText(item.key);
        if (key === undefined) return undefined;
        const attribute = parseAttribute(item.value);
        if (!attribute) return undefined;
        attributes.set(key, attribute);
      }
      return { kind: 'object', attributes };
    }
    default:
      return undefined;
  }
}

function parseAttribute(e: Expr): Attribute | undefined {
  if (e.kind === 'call' && e.name === 'optional' && !e.expand) {
    if (e.args.length < 1 || e.args.length > 2) return undefined;
    const type = parseType(e.args[0]!);
    if (!type) return undefined;
    return e.args[1] ? { type, optional: true, default: e.args[1] } : { type, optional: true };
  }
  const type = parseType(e);
  return type ? { type, optional: false } : undefined;
}

/** Conversion failed, or could not be reproduced exactly: the value is unknown. */
class NoConversion extends Error {}

type Shape = 'null' | 'unknown' | 'string' | 'number' | 'bool' | { list: Shape[] } | { object: Map<string, Shape> };

function shapeOf(v: Value): Shape {
  const { value } = plain(v);
  if (value === null) return 'null';
  if (value instanceof UnknownValue) return 'unknown';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return typeof value === 'boolean' ? 'bool' : (typeof value as 'string' | 'number');
  if (Array.isArray(value)) return { list: value.map(shapeOf) };
  return { object: new Map(Object.entries(value as ObjectValue).map(([k, x]) => [k, shapeOf(x)])) };
}

/** Shapes that would unify to one type without any conversion (null and unknown fit anything). */
function sameShape(a: Shape, b: Shape): boolean {
  if (a === 'null' || b === 'null' || a === 'unknown' || b === 'unknown') return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if ('list' in a || 'list' in b) {
    if (!('list' in a) || !('list' in b)) return false;
    // Lists of one type: every element alike.
    const all = [...a.list, ...b.list];
    return all.every((s) => sameShape(s, all[0]!));
  }
  if (a.object.size !== b.object.size) return false;
  for (const [k, s] of a.object) {
    const t = b.object.get(k);
    if (t === undefined || !sameShape(s, t)) return false;
  }
  return true;
}

/**
 * Elements of list(any), set(any) or map(any) must share one type. Primitives unify to string when
 * one of them is a string; structures are accepted only when they already agree.
 */
function unify(values: Value[]): Value[] {
  const shapes = values.map(shapeOf);
  const known = shapes.filter((s) => s !== 'null' && s !== 'unknown');
  if (known.every((s) => sameShape(s, known[0]!))) return values;
  if (known.every((s) => s === 'string' || s === 'number' || s === 'bool')) {
    if (!known.includes('string')) throw new NoConversion();
    return values.map((v) => convertValue(v, { kind: 'string' }, NO_CONSTANTS));
  }
  throw new NoConversion();
}

const NO_CONSTANTS: Constant = () => {
  throw new NoConversion();
};

function sortSet(values: Value[]): Value[] {
  const unique = [...new Map(values.map((v) => [keyOf(v), v])).values()];
  const kinds = new Set(unique.map((v) => typeof plain(v).value));
  if (unique.some((v) => plain(v).value instanceof UnknownValue)) throw new NoConversion();
  if (kinds.size === 1 && kinds.has('string')) return unique.sort((a, b) => compareStrings(plain(a).value as string, plain(b).value as string));
  if (kinds.size === 1 && kinds.has('number')) return unique.sort((a, b) => (plain(a).value as number) - (plain(b).value as number));
  if (kinds.size === 1 && kinds.has('boolean')) return unique.sort((a, b) => Number(plain(a).value) - Number(plain(b).value));
  // Sets of structures are ordered by hash in Terraform: the order given is kept, which only an index into the set could tell apart.
  return unique;
}

function convertValue(v: Value, type: Type, constant: Constant): Value {
  const { value, sensitive } = plain(v);
  if (value instanceof UnknownValue) return value;
  if (value === null) return null;
  const out = (x: Value): Value => wrap(x, sensitive);
  switch (type.kind) {
    case 'any':
      return v;
    case 'string':
      if (typeof value === 'string') return v;
      if (typeof value === 'boolean') return out(String(value));
      if (typeof value === 'number') {
        const s = formatNumber(value);
        if (s instanceof UnknownValue) throw new NoConversion();
        return out(s);
      }
      throw new NoConversion();
    case 'number':
      if (typeof value === 'number') return v;
      if (typeof value === 'string' && /^-?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
        const n = Number(value);
        if (formatNumber(n) instanceof UnknownValue) throw new NoConversion();
        return out(n);
      }
      throw new NoConversion();
    case 'bool':
      if (typeof value === 'boolean') return v;
      if (value === 'true' || value === 'false') return out(value === 'true');
      throw new NoConversion();
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) throw new NoConversion();
      let items = value.map((x) => convertValue(x, type.element, constant));
      if (type.element.kind === 'any') items = unify(items);
      return out(type.kind === 'set' ? sortSet(items) : items);
    }
    case 'map': {
      if (!isObject(value)) throw new NoConversion();
      const keys = Object.keys(value);
      let items = keys.map((k) => convertValue(value[k]!, type.element, constant));
      if (type.element.kind === 'any') items = unify(items);
      const map: ObjectValue = {};
      keys.forEach((k, i) => setOwn(map, k, items[i]!));
      return out(map);
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.elements.length) throw new NoConversion();
      return out(value.map((x, i) => convertValue(x, type.elements[i]!, constant)));
    }
    case 'object': {
      if (!isObject(value)) throw new NoConversion();
      const object: ObjectValue = {};
      for (const [key, attribute] of type.attributes) {
        const given = Object.hasOwn(value, key) ? value[key]! : undefined;
        const isNull = given === undefined || plain(given).value === null;
        if (!isNull) setOwn(object, key, convertValue(given, attribute.type, constant));
        // A missing or null optional attribute takes its default, itself converted (and given its own defaults).
        else if (attribute.optional && attribute.default) setOwn(object, key, convertValue(constant(attribute.default), attribute.type, constant));
        else if (attribute.optional || given !== undefined) setOwn(object, key, given ?? null);
        else throw new NoConversion();
      }
      // Attributes the type does not name are dropped, as Terraform drops them.
      return out(object);
    }
  }
}

/** The value of `value` converted to `type`; unknown where Terraform would refuse it or this tool cannot tell. */
export function convertTo(value: Value, type: Type, constant: Constant = NO_CONSTANTS): Value {
  try {
    return convertValue(value, type, constant);
  } catch (error) {
    if (error instanceof NoConversion || error instanceof EvalError) return UNKNOWN;
    throw error;
  }
}

/** The value a variable of this declared type holds, given the value it was set to. */
export function convert(value: Value, typeExpr: Expr | undefined, constant: Constant = NO_CONSTANTS): Value {
  if (!typeExpr) return value;
  const type = parseType(typeExpr);
  // A constraint this tool does not read: whatever Terraform would make of the value is unknown.
  if (!type) return value === null ? null : UNKNOWN;
  return convertTo(value, type, constant);
}

/** Used by tolist/toset/tomap: any element type. */
export const ANY_LIST: Type = { kind: 'list', element: { kind: 'any' } };
export const ANY_SET: Type = { kind: 'set', element: { kind: 'any' } };
export const ANY_MAP: Type = { kind: 'map', element: { kind: 'any' } };
