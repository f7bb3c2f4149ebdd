// Evaluates HCL expressions as far as is sound: what cannot be decided statically is UNKNOWN, never a guess.
import { SensitiveValue, setEntry, UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../model/value';
import type { Expr, TraversalStep } from './ast';
import { callFunction, EvalError, NotEvaluated } from './functions';

export { EvalError };

/** Objects standing for resources: their unset attributes are computed, so unknown rather than missing. */
export const OPEN_OBJECTS = new WeakSet<object>();

/** Where names in an expression come from. */
export interface Scope {
  /** Value of a root name with its first attribute consumed where needed (`var.x`, `module.m`, `okta_app_saml.a`). */
  root(name: string, steps: TraversalStep[], evaluate: (e: Expr) => Value): { value: Value; rest: TraversalStep[] } | undefined;
}

function isObject(v: Value): v is ObjectValue {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof UnknownValue) && !(v instanceof SensitiveValue);
}

/** Unwraps sensitivity; a result computed from a sensitive input is sensitive too. */
function plain(v: Value): { value: Value; sensitive: boolean } {
  let sensitive = false;
  let value = v;
  while (value instanceof SensitiveValue) {
    sensitive = true;
    value = value.value;
  }
  return { value, sensitive };
}

function wrap(value: Value, sensitive: boolean): Value {
  return sensitive && !(value instanceof UnknownValue) ? new SensitiveValue(value) : value;
}

export function toTemplateString(v: Value): string | UnknownValue {
  if (v instanceof UnknownValue) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new EvalError('a template can only interpolate strings, numbers and bools');
}

export function access(value: Value, step: TraversalStep, evaluate: (e: Expr) => Value): Value {
  const { value: v, sensitive } = plain(value);
  if (v instanceof UnknownValue) return UNKNOWN;
  if (step.kind === 'splat') {
    if (v === null) return [];
    return Array.isArray(v) ? v : [v];
  }
  if (step.kind === 'attr') {
    if (Array.isArray(v)) throw new EvalError(`cannot read .${step.name} of a list`);
    if (!isObject(v)) throw new EvalError(`cannot read .${step.name} of ${v === null ? 'null' : typeof v}`);
    if (Object.hasOwn(v, step.name)) return wrap(v[step.name]!, sensitive);
    // Attributes a resource does not set in code (computed ones such as id) are known only after apply;
    // a missing key of a plain object or map is an error (which try() can catch).
    if (OPEN_OBJECTS.has(v)) return UNKNOWN;
    throw new EvalError(`no attribute ${step.name}`);
  }
  const key = plain(evaluate(step.key));
  if (key.value instanceof UnknownValue) return UNKNOWN;
  if (Array.isArray(v)) {
    if (typeof key.value !== 'number' && !(typeof key.value === 'string' && /^\d+$/.test(key.value))) throw new EvalError('a list index must be a number');
    const item = v[Number(key.value)];
    if (item === undefined) throw new EvalError('index out of range');
    return wrap(item, sensitive || key.sensitive);
  }
  if (isObject(v)) {
    const k = String(key.value);
    if (!Object.hasOwn(v, k)) throw new EvalError(`no key ${JSON.stringify(k)}`);
    return wrap(v[k]!, sensitive || key.sensitive);
  }
  throw new EvalError('cannot index this value');
}

function truthy(v: Value): boolean | UnknownValue {
  if (v instanceof UnknownValue) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new EvalError('a condition must be a bool');
}

function equal(a: Value, b: Value): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function binary(op: string, left: Value, right: Value): Value {
  const l = plain(left);
  const r = plain(right);
  const sensitive = l.sensitive || r.sensitive;
  if (op === '&&' && l.value === false) return false;
  if (op === '||' && l.value === true) return true;
  if (l.value instanceof UnknownValue || r.value instanceof UnknownValue) return UNKNOWN;
  const a = l.value;
  const b = r.value;
  const num = (v: Value): number => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    throw new EvalError('expected a number');
  };
  let result: Value;
  switch (op) {
    case '==':
      result = equal(a, b);
      break;
    case '!=':
      result = !equal(a, b);
      break;
    case '&&':
      result = truthy(a) === true && truthy(b) === true;
      break;
    case '||':
      result = truthy(a) === true || truthy(b) === true;
      break;
    case '+':
      result = num(a) + num(b);
      break;
    case '-':
      result = num(a) - num(b);
      break;
    case '*':
      result = num(a) * num(b);
      break;
    case '/':
      result = num(a) / num(b);
      break;
    case '%':
      result = num(a) % num(b);
      break;
    case '<':
      result = num(a) < num(b);
      break;
    case '>':
      result = num(a) > num(b);
      break;
    case '<=':
      result = num(a) <= num(b);
      break;
    case '>=':
      result = num(a) >= num(b);
      break;
    default:
      throw new EvalError(`operator ${op}`);
  }
  return wrap(result, sensitive);
}

