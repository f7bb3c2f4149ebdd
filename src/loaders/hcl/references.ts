// Describes an HCL expression the way `terraform show -json` does (constant value and references),
// so the same linker follows references in code and in plans.
import type { BlockExpressions, ConfigExpression } from '../../model/inventory';
import type { Block, Body, Expr, TraversalStep } from './ast';

function formatStep(step: TraversalStep): string | undefined {
  if (step.kind === 'attr') return `.${step.name}`;
  // The block's own key: code says so, so the linker need not guess which instance is meant.
  const only = step.kind === 'index' && step.key.kind === 'traversal' && step.key.steps.length === 1 ? step.key.steps[0] : undefined;
  if (step.kind === 'index' && step.key.kind === 'traversal' && only?.kind === 'attr') {
    const own = `${step.key.root}.${only.name}`;
    if (own === 'each.key' || own === 'count.index') return `[${own}]`;
  }
  if (step.kind === 'index' && step.key.kind === 'literal' && (typeof step.key.value === 'number' || typeof step.key.value === 'string')) {
    return typeof step.key.value === 'number' ? `[${step.key.value}]` : `[${JSON.stringify(step.key.value)}]`;
  }
  return undefined;
}

/** Every traversal prefix Terraform would list: `a.b.c` gives `a.b.c`, `a.b`. */
function traversalReferences(root: string, steps: TraversalStep[], into: Set<string>): void {
  // Longest first, as Terraform lists them; each prefix made once, from the one before it.
  const prefixes: string[] = [];
  let ref = root;
  for (const step of steps) {
    const text = formatStep(step);
    if (text === undefined) break;
    ref += text;
    prefixes.push(ref);
  }
  for (let n = prefixes.length - 1; n >= 0; n--) into.add(prefixes[n]!);
}

function collect(expr: Expr, into: Set<string>, bound: ReadonlySet<string>): boolean {
  // Returns whether the expression is a constant (no references, no function calls).
  switch (expr.kind) {
    case 'literal':
      return true;
    case 'template':
      return expr.parts.every((p) => (p.kind === 'interp' ? collect(p.expr, into, bound) : p.kind === 'text'));
    case 'traversal': {
      for (const step of expr.steps) if (step.kind === 'index') collect(step.key, into, bound);
      if (!bound.has(expr.root)) traversalReferences(expr.root, expr.steps, into);
      return false;
    }
    case 'access':
      collect(expr.target, into, bound);
      for (const step of expr.steps) if (step.kind === 'index') collect(step.key, into, bound);
      return false;
    case 'call':
      expr.args.forEach((a) => collect(a, into, bound));
      return false;
    case 'conditional': {
      const parts = [expr.condition, expr.then, expr.else].map((e) => collect(e, into, bound));
      return parts.every(Boolean);
    }
    case 'unary':
      return collect(expr.operand, into, bound);
    case 'binary':
      return [collect(expr.left, into, bound), collect(expr.right, into, bound)].every(Boolean);
    case 'tuple':
      return expr.items.map((i) => collect(i, into, bound)).every(Boolean);
    case 'object':
      return expr.items.map((i) => [collect(i.key, into, bound), collect(i.value, into, bound)].every(Boolean)).every(Boolean);
    case 'for': {
      collect(expr.collection, into, bound);
      const inner = new Set(bound);
      inner.add(expr.valueVar);
      if (expr.keyVar) inner.add(expr.keyVar);
      for (const e of [expr.key, expr.value, expr.condition]) if (e) collect(e, into, inner);
      return false;
    }
    case 'unsupported':
      return false;
  }
}

/** `{constant}` for literals, `{references}` otherwise, as in a plan's configuration. */
/** Functions that read the file system: a value they give is not written in the code. */
const READS_FILE = new Set(['file', 'filebase64', 'templatefile', 'fileset', 'filemd5', 'filesha1', 'filesha256', 'filesha512', 'filebase64sha256', 'filebase64sha512']);

function readsFile(expr: Expr): boolean {
  switch (expr.kind) {
    case 'call':
      return READS_FILE.has(expr.name.replace(/^provider::[^:]+::/, '')) || expr.args.some(readsFile);
    case 'template':
      return expr.parts.some((p) => p.kind === 'interp' && readsFile(p.expr));
    case 'conditional':
      return [expr.condition, expr.then, expr.else].some(readsFile);
    case 'unary':
      return readsFile(expr.operand);
    case 'binary':
      return readsFile(expr.left) || readsFile(expr.right);
    case 'tuple':
      return expr.items.some(readsFile);
    case 'object':
      return expr.items.some((i) => readsFile(i.key) || readsFile(i.value));
    case 'access':
      return readsFile(expr.target);
    case 'for':
      return [expr.collection, expr.key, expr.value, expr.condition].some((e) => e !== undefined && readsFile(e));
    default:
      return false;
  }
}

/** No names bound (by a for expression), nor skipped: one shared empty set. */
const NOTHING_BOUND: ReadonlySet<string> = new Set();

export function describeExpression(expr: Expr, constant: () => unknown): ConfigExpression {
  const references = new Set<string>();
  const isConstant = collect(expr, references, NOTHING_BOUND);
  if (isConstant) return { constant: constant(), references: [] };
  return readsFile(expr) ? { references: [...references], readsFile: true } : { references: [...references] };
}

/** Block expressions of a body: attributes, and nested blocks as lists of bodies (meta-arguments excluded). */
export function describeBody(body: Body, constant: (e: Expr) => unknown, skip: ReadonlySet<string> = NOTHING_BOUND): BlockExpressions {
  const out: BlockExpressions = {};
  for (const [name, attribute] of body.attributes) {
    if (skip.has(name)) continue;
    out[name] = describeExpression(attribute.expr, () => constant(attribute.expr));
  }
  // Most bodies have no nested blocks: nothing more to make for them.
  if (body.blocks.length === 0) return out;
  const nested = new Map<string, Block[]>();
  for (const block of body.blocks) {
    if (block.type === 'lifecycle' || block.type === 'provisioner' || block.type === 'connection' || block.type === 'dynamic') continue;
    const same = nested.get(block.type);
    if (same) same.push(block);
    else nested.set(block.type, [block]);
  }
  for (const [type, blocks] of nested) out[type] = blocks.map((b) => describeBody(b.body, constant));
  return out;
}
