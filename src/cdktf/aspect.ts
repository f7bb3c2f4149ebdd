// The guard behind both CDK doors (`okta-push-guard/cdktf`, `okta-push-guard/cdktn`): an Aspect that
// judges each stack's synthesized configuration with the same engine and rules as the CLI, and
// annotates the offending constructs (errors fail synth). Each door subclasses it with its framework.
import { localAddress } from '../model/address';
import { join, relative, resolve } from 'node:path';
import type { IConstruct } from 'constructs';
import { rules as allRules } from '../../rules';
import { Judge, type Judged } from '../core/judge';
import type { Finding } from '../engine/finding';
import { failsGate } from '../engine/gate';
import type { Report } from '../engine/report';
import { SEVERITIES, type FailOn, type Severity } from '../engine/severity';
import { configurationFromTerraformJson } from '../loaders/hcl/load-configuration';
import { resolveConfig } from '../core/resolve-config';
import type { Acknowledgement } from '../policy/apply';
import { atSynthEnd, brandGuard, frameworkOf, handGuardsDownAtSynth, isGuard, type Aspect, type Door, type Stack } from './framework';

export type { Acknowledgement };

export interface OktaPushGuardOptions {
  /** Lowest severity that fails synth (an error annotation). Default: the configuration's failOn, else `error`. */
  failOn?: FailOn;
  /** Per-rule severity, or `off` (over the configuration file's `rules`). */
  rules?: Record<string, Severity | 'off'>;
  acknowledgements?: Acknowledgement[];
  /** Configuration file (.okta-push-guard.json/.yaml): found from `cwd` upwards by default; `false` for none. */
  config?: string | false;
  /** Folder the configuration is looked for from; defaults to the process's. */
  cwd?: string;
  /** The current date, for suppression expiry; defaults to now. */
  now?: Date;
}

function withoutIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** The stack's cdk.tf.json as the CLI names it when run from `cwd` (`cdktf.out/stacks/<id>/cdk.tf.json`), so both doors report the same input. */
function stackInput(stack: Stack, cwd: string): string {
  const outdir = (stack.node.root as { outdir?: unknown }).outdir;
  const file = join(typeof outdir === 'string' ? outdir : 'cdktf.out', 'stacks', stack.node.id, 'cdk.tf.json');
  return relative(cwd, resolve(cwd, file)) || file;
}

/** The guard; import it from the door of your framework, `okta-push-guard/cdktf` or `okta-push-guard/cdktn`. */
export abstract class OktaPushGuardBase implements Aspect {
  private readonly judge: Judge;
  private readonly cwd: string;
  private readonly judged: Judged = { inputs: [], findings: [], runs: new Map() };
  private unusedReported = false;
  private readonly visited = new WeakSet<IConstruct>();
  private readonly checked = new WeakSet<IConstruct>();
  /** The construct whose visit judges a stack, with each such stack and whether the guard visits it from the top. */
  private readonly pending = new Map<IConstruct, Array<{ stack: Stack; whole: boolean }>>();
  private readonly byStack = new Map<string, Finding[]>();

  /** Findings of every stack checked so far, by stack path (acknowledged ones included). */
  get findings(): ReadonlyMap<string, readonly Finding[]> {
    return this.byStack;
  }

  /** The report of every stack checked so far, as the CLI's JSON report gives it (inputs named as `lint cdktf.out` names them). */
  report(): Report {
    return this.judge.report(this.judged);
  }

  protected constructor(
    private readonly door: Door,
    options: OktaPushGuardOptions = {},
  ) {
    const known = new Set(allRules.map((r) => r.meta.id));
    for (const [id, level] of Object.entries(options.rules ?? {})) {
      if (!known.has(id)) throw new Error(`okta-push-guard: unknown rule "${id}" in options.rules`);
      if (level !== 'off' && !SEVERITIES.includes(level)) throw new Error(`okta-push-guard: rules.${id} must be error, warning, note or off`);
    }
    for (const ack of options.acknowledgements ?? []) {
      if (!known.has(ack.rule)) throw new Error(`okta-push-guard: acknowledgement of unknown rule "${ack.rule}"`);
      if (typeof ack.reason !== 'string' || ack.reason.trim() === '') {
        throw new Error(`okta-push-guard: acknowledgement of ${ack.rule}${ack.address ? ` for ${ack.address}` : ''} needs a reason`);
      }
    }
    // The same configuration file as the CLI (rule settings, fail threshold, suppressions, baseline),
    // judged by the same core.
    this.cwd = options.cwd ?? process.cwd();
    const config = resolveConfig(options.config !== undefined ? { config: options.config } : {}, this.cwd);
    this.judge = new Judge({
      ...(config ? { config } : {}),
      ...(config?.baseline !== undefined ? { baseline: (require('../policy/baseline') as typeof import('../policy/baseline')).readBaseline(resolve(config.dir, config.baseline), this.cwd) } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.rules ? { ruleOverrides: options.rules } : {}),
      ...(options.failOn ? { failOn: options.failOn } : {}),
      acknowledgements: options.acknowledgements ?? [],
    });
    brandGuard(this);
    // Before any synth: `Aspects.of(app).add(guard)` must not be the registration that is never read.
    handGuardsDownAtSynth(door);
  }

