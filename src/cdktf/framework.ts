// What the guard needs from CDK for Terraform or from CDK Terrain, its fork: the two have the same
// surface, so one implementation serves both, given the module its door loads. Declared structurally
// here (each door checks at compile time that its framework fits), so that the published types of one
// door never name the other framework's package.
import type { IConstruct } from 'constructs';

export interface Aspect {
  visit(node: IConstruct): void;
}

export interface Stack extends IConstruct {
  toTerraform(): unknown;
}

export interface Resource extends IConstruct {
  readonly terraformResourceType: string;
  readonly friendlyUniqueId: string;
}

interface AspectRegistry {
  add(aspect: Aspect): void;
  readonly all: Aspect[];
}

interface AnnotationsApi {
  addError(message: string): void;
  addWarning(message: string): void;
  addInfo(message: string): void;
}

export interface Framework {
  readonly App: (abstract new (...args: never[]) => IConstruct) & { isApp(x: unknown): boolean; readonly prototype: { synth(): void } };
  readonly TerraformStack: (abstract new (...args: never[]) => Stack) & { isStack(x: unknown): x is Stack; of(construct: IConstruct): Stack };
  readonly TerraformResource: { isTerraformResource(x: unknown): x is Resource };
  readonly TerraformDataSource: { isTerraformDataSource(x: unknown): boolean };
  readonly TerraformElement: { isTerraformElement(x: unknown): boolean };
  readonly Aspects: { of(scope: IConstruct): AspectRegistry };
  readonly Annotations: { of(scope: IConstruct): AnnotationsApi };
  readonly Testing: {
    synth(stack: Stack, ...rest: never[]): unknown;
    synthHcl(stack: Stack, ...rest: never[]): unknown;
    fullSynth(stack: Stack, ...rest: never[]): unknown;
  };
}

export type FrameworkName = 'cdktf' | 'cdktn';

/** A door: the framework package it binds to, and that package's module as this process loads it. */
export interface Door {
  readonly name: FrameworkName;
  readonly framework: Framework;
}

/** Loads a door's framework, saying which package to install when it is missing. */
export function openDoor(name: FrameworkName, load: () => Framework): Door {
  try {
    return { name, framework: load() };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`okta-push-guard/${name} needs the ${name} package and constructs (npm install ${name} constructs): ${reason}`, { cause: error });
  }
}

// Shared by every copy of okta-push-guard in a process: the brand says "this aspect is a guard", the
// mark says "this framework function already hands guards down", so two copies never wrap twice.
const GUARD = Symbol.for('okta-push-guard/guard');
const HANDS_DOWN_GUARDS = Symbol.for('okta-push-guard/hands-down-guards');
// Likewise shared: the synth entry points running now (nested ones count), and what to do once the
// outermost returns or throws.
const SYNTHS = Symbol.for('okta-push-guard/synths-running');

interface Synths {
  depth: number;
  readonly atEnd: Array<() => void>;
}

function synths(): Synths {
  const global = globalThis as Record<symbol, unknown>;
  return (global[SYNTHS] ??= { depth: 0, atEnd: [] }) as Synths;
}

/**
 * Runs `done` when the synth entry point running now (App.synth, Testing.synth, synthHcl, fullSynth)
 * returns or throws; false, and nothing registered, outside of them.
 */
export function atSynthEnd(done: () => void): boolean {
  const running = synths();
  if (running.depth === 0) return false;
  running.atEnd.push(done);
  return true;
}

export function brandGuard(guard: object): void {
  Object.defineProperty(guard, GUARD, { value: true });
}

export function isGuard(aspect: unknown): boolean {
  return typeof aspect === 'object' && aspect !== null && (aspect as Record<symbol, unknown>)[GUARD] === true;
}

/**
 * Gives every stack at or under `root` the guards registered on the scopes above it. CDKTF and CDK
 * Terrain invoke aspects from each stack down, so a guard on the App (or on a construct that groups
 * stacks) would otherwise never run. Only guards are handed down: other aspects on the App stay as
 * the framework treats them.
 */
export function handDownGuards(framework: Framework, root: IConstruct): void {
  const { Aspects, TerraformStack } = framework;
  for (const stack of root.node.findAll()) {
    if (!TerraformStack.isStack(stack)) continue;
    const own = Aspects.of(stack);
    for (const scope of stack.node.scopes) {
      if (scope === stack) continue;
      for (const aspect of Aspects.of(scope).all) if (isGuard(aspect) && !own.all.includes(aspect)) own.add(aspect);
    }
  }
}

type Callable = (this: unknown, ...args: unknown[]) => unknown;

function wrap(owner: Record<string, unknown>, name: string, before: (self: unknown, args: unknown[]) => void, required: boolean): void {
  const original = owner[name];
  if (typeof original !== 'function') {
    // A missing entry point is no way around the guard; a missing App synth is one we cannot close.
    if (required) throw new Error(`it has no ${name}()`);
    return;
  }
  if ((original as unknown as Record<symbol, unknown>)[HANDS_DOWN_GUARDS]) return;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    before(this, args);
    const running = synths();
    running.depth++;
    try {
      return (original as Callable).apply(this, args);
    } finally {
      if (--running.depth === 0) for (const done of running.atEnd.splice(0)) done();
    }
  };
  Object.defineProperty(wrapped, 'name', { value: original.name });
  Object.defineProperty(wrapped, HANDS_DOWN_GUARDS, { value: true });
  owner[name] = wrapped;
}

/**
 * Makes the door's framework hand guards down at every synth entry point: `App.prototype.synth`
 * and `Testing.synth` / `synthHcl` / `fullSynth`, and tell `atSynthEnd` when they end. This patches
 * the framework's classes for the whole process, once; for an app without a guard above its stacks it
 * only walks the tree.
 */
export function handGuardsDownAtSynth(door: Door): void {
  const { App, Testing } = door.framework;
  try {
    wrap(App.prototype as unknown as Record<string, unknown>, 'synth', (app) => handDownGuards(door.framework, app as IConstruct), true);
    for (const name of ['synth', 'synthHcl', 'fullSynth']) {
      wrap(Testing as unknown as Record<string, unknown>, name, (_, [stack]) => handDownGuards(door.framework, stack as IConstruct), false);
    }
  } catch (error) {
    // Without the hook, a guard added to the App would be skipped without a word: refuse instead.
    throw new Error(`okta-push-guard/${door.name}: cannot attach to this version of ${door.name} (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The framework package a construct's class comes from, by the jsii type name its classes carry. */
export function frameworkOf(construct: IConstruct): string | undefined {
  let type: unknown = construct.constructor;
  while (typeof type === 'function') {
    const fqn = (Object.getOwnPropertyDescriptor(type, Symbol.for('jsii.rtti'))?.value as { fqn?: unknown } | undefined)?.fqn;
    if (typeof fqn === 'string' && /^cdkt[fn]\./.test(fqn)) return fqn.split('.')[0];
    type = Object.getPrototypeOf(type);
  }
  return undefined;
}
