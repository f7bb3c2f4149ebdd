// Follows configuration references from one resource attribute to the resource instances it names,
// through module outputs, module variables, for_each/count and into other instances.
import { expressionAt } from './configuration';
import { formatModulePath, localAddress, parseTraversal, type InstanceKey, type ModuleStep, type Step } from './address';
import type { ConfigExpression, Inventory, ModuleConfig, ResourceConfig, ResourceInstance } from './inventory';
import { UnknownValue, unwrapSensitive, type Value } from './value';

/** The resource instance attribute an unknown value is a copy of (`okta_app_saml.apps["billing"]`, `id`). */
export interface ValueOrigin {
  address: string;
  path: readonly string[];
}

const ORIGINS = new WeakMap<UnknownValue, readonly ValueOrigin[]>();

/**
 * An unknown value that says where it comes from. Code evaluation knows exactly which instance an
 * expression reads (each.value, computed indexes, module outputs), so linking follows that rather
 * than the references a plan would record. Such values behave as any unknown everywhere else.
 */
export function unknownFrom(origins: readonly ValueOrigin[]): UnknownValue {
  // The value model has one shared unknown; each of these must be distinct to carry its origins.
  const value = Object.create(UnknownValue.prototype) as UnknownValue;
  ORIGINS.set(value, origins);
  return value;
}

export function originsOf(value: Value | undefined): readonly ValueOrigin[] | undefined {
  const v = unwrapSensitive(value).value;
  return v instanceof UnknownValue ? ORIGINS.get(v) : undefined;
}

/** Where an expression is evaluated: a concrete module instance and the repetition key in force. */
interface Scope {
  modules: ModuleStep[];
  config: ModuleConfig;
  parent?: Scope;
  /** `each.key` / `count.index` of the block the expression belongs to. */
  eachKey?: InstanceKey;
  /** The block's own for_each / count, for `each.value`. */
  forEach?: ConfigExpression;
  /** Scope the for_each expression itself is evaluated in (the block's module, without the key). */
  forEachScope?: Scope;
}

/** A resource a reference names, before it is matched to instances. */
interface Target {
  modules: ModuleStep[];
  local: string;
  key?: InstanceKey;
  /** The key came from the referring block's each/count rather than from the reference itself. */
  keyFromEach?: boolean;
}

export type Resolution =
  | { kind: 'found'; instance: ResourceInstance }
  | { kind: 'none' }
  | { kind: 'ambiguous'; instances: ResourceInstance[] }
  | { kind: 'opaque'; reason: string };

/** Attributes through which a resource hands on an app id, so a reference to it can be followed further. */
export type PassThrough = (type: string) => string[] | undefined;

const MAX_DEPTH = 32;

function isPrefix(short: Step[], long: Step[]): boolean {
  return short.every((step, i) => JSON.stringify(step) === JSON.stringify(long[i]));
}

function blockKey(modulePath: string, local: string): string {
  return `${modulePath}|${local}`;
}

interface Walk {
  targets: Target[];
  opaque: string[];
}

function subjectOf(steps: Step[]): { subject: string; consumed: number } | null {
  const names = (n: number): string[] | null => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = steps[i];
      if (s?.kind !== 'attr') return null;
      out.push(s.name);
    }
    return out;
  };
  const first = steps[0];
  if (first?.kind !== 'attr') return null;
  switch (first.name) {
    case 'var':
    case 'local':
    case 'module':
    case 'each':
    case 'count':
    case 'path':
    case 'terraform':
    case 'self': {
      const n = names(2);
      return n ? { subject: n.join('.'), consumed: 2 } : { subject: first.name, consumed: 1 };
    }
    case 'data': {
      const n = names(3);
      return n ? { subject: n.join('.'), consumed: 3 } : null;
    }
    default: {
      const n = names(2);
      return n ? { subject: n.join('.'), consumed: 2 } : null;
    }
  }
}