  /**
   * Guards every stack under `scope` (an App, a construct grouping stacks, a stack), the ones created
   * later included: the same as `Aspects.of(scope).add(guard)`, plus a refusal when `scope` belongs to
   * another framework copy than the door's, where the registration would never be read.
   */
  static applyTo<T extends OktaPushGuardBase>(this: new (options?: OktaPushGuardOptions) => T, scope: IConstruct, options: OktaPushGuardOptions = {}): T {
    const guard = new this(options);
    guard.addTo(scope);
    return guard;
  }

  private addTo(scope: IConstruct): void {
    const { App, Aspects, TerraformStack } = this.door.framework;
    const below = scope.node.findAll();
    const foreign = [...scope.node.scopes, ...below].find(
      (c) => (App.isApp(c) && !(c instanceof App)) || (TerraformStack.isStack(c) && !(c instanceof TerraformStack)),
    );
    if (foreign) {
      const name = `okta-push-guard/${this.door.name}`;
      const what = foreign.node.path === '' ? 'the App' : `\`${foreign.node.path}\``;
      const other = frameworkOf(foreign);
      throw new Error(
        other && other !== this.door.name
          ? `${name}: ${what} is a ${other} construct; import OktaPushGuard from 'okta-push-guard/${other}'`
          : `${name}: ${what} comes from another copy of ${this.door.name} than the one this door loads, whose aspects it never reads; keep one copy installed (npm ls ${this.door.name})`,
      );
    }
    // The stacks that exist now get the guard directly too, for synth paths other than App.synth and Testing.
    for (const target of [scope, ...below.filter((c) => TerraformStack.isStack(c))]) {
      const registered = Aspects.of(target);
      if (!registered.all.includes(this)) registered.add(this);
    }
  }

  visit(node: IConstruct): void {
    const { TerraformStack } = this.door.framework;
    const stack = TerraformStack.isStack(node) ? node : TerraformStack.of(node);
    if (!this.visited.has(stack)) {
      // Aspects run again on every synth; annotating twice would report every finding twice.
      this.visited.add(stack);
      // The first construct visited is where the guard was registered (the stack, or a construct in
      // it). Judge the stack after the other aspects have changed it: when the last construct under
      // that one is visited (aspects run top-down), or, should the tree have grown since, during validation.
      let last: IConstruct = node;
      while (last.node.children.length > 0) last = last.node.children[last.node.children.length - 1]!;
      if (last === node) this.check(stack, node === stack && this.visitedLast(stack, node));
      else {
        // A nested stack's last construct can be its outer stack's too.
        this.pending.set(last, [...(this.pending.get(last) ?? []), { stack, whole: node === stack }]);
        // By validation every aspect has run.
        stack.node.addValidation({ validate: () => (this.checked.has(stack) ? [] : (this.check(stack, true), [])) });
      }
    }
    const pending = this.pending.get(node);
    if (pending) {
      this.pending.delete(node);
      for (const { stack: waiting, whole } of pending) this.check(waiting, whole && this.visitedLast(waiting, node));
    }
  }

  /**
   * Whether no aspect but guards visits anything in `stack` after this guard visits `node`, its last
   * construct. The framework visits a construct with the aspects of its scopes, from the stack down,
   * each once, in that order, and then the construct's children, which an aspect may have just added.
   */
  private visitedLast(stack: Stack, node: IConstruct): boolean {
    const { Aspects } = this.door.framework;
    if (node.node.children.length > 0) return false;
    const scopes = node.node.scopes;
    const order = scopes.slice(scopes.indexOf(stack)).flatMap((scope) => Aspects.of(scope).all);
    const at = order.indexOf(this);
    return at >= 0 && order.every((aspect, i) => i <= at || isGuard(aspect) || order.indexOf(aspect) < at);
  }

