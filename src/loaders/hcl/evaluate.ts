// Evaluates HCL expressions as far as is sound: what cannot be decided statically is UNKNOWN, never a guess.
// What this tool does not evaluate (some functions, template directives) is an unknown value in place,
// so that it hides only itself: the other elements of a collection, and its keys, stay known.
import { originsOf, unknownFrom, type ValueOrigin } from '../../model/linker';
import { UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../model/value';
import type { Expr, TraversalStep } from './ast';
import { chargeSteps, checkCount, checkLength, deeper, EvalError, LimitError } from './errors';
import { callFunction, type FunctionContext } from './functions';
import { compareStrings, equals, formatNumber, isObject, numberResult, plain, setOwn, toNum, wrap } from './values';

export { EvalError, LimitError };

/**
 * Objects standing for resource instances (and their nested blocks): their unset attributes are
 * computed, so unknown rather than missing, and known to come from that instance's attribute.
 */
export const OPEN_OBJECTS = new WeakMap<object, ValueOrigin | null>();

/** Where names in an expression come from. */
export interface Scope {
  /** Value of a root name with its first attribute consumed where needed (`var.x`, `module.m`, `okta_app_saml.a`). */
  root(name: string, steps: TraversalStep[], evaluate: (e: Expr) => Value): { value: Value; rest: TraversalStep[] } | undefined;
  /** What functions may read (file()); none when absent. */
  context?: FunctionContext;
}

export function toTemplateString(v: Value): string | UnknownValue {
  if (v instanceof UnknownValue) return v;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return formatNumber(v);
  if (v === null) throw new EvalError('a template cannot interpolate null');
  throw new EvalError('a template can only interpolate strings, numbers and bools');
}

/** An attribute of an open object that holds no known value: unknown, and a copy of that attribute. */
function openAttribute(object: object, name: string, stored: Value | undefined): Value {
  const origin = OPEN_OBJECTS.get(object);
  if (!origin) return stored ?? UNKNOWN;
  if (stored !== undefined && (!(stored instanceof UnknownValue) || originsOf(stored))) return stored;
  return unknownFrom([{ address: origin.address, path: [...origin.path, name] }]);
}

function accessOne(value: Value, step: Exclude<TraversalStep, { kind: 'splat' }>, evaluate: (e: Expr) => Value): Value {
  const { value: v, sensitive } = plain(value);
  if (v instanceof UnknownValue) return UNKNOWN;
  if (step.kind === 'attr') {
    if (Array.isArray(v)) throw new EvalError(`cannot read .${step.name} of a list`);
    if (!isObject(v)) throw new EvalError(`cannot read .${step.name} of ${v === null ? 'null' : typeof v}`);
    if (Object.hasOwn(v, step.name)) {
      const stored = v[step.name]!;
      return wrap(stored instanceof UnknownValue && OPEN_OBJECTS.has(v) ? openAttribute(v, step.name, stored) : stored, sensitive);
    }
    // Attributes a resource does not set in code (computed ones such as id) are known only after apply;
    // a missing key of a plain object or map is an error (which try() can catch).
    if (OPEN_OBJECTS.has(v)) return openAttribute(v, step.name, undefined);
    throw new EvalError(`no attribute ${step.name}`);
  }
  const key = plain(evaluate(step.key));
  if (key.value instanceof UnknownValue) return UNKNOWN;
  if (Array.isArray(v)) {
    const n = typeof key.value === 'string' && /^\d+$/.test(key.value) ? Number(key.value) : key.value;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new EvalError('a list index must be a whole number');
    const item = v[n];
    if (item === undefined) throw new EvalError('index out of range');
    return wrap(item, sensitive || key.sensitive);
  }
  if (isObject(v)) {
    if (key.value === null || typeof key.value === 'object') throw new EvalError('a map key must be a string');
    const k = typeof key.value === 'number' ? formatNumber(key.value) : String(key.value);
    if (k instanceof UnknownValue) return UNKNOWN;
    if (!Object.hasOwn(v, k)) {
      if (OPEN_OBJECTS.has(v)) return UNKNOWN;
      throw new EvalError(`no key ${JSON.stringify(k)}`);
    }
    return wrap(v[k]!, sensitive || key.sensitive);
  }
  throw new EvalError('cannot index this value');
}

/**
 * Applies traversal steps. After a splat the following steps apply to each element: all of them
 * after `[*]`, only attribute steps after `.*` (an index then applies to the resulting list).
 */
export function applySteps(value: Value, steps: readonly TraversalStep[], evaluate: (e: Expr) => Value): Value {
  let current = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind !== 'splat') {
      current = accessOne(current, step, evaluate);
      continue;
    }
    let end = i + 1;
    if (step.full) end = steps.length;
    else while (end < steps.length && steps[end]!.kind === 'attr') end++;
    const inner = steps.slice(i + 1, end);
    const { value: v, sensitive } = plain(current);
    if (v instanceof UnknownValue) return UNKNOWN;
    const items = v === null ? [] : Array.isArray(v) ? v : [v];
    current = wrap(
      items.map((item) => applySteps(item, inner, evaluate)),
      sensitive,
    );
    i = end - 1;
  }
  return current;
}