/** One candidate is the answer only when nothing else the value may come from is undecidable. */
function conclude(list: ResourceInstance[], opaque: string[]): Resolution {
  if (opaque.length > 0) return { kind: 'opaque', reason: opaque[0]! };
  if (list.length === 1) return { kind: 'found', instance: list[0]! };
  if (list.length > 1) return { kind: 'ambiguous', instances: list };
  return { kind: 'none' };
}

/** The value at an attribute path (nested blocks may be one-element lists). */
function valueAt(root: Value | undefined, path: readonly string[]): Value | undefined {
  let current: Value | undefined = root;
  for (const step of path) {
    current = unwrapSensitive(current).value;
    if (Array.isArray(current)) current = current.length === 1 ? current[0] : undefined;
    current = unwrapSensitive(current).value;
    if (current === null || current === undefined || typeof current !== 'object' || current instanceof UnknownValue || Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, step) ? (current as { [k: string]: Value })[step] : undefined;
  }
  return current;
}

export class ReferenceResolver {
  /** Instances by module instance path and local address, each with an index by instance key. */
  private readonly byBlock = new Map<string, { all: ResourceInstance[]; byKey: Map<string, ResourceInstance> }>();
  /** By instance object, not by its address: a lookup by object is cheaper, and objects of one address have one scope. */
  private readonly scopes = new Map<ResourceInstance, { scope: Scope; config: ResourceConfig } | undefined>();
  private readonly resolved = new Map<string, Resolution>();
  /** What `resolve` gave each instance, by attribute: each is asked once per phase. */
  private readonly resolvedFor = new Map<ResourceInstance, Map<string, Resolution>>();
  private readonly byAddress = new Map<string, ResourceInstance>();
  private readonly moduleScopes = new Map<string, Scope | undefined>();
  private rootScope: Scope | undefined;

  constructor(
    private readonly inventory: Inventory,
    private readonly passThrough: PassThrough = () => undefined,
  ) {
    for (const r of inventory.resources) {
      if (r.deposed) continue;
      this.byAddress.set(r.address, r);
      const key = blockKey(r.modulePath, localAddress(r.mode, r.type, r.name));
      let block = this.byBlock.get(key);
      if (!block) {
        block = { all: [], byKey: new Map() };
        this.byBlock.set(key, block);
      }
      block.all.push(r);
      if (r.index !== undefined) block.byKey.set(String(r.index), r);
    }
  }

  /** The module configuration an instance was declared in, with the scope chain leading to it. */
  private scopeFor(instance: ResourceInstance): { scope: Scope; config: ResourceConfig } | undefined {
    if (!this.scopes.has(instance)) this.scopes.set(instance, this.buildScope(instance));
    return this.scopes.get(instance);
  }

  private buildScope(instance: ResourceInstance): { scope: Scope; config: ResourceConfig } | undefined {
    const scope = this.moduleScope(instance.modules, instance.modules.length);
    if (!scope) return undefined;
    const local = localAddress(instance.mode, instance.type, instance.name);
    const config = scope.config.resources.get(local);
    if (!config) return undefined;
    // The module's scope with the block's own key and repetition in force (built, not copied and deleted from: instances are many).
    const blockScope: Scope = { modules: scope.modules, config: scope.config };
    if (scope.parent) blockScope.parent = scope.parent;
    blockScope.forEachScope = scope;
    if (instance.index !== undefined) blockScope.eachKey = instance.index;
    const repetition = config.forEach ?? config.count;
    if (repetition) blockScope.forEach = repetition;
    return { scope: blockScope, config };
  }

  /** The scope of the module instance `modules[0..n)`, made once per module instance and shared by its resources. */
  private moduleScope(modules: ModuleStep[], n: number): Scope | undefined {
    const root = this.inventory.configuration;
    if (!root) return undefined;
    if (n === 0) return (this.rootScope ??= { modules: [], config: root });
    const key = formatModulePath(modules.slice(0, n));
    if (this.moduleScopes.has(key)) return this.moduleScopes.get(key);
    const parent = this.moduleScope(modules, n - 1);
    const m = modules[n - 1]!;
    const call = parent?.config.moduleCalls.get(m.name);
    let scope: Scope | undefined;
    if (parent && call) {
      scope = { modules: [...parent.modules, m], config: call.module, parent };
      if (m.key !== undefined) scope.eachKey = m.key;
    }
    this.moduleScopes.set(key, scope);
    return scope;
  }