  /** Judges `stack`; `final` when nothing but validations can change it before it is written. */
  private check(stack: Stack, final: boolean): void {
    if (this.checked.has(stack)) return;
    this.checked.add(stack);
    const { TerraformResource, TerraformDataSource, TerraformStack } = this.door.framework;
    let findings: Finding[];
    try {
      const path = stackInput(stack, this.cwd);
      const configuration = stack.toTerraform();
      const judged = this.judge.judge([{ path, inventory: configurationFromTerraformJson(configuration, path, this.cwd) }]);
      if (final) this.handOver(stack, configuration);
      // Loops, not push(...list): a spread of a long list overflows the stack.
      for (const input of judged.inputs) this.judged.inputs.push(input);
      for (const finding of judged.findings) this.judged.findings.push(finding);
      for (const [k, v] of judged.runs) this.judged.runs.set(k, v);
      findings = judged.findings;
    } catch (error) {
      // A guard that breaks must stop the synth, not wave it through.
      this.door.framework.Annotations.of(stack).addError(`okta-push-guard could not check this stack: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }

    const byAddress = new Map<string, IConstruct>();
    const byPath = new Map<string, IConstruct>();
    // Only a stack with findings needs its constructs by address (each a logical id to compute).
    for (const child of findings.length > 0 ? stack.node.findAll() : []) {
      byPath.set(child.node.path, child);
      if (TerraformResource.isTerraformResource(child)) {
        const mode = TerraformDataSource.isTerraformDataSource(child) ? 'data' : 'managed';
        byAddress.set(localAddress(mode, child.terraformResourceType, child.friendlyUniqueId), child);
      }
    }
    this.byStack.set(stack.node.path, findings);
    for (const finding of findings) {
      const target =
        (finding.location?.constructPath ? byPath.get(finding.location.constructPath) : undefined) ??
        byAddress.get(withoutIndex(finding.address)) ??
        stack;
      this.annotate(target, finding);
    }
    // Once every stack this guard guards is judged, suppressions that matched nothing are reported,
    // as the CLI reports them at the end of a run.
    if (this.unusedReported) return;
    const guarded = [stack.node.root, ...stack.node.root.node.findAll()].filter(
      (c): c is Stack => TerraformStack.isStack(c) && this.door.framework.Aspects.of(c).all.includes(this),
    );
    if (guarded.every((s) => this.checked.has(s))) {
      this.unusedReported = true;
      for (const finding of this.judge.unused()) this.annotate(stack, finding);
    }
  }

  /**
   * Lets the synth running now write the configuration this guard resolved and judged, rather than
   * resolve the stack a second time: the stack's next `toTerraform()` returns it, once, if the stack
   * still has the same elements. What runs in between is validations (checks, by the constructs
   * contract) and the framework's own custom synthesis (assets copying files).
   */
  private handOver(stack: Stack, configuration: unknown): void {
    // A stack that brings its own toTerraform on the instance, or a frozen one, is left as it is. A
    // nested stack is visited again, with its own aspects, when it is synthesized itself.
    if (Object.hasOwn(stack, 'toTerraform') || !Object.isExtensible(stack)) return;
    if (stack.node.scopes.some((scope) => scope !== stack && this.door.framework.TerraformStack.isStack(scope))) return;
    const elements = this.elementsOf(stack);
    const resolve = stack.toTerraform;
    const takeBack = (): void => {
      if (Object.getOwnPropertyDescriptor(stack, 'toTerraform')?.value === served) Reflect.deleteProperty(stack, 'toTerraform');
    };
    const served = (): unknown => {
      takeBack();
      const now = this.elementsOf(stack);
      return now.length === elements.length && now.every((element, i) => element === elements[i]) ? configuration : resolve.call(stack);
    };
    // Outside a synth there is no end at which to take it back.
    if (atSynthEnd(takeBack)) Object.defineProperty(stack, 'toTerraform', { value: served, configurable: true, writable: true });
  }

  /** The constructs `toTerraform()` writes blocks for, in its order: the stack's, not a nested stack's. */
  private elementsOf(stack: Stack): IConstruct[] {
    const { TerraformElement, TerraformStack } = this.door.framework;
    const elements: IConstruct[] = [];
    const walk = (node: IConstruct): void => {
      if (TerraformElement.isTerraformElement(node)) elements.push(node);
      for (const child of node.node.children) if (!TerraformStack.isStack(child)) walk(child);
    };
    walk(stack);
    return elements;
  }

  private annotate(target: IConstruct, finding: Finding): void {
    const annotations = this.door.framework.Annotations.of(target);
    const text = `${finding.ruleId}: ${finding.message} [${finding.rule}]`;
    if (finding.suppressed) annotations.addInfo(`${finding.ruleId} (acknowledged: ${finding.suppressed.reason}): ${finding.message}`);
    else if (failsGate(finding, this.judge.gate)) annotations.addError(text);
    else if (finding.severity === 'note') annotations.addInfo(text);
    else annotations.addWarning(text);
  }
}