/** Kept for callers that read one step. */
export function access(value: Value, step: TraversalStep, evaluate: (e: Expr) => Value): Value {
  return applySteps(value, [step], evaluate);
}

function truthy(v: Value): boolean | UnknownValue {
  if (v instanceof UnknownValue) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new EvalError('a condition must be a bool');
}

function binary(op: string, left: Value, right: Value): Value {
  const l = plain(left);
  const r = plain(right);
  const sensitive = l.sensitive || r.sensitive;
  if (op === '==' || op === '!=') {
    const same = equals(l.value, r.value);
    if (same instanceof UnknownValue) return UNKNOWN;
    return wrap(op === '==' ? same : !same, sensitive);
  }
  if (op === '&&' && l.value === false) return false;
  if (op === '||' && l.value === true) return true;
  if (l.value instanceof UnknownValue || r.value instanceof UnknownValue) return UNKNOWN;
  const a = l.value;
  const b = r.value;
  let result: Value;
  switch (op) {
    case '&&':
      result = truthy(a) === true && truthy(b) === true;
      break;
    case '||':
      result = truthy(a) === true || truthy(b) === true;
      break;
    case '+':
      result = numberResult(toNum(a) + toNum(b));
      break;
    case '-':
      result = numberResult(toNum(a) - toNum(b));
      break;
    case '*':
      result = numberResult(toNum(a) * toNum(b));
      break;
    case '/':
      if (toNum(b) === 0) throw new EvalError('division by zero');
      result = numberResult(toNum(a) / toNum(b));
      break;
    case '%':
      if (toNum(b) === 0) throw new EvalError('division by zero');
      result = numberResult(toNum(a) % toNum(b));
      break;
    case '<':
      result = toNum(a) < toNum(b);
      break;
    case '>':
      result = toNum(a) > toNum(b);
      break;
    case '<=':
      result = toNum(a) <= toNum(b);
      break;
    case '>=':
      result = toNum(a) >= toNum(b);
      break;
    default:
      throw new EvalError(`operator ${op}`);
  }
  return wrap(result, sensitive);
}

/** Both branches of a conditional whose condition is unknown: the same value, or copies of known attributes. */
function eitherBranch(a: Value, b: Value): Value {
  if (equals(a, b) === true) return a;
  const origins = [originsOf(a), originsOf(b)];
  if (origins[0] && origins[1]) return unknownFrom([...origins[0], ...origins[1]]);
  return UNKNOWN;
}

/** The value of an expression; every evaluation counts against the configuration's budget (errors.ts). */
export function evaluate(expr: Expr, scope: Scope): Value {
  chargeSteps();
  return deeper(() => evaluateExpr(expr, scope));
}

/** A function's result, within the limits on strings and collections (README "Limits"). */
function checkResult(v: Value): void {
  const { value } = plain(v);
  if (typeof value === 'string') checkLength(value.length);
  else if (Array.isArray(value)) checkCount(value.length);
  else if (isObject(value)) checkCount(Object.keys(value).length);
}