  /**
   * An instance standing for all instances of a block whose count/for_each (or whose module call's)
   * is not known before apply (`okta_push_group.p[*]`, only in code): which instances exist, and
   * what each refers to, cannot be told.
   */
  private collapsed(instance: ResourceInstance): boolean {
    if (instance.modules.some((m) => m.unexpanded === true)) return true;
    const config = this.scopeFor(instance)?.config;
    return config !== undefined && (config.forEach !== undefined || config.count !== undefined) && instance.index === undefined;
  }

  private collapsedReason(instance: ResourceInstance): string {
    return `the count or for_each of ${instance.configAddress} (or of its module) is not known before apply, so which instances exist cannot be told`;
  }

  /** The configured expression of an attribute path of an instance, where the input records it. */
  expressionOf(instance: ResourceInstance, attribute: string[]): ConfigExpression | undefined {
    const found = this.scopeFor(instance);
    return found ? expressionAt(found.config.expressions, attribute) : undefined;
  }

  /**
   * Resolves the expression of `attribute` on `from` to the single instance accepted by `accept`.
   * References to resources listed by `passThrough` are followed through their own attribute.
   */
  resolve(from: ResourceInstance, attribute: string[], accept: (r: ResourceInstance) => boolean): Resolution {
    const path = attribute.join('.');
    let mine = this.resolvedFor.get(from);
    if (!mine) {
      mine = new Map();
      this.resolvedFor.set(from, mine);
    }
    const known = mine.get(path);
    if (known) return known;
    // Instances of one block share the result unless the expression depends on their own key:
    // many mappings naming one app must not each walk all of its instances.
    const found = this.scopeFor(from);
    const expression = found ? expressionAt(found.config.expressions, attribute) : undefined;
    const keyed = expression?.references.some((r) => r.startsWith('each.') || r.startsWith('count.')) ?? false;
    const key = `${from.modulePath}|${from.configAddress}|${path}|${keyed ? String(from.index) : ''}`;
    let resolution = this.resolved.get(key);
    if (!resolution) {
      resolution = this.collapsed(from) ? { kind: 'opaque', reason: this.collapsedReason(from) } : this.resolveFrom(from, attribute, accept, 0);
      this.resolved.set(key, resolution);
    }
    mine.set(path, resolution);
    return resolution;
  }

  private resolveFrom(
    from: ResourceInstance,
    attribute: string[],
    accept: (r: ResourceInstance) => boolean,
    depth: number,
  ): Resolution {
    const origins = originsOf(valueAt(from.after ?? from.before, attribute));
    if (origins) return this.resolveOrigins(origins, accept, depth);
    const found = this.scopeFor(from);
    if (!found) return { kind: 'none' };
    const expression = expressionAt(found.config.expressions, attribute);
    if (!expression || expression.references.length === 0) return { kind: 'none' };
    const walk: Walk = { targets: [], opaque: [] };
    this.walkExpression(expression, found.scope, walk, depth);
    const matches = new Map<string, ResourceInstance>();
    const opaque = [...walk.opaque];
    for (const target of walk.targets) {
      for (const instance of this.instancesOf(target)) this.consider(instance, undefined, accept, depth, matches, opaque);
    }
    return conclude([...matches.values()], opaque);
  }

  /**
   * One candidate a reference reaches: an accepted instance matches; one that hands on an app id is
   * followed further (only through `path` when given, the attribute the value copies).
   */
  private consider(
    instance: ResourceInstance,
    path: readonly string[] | undefined,
    accept: (r: ResourceInstance) => boolean,
    depth: number,
    matches: Map<string, ResourceInstance>,
    opaque: string[],
  ): void {
    if (this.collapsed(instance)) {
      opaque.push(this.collapsedReason(instance));
      return;
    }
    if (accept(instance)) {
      matches.set(instance.id, instance);
      return;
    }
    const through = this.passThrough(instance.type);
    if (!through || depth >= MAX_DEPTH || (path !== undefined && through.join('.') !== path.join('.'))) return;
    const next = this.resolveFrom(instance, through, accept, depth + 1);
    if (next.kind === 'found') matches.set(next.instance.id, next.instance);
    else if (next.kind === 'ambiguous') next.instances.forEach((i) => matches.set(i.id, i));
    else if (next.kind === 'opaque') opaque.push(next.reason);
  }

