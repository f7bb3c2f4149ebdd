// Module and resource instances of a configuration: count/for_each expanded where known, attributes
// evaluated lazily (each value once), cycles and undecidable values turned into UNKNOWN.
import { formatKey, formatModulePath, joinAddress, type InstanceKey, type ModuleStep } from '../../model/address';
import { setEntry, UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../model/value';
import type { Body, Expr, TraversalStep } from './ast';
import { allowInstances } from './errors';
import { evaluate, EvalError, OPEN_OBJECTS, safe, type Scope } from './evaluate';
import type { FunctionContext } from './functions';
import { plain, wrap } from './values';
import type { ModuleCallDecl, ResourceDecl } from './module-files';
import type { ModuleTreeNode } from './module-tree';
import { convert } from './types';

/** Meta-arguments that are not resource attributes. */
export const RESOURCE_META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

export interface Repetition {
  key?: InstanceKey;
  each?: { key: Value; value: Value };
}

/** Instance keys of a count or for_each; undefined when they cannot be known before apply. */
export function expand(count: Expr | undefined, forEach: Expr | undefined, scope: Scope): Repetition[] | undefined {
  if (forEach) {
    const { value: v, sensitive } = plain(safe(() => evaluate(forEach, scope)));
    // Terraform refuses sensitive for_each values: their keys would be printed in every address.
    if (v instanceof UnknownValue || sensitive) return undefined;
    if (Array.isArray(v)) {
      const keys = v.map((x) => plain(x));
      if (!keys.every((x) => typeof x.value === 'string' && !x.sensitive)) return undefined;
      if (!allowInstances(keys.length)) return undefined;
      return [...new Set(keys.map((x) => x.value as string))].sort().map((k) => ({ key: k, each: { key: k, value: k } }));
    }
    if (v !== null && typeof v === 'object') {
      // Only the keys need be known: an unknown inside one element leaves the others as they are.
      if (!allowInstances(Object.keys(v).length)) return undefined;
      return Object.keys(v)
        .sort()
        .map((k) => ({ key: k, each: { key: k, value: wrap((v as ObjectValue)[k]!, sensitive) } }));
    }
    return undefined;
  }
  if (count) {
    const { value: counted, sensitive } = plain(safe(() => evaluate(count, scope)));
    if (sensitive) return undefined;
    let v = counted;
    // Terraform converts a numeric string to the number count needs.
    if (typeof v === 'string' && /^\d+$/.test(v)) v = Number(v);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return undefined;
    // Past the instance limits (README "Limits") the count is undecidable: `[*]` stands for every instance.
    if (!allowInstances(v)) return undefined;
    return Array.from({ length: v }, (_, i) => ({ key: i }));
  }
  return [{}];
}

/** What evaluation needs from outside the module tree. */
export interface Environment {
  /** The root module's folder, which is Terraform's working folder. */
  root: string;
  /** `path.module` of this module: relative to the root. */
  module: string;
  cwd: string;
  workspace: string;
  files: FunctionContext;
  /** Evaluates a constant expression (an optional() default). */
  constant: (e: Expr) => Value;
  relative(dir: string): string;
}

export interface EvaluatedResource {
  decl: ResourceDecl;
  /** The instance address; `[*]` where count/for_each (of the block or a module call) is unknown. */
  address: string;
  key?: InstanceKey;
  values: ObjectValue;
  /** count/for_each could not be known, so this stands for all instances. */
  unexpanded: boolean;
}

export class ModuleInstance {
  private readonly localValues = new Map<string, Value | 'pending'>();
  private readonly resourceValues = new Map<string, Value | 'pending'>();
  private readonly outputValues = new Map<string, Value | 'pending'>();
  private readonly resourceInstances = new Map<string, EvaluatedResource[]>();
  private readonly children = new Map<string, { instances: { key?: InstanceKey; module: ModuleInstance }[]; expanded: boolean }>();
  readonly scope: Scope;
  private readonly resourceDecls: Map<string, ResourceDecl>;
  private readonly callDecls: Map<string, ModuleCallDecl>;

  constructor(
    readonly node: ModuleTreeNode,
    readonly modules: ModuleStep[],
    private readonly variables: (name: string) => Value,
    private readonly paths: Environment,
  ) {
    this.scope = this.scopeWith(undefined);
    this.resourceDecls = new Map(node.decl.resources.map((r) => [r.local, r]));
    this.callDecls = new Map(node.decl.moduleCalls.map((c) => [c.name, c]));
  }

  /** A scope for this module, with each/count of one block instance in force. */
  scopeWith(repetition: Repetition | undefined): Scope {
    return {
      root: (name, steps) => this.resolveRoot(name, steps, repetition),
      context: this.paths.files,
    };
  }

  private resolveRoot(name: string, steps: TraversalStep[], repetition: Repetition | undefined): { value: Value; rest: TraversalStep[] } | undefined {
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    switch (name) {
      case 'var':
        if (first === undefined || !this.node.decl.variables.has(first)) throw new EvalError(`undeclared variable ${first}`);
        return { value: this.variables(first), rest: steps.slice(1) };
      case 'local':
        if (first === undefined) throw new EvalError('local without a name');
        return { value: this.local(first), rest: steps.slice(1) };
      case 'each':
        if (!repetition?.each) throw new EvalError('each outside for_each');
        return { value: { key: repetition.each.key, value: repetition.each.value }, rest: steps };
      case 'count':
        if (typeof repetition?.key !== 'number') throw new EvalError('count outside count');
        return { value: { index: repetition.key }, rest: steps };
      case 'path':
        // As Terraform gives them: module and root relative to the working folder (the root module's), cwd absolute.
        return { value: { module: this.paths.module, root: '.', cwd: this.paths.cwd }, rest: steps };
      case 'terraform':
        return { value: { workspace: this.paths.workspace }, rest: steps };
      case 'module':
        if (first === undefined) throw new EvalError('module without a name');
        return { value: this.moduleValue(first), rest: steps.slice(1) };
      case 'data': {
        const second = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
        if (first === undefined || second === undefined) throw new EvalError('incomplete data reference');
        return { value: this.resourceValue(`data.${first}.${second}`), rest: steps.slice(2) };
      }
      default:
        if (first === undefined) return undefined;
        return { value: this.resourceValue(`${name}.${first}`), rest: steps.slice(1) };
    }
  }

  private memo(cache: Map<string, Value | 'pending'>, key: string, compute: () => Value): Value {
    const cached = cache.get(key);
    // A value that depends on itself cannot be decided.
    if (cached === 'pending') return UNKNOWN;
    if (cached !== undefined) return cached;
    cache.set(key, 'pending');
    const value = safe(compute);
    cache.set(key, value);
    return value;
  }

  local(name: string): Value {
    return this.memo(this.localValues, name, () => {
      const expr = this.node.decl.locals.get(name);
      if (!expr) throw new EvalError(`undeclared local ${name}`);
      return evaluate(expr, this.scope);
    });
  }

  output(name: string): Value {
    return this.memo(this.outputValues, name, () => {
      const expr = this.node.decl.outputs.get(name);
      if (!expr) throw new EvalError(`no output ${name}`);
      return evaluate(expr, this.scope);
    });
  }

  /** `module.<name>`: an object of outputs, or a list/map of them for a repeated call. */
  private moduleValue(name: string): Value {
    const call = this.callDecls.get(name);
    if (!call) throw new EvalError(`undeclared module ${name}`);
    const child = this.childInstances(name);
    if (!child.expanded) return UNKNOWN;
    const asObject = (m: ModuleInstance): Value => {
      const out: ObjectValue = {};
      for (const output of m.node.decl.outputs.keys()) setEntry(out, output, m.output(output));
      return out;
    };
    if (!call.count && !call.forEach) return child.instances[0] ? asObject(child.instances[0].module) : UNKNOWN;
    if (call.count) return child.instances.map((i) => asObject(i.module));
    const map: ObjectValue = {};
    for (const i of child.instances) setEntry(map, String(i.key), asObject(i.module));
    return map;
  }

  /** Instances of a module call; an unfollowed module has none and its values are unknown. */
  childInstances(name: string): { instances: { key?: InstanceKey; module: ModuleInstance }[]; expanded: boolean } {
    const cached = this.children.get(name);
    if (cached) return cached;
    const call = this.callDecls.get(name);
    const target = this.node.calls.get(name);
    const result: { instances: { key?: InstanceKey; module: ModuleInstance }[]; expanded: boolean } = { instances: [], expanded: false };
    this.children.set(name, result);
    if (!call || target?.kind !== 'followed') return result;
    const repetitions = expand(call.count, call.forEach, this.scope);
    result.expanded = repetitions !== undefined;
    for (const repetition of repetitions ?? [{}]) {
      const step: ModuleStep = { name };
      if (repetition.key !== undefined) step.key = repetition.key;
      if (!repetitions) step.unexpanded = true;
      const scope = this.scopeWith(repetition);
      const args = new Map<string, Value | 'pending'>();
      const module: ModuleInstance = new ModuleInstance(
        target.module,
        [...this.modules, step],
        (variable): Value =>
          this.memo(args, variable, (): Value => {
            const arg = call.args.get(variable);
            const decl = target.module.decl.variables.get(variable);
            if (arg) return convert(evaluate(arg, scope), decl?.type, this.paths.constant);
            return decl?.default ? convert(evaluate(decl.default, module.scope), decl.type, this.paths.constant) : UNKNOWN;
          }),
        { ...this.paths, module: this.paths.relative(target.module.decl.dir) },
      );
      result.instances.push(repetition.key !== undefined ? { key: repetition.key, module } : { module });
    }
    return result;
  }

  /** Evaluated instances of one resource block. */
  resources(decl: ResourceDecl): EvaluatedResource[] {
    const cached = this.resourceInstances.get(decl.local);
    if (cached) return cached;
    const repetitions = expand(decl.count, decl.forEach, this.scope);
    const modulePath = formatModulePath(this.modules);
    const list = (repetitions ?? [{}]).map((repetition) => {
      const address = joinAddress(modulePath, `${decl.local}${repetitions ? formatKey(repetition.key) : '[*]'}`);
      const item: EvaluatedResource = {
        decl,
        address,
        values: evaluateBody(decl.body, this.scopeWith(repetitions ? repetition : undefined), { address, path: [] }),
        unexpanded: repetitions === undefined || this.modules.some((m) => m.unexpanded === true),
      };
      if (repetition.key !== undefined) item.key = repetition.key;
      return item;
    });
    this.resourceInstances.set(decl.local, list);
    return list;
  }

  /** `okta_app_saml.x` as a reference sees it: an object, or a list/map of objects for repeated blocks. */
  private resourceValue(local: string): Value {
    const decl = this.resourceDecls.get(local);
    if (!decl) throw new EvalError(`undeclared resource ${local}`);
    return this.memo(this.resourceValues, local, () => {
      const instances = this.resources(decl);
      if (instances.some((i) => i.unexpanded)) return UNKNOWN;
      if (decl.count) return instances.map((i) => i.values);
      if (decl.forEach) {
        const map: ObjectValue = {};
        for (const i of instances) setEntry(map, String(i.key), i.values);
        return map;
      }
      return instances[0]?.values ?? UNKNOWN;
    });
  }
}

/** Attributes and nested blocks of a body; a `dynamic` block's content is unknown. */
export function evaluateBody(body: Body, scope: Scope, origin: { address: string; path: string[] } | null): ObjectValue {
  const out: ObjectValue = {};
  OPEN_OBJECTS.set(out, origin);
  for (const [name, attribute] of body.attributes) {
    if (RESOURCE_META.has(name)) continue;
    setEntry(out, name, safe(() => evaluate(attribute.expr, scope)));
  }
  if (body.blocks.length === 0) return out;
  const nested = new Map<string, Body[]>();
  for (const block of body.blocks) {
    if (RESOURCE_META.has(block.type)) continue;
    if (block.type === 'dynamic') {
      const [type] = block.labels;
      if (type) setEntry(out, type, UNKNOWN);
      continue;
    }
    const same = nested.get(block.type);
    if (same) same.push(block.body);
    else nested.set(block.type, [block.body]);
  }
  for (const [type, bodies] of nested) {
    // One block is read as an object (`profile.token`): its unset attributes are copies of that path.
    const values = bodies.map((b) => evaluateBody(b, scope, bodies.length === 1 && origin ? { address: origin.address, path: [...origin.path, type] } : null));
    setEntry(out, type, values.length === 1 ? values[0]! : values);
  }
  return out;
}
