// Calls Terraform's built-in functions where their result can be decided statically; any other call
// is unknown. Sensitive arguments make the result sensitive; unknown arguments make it unknown, except
// where Terraform itself decides (coalesce, alltrue/anytrue, collections that keep their elements).
import { SensitiveValue, UNKNOWN, UnknownValue, type Value } from '../../../model/value';
import type { Expr } from '../ast';
import { EvalError } from '../errors';
import { containsUnknown, Imprecise, numberResult, plain, unmarkDeep, wrap } from '../values';
import { COLLECTION_FUNCTIONS } from './collections';
import { CONVERSION_FUNCTIONS } from './conversion';
import { ENCODING_FUNCTIONS } from './encoding';
import { FILE_FUNCTIONS } from './files';
import { FORMAT_FUNCTIONS } from './format';
import type { FunctionContext, FunctionSpec } from './spec';
import { STRING_FUNCTIONS } from './strings';

export type { FunctionContext };

const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({
    ...STRING_FUNCTIONS,
    ...FORMAT_FUNCTIONS,
    ...COLLECTION_FUNCTIONS,
    ...CONVERSION_FUNCTIONS,
    ...ENCODING_FUNCTIONS,
    ...FILE_FUNCTIONS,
    coalesce: {
      min: 1,
      max: Infinity,
      allowUnknown: true,
      shallow: true,
      // The first argument that is neither null nor "" wins; an unknown one before it might be either.
      impl: (args: Value[]) => {
        for (const a of args) {
          if (a instanceof UnknownValue) return UNKNOWN;
          if (a !== null && a !== '') return a;
        }
        throw new EvalError('coalesce: no non-null argument');
      },
    } satisfies FunctionSpec,
  }),
);

/** The functions this tool evaluates, for documentation and tests. */
export const SUPPORTED_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys(), 'can', 'try'].sort();

type Evaluate = (e: Expr) => Value;

/** Traversals an expression reads, outside names bound by its own for expressions. */
function traversals(expr: Expr, bound: ReadonlySet<string>, out: Expr[]): void {
  switch (expr.kind) {
    case 'traversal':
      if (!bound.has(expr.root)) out.push(expr);
      for (const s of expr.steps) if (s.kind === 'index') traversals(s.key, bound, out);
      return;
    case 'access':
      traversals(expr.target, bound, out);
      for (const s of expr.steps) if (s.kind === 'index') traversals(s.key, bound, out);
      return;
    case 'template':
      for (const p of expr.parts) if (p.kind === 'interp') traversals(p.expr, bound, out);
      return;
    case 'call':
      for (const a of expr.args) traversals(a, bound, out);
      return;
    case 'conditional':
      for (const e of [expr.condition, expr.then, expr.else]) traversals(e, bound, out);
      return;
    case 'unary':
      traversals(expr.operand, bound, out);
      return;
    case 'binary':
      traversals(expr.left, bound, out);
      traversals(expr.right, bound, out);
      return;
    case 'tuple':
      for (const i of expr.items) traversals(i, bound, out);
      return;
    case 'object':
      for (const i of expr.items) {
        traversals(i.key, bound, out);
        traversals(i.value, bound, out);
      }
      return;
    case 'for': {
      traversals(expr.collection, bound, out);
      const inner = new Set([...bound, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])]);
      for (const e of [expr.key, expr.value, expr.condition]) if (e) traversals(e, inner, out);
      return;
    }
    default:
  }
}

/** HCL's rule for try() and can(): an argument that reads an unknown value cannot be judged yet. */
function dependsOnUnknowns(expr: Expr, evaluate: Evaluate): boolean {
  const found: Expr[] = [];
  traversals(expr, new Set(), found);
  return found.some((t) => {
    try {
      return containsUnknown(evaluate(t));
    } catch (error) {
      if (error instanceof EvalError) return false;
      throw error;
    }
  });
}

function tryCall(args: Expr[], evaluate: Evaluate): Value {
  for (const arg of args) {
    if (dependsOnUnknowns(arg, evaluate)) return UNKNOWN;
    try {
      const value = evaluate(arg);
      return containsUnknown(value) ? UNKNOWN : value;
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
    }
  }
  throw new EvalError('no try() argument could be evaluated');
}

function canCall(args: Expr[], evaluate: Evaluate): Value {
  if (args.length !== 1) throw new EvalError('can takes one argument');
  if (dependsOnUnknowns(args[0]!, evaluate)) return UNKNOWN;
  try {
    return containsUnknown(evaluate(args[0]!)) ? UNKNOWN : true;
  } catch (error) {
    if (error instanceof EvalError) return false;
    throw error;
  }
}

/** `f(a, list...)`: the last argument's elements become arguments. */
function expandLast(values: Value[]): { values: Value[]; sensitive: boolean } | UnknownValue {
  const last = plain(values[values.length - 1] ?? null);
  if (last.value instanceof UnknownValue) return UNKNOWN;
  if (!Array.isArray(last.value)) throw new EvalError('only a list can be expanded into arguments');
  return { values: [...values.slice(0, -1), ...last.value], sensitive: last.sensitive };
}

export function callFunction(name: string, args: Expr[], evaluate: Evaluate, expand: boolean, context: FunctionContext): Value {
  const bare = name.replace(/^core::/, '');
  if (!expand && bare === 'try') return tryCall(args, evaluate);
  if (!expand && bare === 'can') return canCall(args, evaluate);
  const spec = FUNCTIONS.get(bare);
  // A provider function, or one this tool does not evaluate: Terraform knows its value, this tool does not.
  if (!spec) return UNKNOWN;
  let values = args.map(evaluate);
  let sensitive = false;
  if (expand) {
    const expanded = expandLast(values);
    if (expanded instanceof UnknownValue) return UNKNOWN;
    values = expanded.values;
    sensitive = expanded.sensitive;
  }
  if (values.length < spec.min || values.length > spec.max) throw new EvalError(`${bare}() takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} arguments`);
  const prepared: Value[] = [];
  for (const v of values) {
    const unmarked = spec.shallow ? plain(v) : unmarkDeep(v);
    sensitive ||= unmarked.sensitive;
    if (unmarked.value instanceof UnknownValue && !spec.allowUnknown) return UNKNOWN;
    if (!spec.shallow && containsUnknown(unmarked.value)) return UNKNOWN;
    prepared.push(unmarked.value);
  }
  let result: Value;
  try {
    result = spec.impl(prepared, context);
  } catch (error) {
    if (error instanceof Imprecise) return UNKNOWN;
    throw error;
  }
  if (typeof result === 'number') result = numberResult(result);
  if (spec.unmarks) return result;
  return result instanceof SensitiveValue ? result : wrap(result, sensitive);
}