  /** Code evaluation said exactly which instance attributes the value copies: follow those, no other. */
  private resolveOrigins(origins: readonly ValueOrigin[], accept: (r: ResourceInstance) => boolean, depth: number): Resolution {
    const matches = new Map<string, ResourceInstance>();
    const opaque: string[] = [];
    for (const origin of origins) {
      const instance = this.byAddress.get(origin.address);
      if (!instance) {
        opaque.push(`it refers to ${origin.address}, which is not in this input`);
        continue;
      }
      // Only the attribute that carries an app id leads on to an app.
      this.consider(instance, origin.path, accept, depth, matches, opaque);
    }
    return conclude([...matches.values()], opaque);
  }

  private instancesOf(target: Target): ResourceInstance[] {
    const block = this.byBlock.get(blockKey(formatModulePath(target.modules), target.local));
    if (!block) return [];
    if (target.key === undefined) return block.all;
    const keyed = block.byKey.get(String(target.key));
    if (keyed) return [keyed];
    // A key taken from the referring block's own repetition does not apply to a single-instance target.
    if (target.keyFromEach && block.all.length === 1 && block.all[0]!.index === undefined) return block.all;
    return [];
  }

  /**
   * `select` is the instance key chosen by `each.value`: the element of the for_each collection
   * with the referring block's own key.
   */
  private walkExpression(
    expression: ConfigExpression,
    scope: Scope,
    walk: Walk,
    depth: number,
    extra: Step[] = [],
    select?: InstanceKey,
  ): void {
    if (depth > MAX_DEPTH) {
      walk.opaque.push('the references nest too deeply to follow');
      return;
    }
    // `references` lists every prefix of each traversal: keep, per subject, the traversals that are not
    // a prefix of another one (`apps["new"]` and `apps["legacy"]` are two targets, not one).
    const traversals = new Map<string, Step[][]>();
    for (const text of expression.references) {
      const steps = parseTraversal(text);
      if (!steps) continue;
      const subject = subjectOf(steps);
      if (!subject) continue;
      const list = traversals.get(subject.subject) ?? [];
      traversals.set(subject.subject, [...list, steps]);
    }
    const longest = new Map<string, Step[][]>();
    for (const [subject, list] of traversals) {
      longest.set(subject, list.filter((steps) => !list.some((other) => other.length > steps.length && isPrefix(steps, other))));
    }
    for (const [subject, list] of longest) {
      for (const steps of list) this.walkSubject(subject, [...steps, ...extra], scope, walk, depth, select);
    }
  }