export function evaluate(expr: Expr, scope: Scope): Value {
  const self = (e: Expr): Value => evaluate(e, scope);
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template': {
      let out = '';
      let sensitive = false;
      for (const part of expr.parts) {
        if (part.kind === 'text') out += part.text;
        else if (part.kind === 'directive') throw new NotEvaluated('template directives are not evaluated');
        else {
          const v = plain(self(part.expr));
          sensitive ||= v.sensitive;
          const s = toTemplateString(v.value);
          if (s instanceof UnknownValue) return UNKNOWN;
          out += s;
        }
      }
      return wrap(out, sensitive);
    }
    case 'traversal': {
      const found = scope.root(expr.root, expr.steps, self);
      if (!found) throw new EvalError(`unknown name ${expr.root}`);
      return found.rest.reduce<Value>((v, step) => access(v, step, self), found.value);
    }
    case 'access':
      return expr.steps.reduce<Value>((v, step) => access(v, step, self), self(expr.target));
    case 'call':
      if (expr.expand) throw new NotEvaluated('argument expansion is not evaluated');
      return callFunction(expr.name, expr.args, self);
    case 'conditional': {
      const condition = plain(self(expr.condition));
      const chosen = truthy(condition.value);
      if (chosen instanceof UnknownValue) {
        // Both branches agreeing is as good as knowing the condition.
        const a = safe(() => self(expr.then));
        const b = safe(() => self(expr.else));
        return !(a instanceof UnknownValue) && equal(a, b) ? a : UNKNOWN;
      }
      return wrap(chosen ? self(expr.then) : self(expr.else), condition.sensitive);
    }
    case 'unary': {
      const v = plain(self(expr.operand));
      if (v.value instanceof UnknownValue) return UNKNOWN;
      if (expr.op === '!') return wrap(!truthy(v.value), v.sensitive);
      if (typeof v.value !== 'number') throw new EvalError('expected a number');
      return wrap(-v.value, v.sensitive);
    }
    case 'binary':
      return binary(expr.op, self(expr.left), self(expr.right));
    case 'tuple':
      return expr.items.map(self);
    case 'object': {
      const out: ObjectValue = {};
      for (const item of expr.items) {
        const key = plain(self(item.key));
        if (key.value instanceof UnknownValue) return UNKNOWN;
        setEntry(out, String(key.value), self(item.value));
      }
      return out;
    }
    case 'for':
      return evaluateFor(expr, scope);
    case 'unsupported':
      throw new NotEvaluated(`${expr.what} is not evaluated`);
  }
}

/** Evaluation failures of a sub-expression make that value unknown rather than failing the input. */
export function safe(f: () => Value): Value {
  try {
    return f();
  } catch (error) {
    if (error instanceof EvalError) return UNKNOWN;
    throw error;
  }
}

function evaluateFor(expr: Extract<Expr, { kind: 'for' }>, scope: Scope): Value {
  const { value: collection } = plain(evaluate(expr.collection, scope));
  if (collection instanceof UnknownValue) return UNKNOWN;
  const entries: [Value, Value][] = Array.isArray(collection)
    ? collection.map((v, i) => [i, v])
    : isObject(collection)
      ? // Terraform iterates maps and objects in lexical key order.
        Object.keys(collection)
          .sort()
          .map((k): [Value, Value] => [k, collection[k]!])
      : [];
  const results: [Value, Value][] = [];
  for (const [k, v] of entries) {
    const inner: Scope = {
      root(name, steps, ev) {
        if (name === expr.valueVar) return { value: v, rest: steps };
        if (expr.keyVar && name === expr.keyVar) return { value: k, rest: steps };
        return scope.root(name, steps, ev);
      },
    };
    if (expr.condition) {
      const c = truthy(plain(evaluate(expr.condition, inner)).value);
      if (c instanceof UnknownValue) return UNKNOWN;
      if (!c) continue;
    }
    results.push([expr.key ? evaluate(expr.key, inner) : k, evaluate(expr.value, inner)]);
  }
  if (!expr.object) return results.map(([, v]) => v);
  const out: ObjectValue = {};
  for (const [k, v] of results) {
    const key = plain(k).value;
    if (key instanceof UnknownValue) return UNKNOWN;
    const name = String(key);
    setEntry(out, name, expr.group ? [...((Object.hasOwn(out, name) ? out[name] : []) as Value[]), v] : v);
  }
  return out;
}