function evaluateExpr(expr: Expr, scope: Scope): Value {
  const self = (e: Expr): Value => evaluate(e, scope);
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'template': {
      // A template that is one interpolation is that value itself, not its string form.
      const [only] = expr.parts;
      if (expr.parts.length === 1 && only?.kind === 'interp') return self(only.expr);
      let out = '';
      let sensitive = false;
      let unknown = false;
      for (const part of expr.parts) {
        if (part.kind === 'text') out += part.text;
        else if (part.kind === 'directive') unknown = true;
        else {
          const v = plain(self(part.expr));
          sensitive ||= v.sensitive;
          const s = toTemplateString(v.value);
          if (s instanceof UnknownValue) unknown = true;
          else {
            checkLength(out.length + s.length);
            out += s;
          }
        }
      }
      return unknown ? UNKNOWN : wrap(out, sensitive);
    }
    case 'traversal': {
      const found = scope.root(expr.root, expr.steps, self);
      if (!found) throw new EvalError(`unknown name ${expr.root}`);
      return applySteps(found.value, found.rest, self);
    }
    case 'access':
      return applySteps(self(expr.target), expr.steps, self);
    case 'call': {
      const result = callFunction(expr.name, expr.args, self, expr.expand, scope.context ?? {});
      checkResult(result);
      return result;
    }
    case 'conditional': {
      const condition = plain(self(expr.condition));
      const chosen = truthy(condition.value);
      if (chosen instanceof UnknownValue) return eitherBranch(safe(() => self(expr.then)), safe(() => self(expr.else)));
      return wrap(chosen ? self(expr.then) : self(expr.else), condition.sensitive);
    }
    case 'unary': {
      const v = plain(self(expr.operand));
      if (v.value instanceof UnknownValue) return UNKNOWN;
      if (expr.op === '!') return wrap(!truthy(v.value), v.sensitive);
      return wrap(numberResult(-toNum(v.value)), v.sensitive);
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
        if (key.value === null || typeof key.value === 'object') throw new EvalError('an object key must be a string');
        const name = typeof key.value === 'number' ? formatNumber(key.value) : String(key.value);
        if (name instanceof UnknownValue) return UNKNOWN;
        setOwn(out, name, self(item.value));
      }
      return out;
    }
    case 'for':
      return evaluateFor(expr, scope);
    case 'unsupported':
      return UNKNOWN;
  }
}

/** Evaluation failures of a sub-expression make that value unknown rather than failing the input. */
export function safe(f: () => Value): Value {
  try {
    return f();
  } catch (error) {
    if (error instanceof EvalError || error instanceof LimitError) return UNKNOWN;
    // What JavaScript itself cannot hold (a string past its maximum length) is past every limit too.
    if (error instanceof RangeError && (error.message === 'Invalid string length' || error.message === 'Invalid array length')) return UNKNOWN;
    throw error;
  }
}

function evaluateFor(expr: Extract<Expr, { kind: 'for' }>, scope: Scope): Value {
  const { value: collection, sensitive } = plain(evaluate(expr.collection, scope));
  if (collection instanceof UnknownValue) return UNKNOWN;
  let entries: [Value, Value][];
  if (Array.isArray(collection)) entries = collection.map((v, i) => [i, v]);
  // Terraform iterates maps and objects in lexical key order.
  else if (isObject(collection)) entries = Object.keys(collection).sort(compareStrings).map((k): [Value, Value] => [k, collection[k]!]);
  else throw new EvalError('a for expression needs a collection');
  const results: [Value, Value][] = [];
  for (const [k, v] of entries) {
    const inner: Scope = {
      root(name, steps, ev) {
        if (name === expr.valueVar) return { value: v, rest: steps };
        if (expr.keyVar && name === expr.keyVar) return { value: k, rest: steps };
        return scope.root(name, steps, ev);
      },
      ...(scope.context ? { context: scope.context } : {}),
    };
    if (expr.condition) {
      const c = truthy(plain(evaluate(expr.condition, inner)).value);
      if (c instanceof UnknownValue) return UNKNOWN;
      if (!c) continue;
    }
    results.push([expr.key ? evaluate(expr.key, inner) : k, evaluate(expr.value, inner)]);
    checkCount(results.length);
  }
  if (!expr.object) return wrap(results.map(([, v]) => v), sensitive);
  const out: ObjectValue = {};
  for (const [k, v] of results) {
    const key = plain(k).value;
    if (key instanceof UnknownValue) return UNKNOWN;
    if (key === null || typeof key === 'object') throw new EvalError('a for expression key must be a string');
    const name = typeof key === 'number' ? formatNumber(key) : String(key);
    if (name instanceof UnknownValue) return UNKNOWN;
    if (expr.group) setOwn(out, name, [...((Object.hasOwn(out, name) ? out[name] : []) as Value[]), v]);
    else if (Object.hasOwn(out, name)) throw new EvalError(`duplicate key ${JSON.stringify(name)} in a for expression (use ... to group)`);
    else setOwn(out, name, v);
  }
  return wrap(out, sensitive);
}