  private walkSubject(
    subject: string,
    steps: Step[],
    scope: Scope,
    walk: Walk,
    depth: number,
    select: InstanceKey | undefined,
  ): void {
    const head = subject.split('.')[0];
    switch (head) {
      case 'path':
      case 'terraform':
      case 'self':
      case 'count':
        return;
      case 'local': {
        const local = scope.config.locals?.get(subject.slice(6));
        if (!local) {
          walk.opaque.push(`it depends on ${subject}, which ${scope.config.locals ? 'is not declared' : 'a plan does not record'}`);
          return;
        }
        // Locals cannot use each/count: evaluate in the bare module scope.
        const moduleScope: Scope = { modules: scope.modules, config: scope.config };
        if (scope.parent) moduleScope.parent = scope.parent;
        const here = scope.modules[scope.modules.length - 1];
        if (here?.key !== undefined) moduleScope.eachKey = here.key;
        this.walkExpression(local, moduleScope, walk, depth + 1, steps.slice(2), select);
        return;
      }
      case 'each':
        if (subject === 'each.value' && scope.forEach && scope.forEachScope) {
          // each.value.<rest> is an element of the for_each collection: follow the collection, picking this key.
          this.walkExpression(scope.forEach, scope.forEachScope, walk, depth + 1, steps.slice(2), scope.eachKey);
        }
        return;
      case 'var':
        this.walkVariable(subject.slice(4), steps.slice(2), scope, walk, depth, select);
        return;
      case 'module':
        this.walkModule(subject.slice(7), steps, scope, walk, depth, select);
        return;
      default: {
        const consumed = head === 'data' ? 3 : 2;
        const index = steps[consumed];
        const target: Target = { modules: scope.modules, local: subject };
        if (index?.kind === 'index') target.key = index.key;
        else if (index?.kind === 'eachIndex') {
          if (scope.eachKey !== undefined) {
            target.key = scope.eachKey;
            target.keyFromEach = true;
          }
        } else if (select !== undefined) {
          // The for_each element may be this resource's own instance (for_each = okta_app_saml.apps), or
          // a value built from a reference to it (for_each = { slack = { app_id = okta_app_saml.slack.id } }):
          // a single-instance resource is then a candidate, never an instance keyed by the element's key.
          target.key = select;
          target.keyFromEach = true;
        }
        // A plan records `x[each.key]`, `x[each.value]` and `x[count.index + 1]` alike: without the
        // key in the reference every instance is a candidate, never a guessed one.
        walk.targets.push(target);
      }
    }
  }

  private walkVariable(
    name: string,
    extra: Step[],
    scope: Scope,
    walk: Walk,
    depth: number,
    select: InstanceKey | undefined,
  ): void {
    const parent = scope.parent;
    const here = scope.modules[scope.modules.length - 1];
    // Root variables are values, not references; concrete-id matching handles them.
    if (!parent || !here) return;
    const call = parent.config.moduleCalls.get(here.name);
    const expression = call && Object.hasOwn(call.expressions, name) ? call.expressions[name] : undefined;
    if (!call || !expression) return;
    const callScope: Scope = { ...parent, forEachScope: parent };
    if (here.key !== undefined) callScope.eachKey = here.key;
    else delete callScope.eachKey;
    const repetition = call.forEach ?? call.count;
    if (repetition) callScope.forEach = repetition;
    else delete callScope.forEach;
    this.walkExpression(expression, callScope, walk, depth + 1, extra, select);
  }

  private walkModule(
    name: string,
    steps: Step[],
    scope: Scope,
    walk: Walk,
    depth: number,
    select: InstanceKey | undefined,
  ): void {
    const call = scope.config.moduleCalls.get(name);
    if (!call) {
      walk.opaque.push(`module.${name} is not in the plan's configuration`);
      return;
    }
    let rest = steps.slice(2);
    const step: ModuleStep = { name };
    let passOn = select;
    if (rest[0]?.kind === 'index') {
      step.key = (rest[0] as { key: InstanceKey }).key;
      rest = rest.slice(1);
    } else if (rest[0]?.kind === 'eachIndex' && scope.eachKey !== undefined) {
      step.key = scope.eachKey;
      rest = rest.slice(1);
    } else if (call.forEach || call.count) {
      if (select !== undefined) {
        step.key = select;
        passOn = undefined;
      } else {
        walk.opaque.push(`module.${name} has several instances and the reference does not say which`);
        return;
      }
    }
    const child: Scope = { modules: [...scope.modules, step], config: call.module, parent: scope };
    if (step.key !== undefined) child.eachKey = step.key;
    const output = rest[0]?.kind === 'attr' ? (rest[0] as { name: string }).name : undefined;
    if (output !== undefined) {
      const expression = call.module.outputs.get(output);
      if (expression) this.walkExpression(expression, child, walk, depth + 1, rest.slice(1), passOn);
      else walk.opaque.push(`module.${name} has no output "${output}" in the plan's configuration`);
      return;
    }
    // The whole module object: any of its outputs may be the one used.
    for (const expression of call.module.outputs.values()) this.walkExpression(expression, child, walk, depth + 1, [], passOn);
  }
}
