// The CDKTF door: an Aspect that judges each TerraformStack's synthesized configuration with the same
// engine and rules as the CLI, and annotates the offending constructs (errors fail `cdktf synth`).
import type { IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { rules as allRules } from '../../rules';
import type { Finding } from '../engine/finding';
import type { Rule } from '../engine/rule';
import { runRules } from '../engine/run-rules';
import { fails, SEVERITIES, type FailOn, type Severity } from '../engine/severity';
import { configurationFromTerraformJson } from '../loaders/hcl/load-configuration';
import { buildView } from '../okta/build-view';
import { localDate, resolveConfig } from '../lint';
import { Policy } from '../policy/apply';
import { configureRules } from '../policy/configure-rules';

/** Accepting a known finding: it is still reported, as acknowledged, with the reason. */
export interface Acknowledgement {
  /** Rule id, e.g. `OPG001`. */
  rule: string;
  /** Terraform address (`okta_push_group.eng`, `okta_push_group.eng["ops"]`) or construct path it applies to; all of the rule's findings when absent. */
  address?: string;
  /** Why this is acceptable, for the record. Required. */
  reason: string;
}

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

type Cdktf = typeof import('cdktf');

function cdktf(): Cdktf {
  // A peer dependency, loaded only by this door: the CLI never needs it.
  return require('cdktf') as Cdktf;
}

function withoutIndex(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

export class OktaPushGuard implements IAspect {
  private readonly failOn: FailOn;
  private readonly rules: readonly Rule[];
  private readonly policy: Policy;
  private readonly acknowledgements: readonly Acknowledgement[];
  private readonly visited = new WeakSet<IConstruct>();
  private readonly checked = new WeakSet<IConstruct>();
  private readonly pending = new Map<IConstruct, import('cdktf').TerraformStack>();
  private readonly byStack = new Map<string, Finding[]>();

  /** Findings of every stack checked so far, by stack path (acknowledged ones included). */
  get findings(): ReadonlyMap<string, readonly Finding[]> {
    return this.byStack;
  }

  constructor(options: OktaPushGuardOptions = {}) {
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
    // The same configuration file as the CLI: rule settings, fail threshold and suppressions.
    const config = resolveConfig(options.config !== undefined ? { config: options.config } : {}, options.cwd ?? process.cwd());
    this.failOn = options.failOn ?? config?.failOn ?? 'error';
    this.acknowledgements = options.acknowledgements ?? [];
    this.rules = configureRules(allRules, { rules: { ...config?.rules, ...options.rules }, ...(config?.unknown ? { unknown: config.unknown } : {}) });
    this.policy = new Policy(localDate(options.now ?? new Date()), config);
  }

  /**
   * Adds one guard to every TerraformStack under `scope` (an App or a stack). CDKTF and CDK Terrain
   * invoke only the aspects of a stack and its parents' *stack-level* registrations during synth:
   * an aspect added with `Aspects.of(app)` is never run, so the guard is attached to each stack.
   */
  static applyTo(scope: IConstruct, options: OktaPushGuardOptions = {}): OktaPushGuard {
    const { Aspects, TerraformStack } = cdktf();
    const guard = new OktaPushGuard(options);
    const stacks = [scope, ...scope.node.findAll()].filter((c) => TerraformStack.isStack(c));
    for (const stack of new Set(stacks)) Aspects.of(stack).add(guard);
    return guard;
  }

  visit(node: IConstruct): void {
    const { TerraformStack } = cdktf();
    if (TerraformStack.isStack(node)) {
      // Aspects run again on every synth; annotating twice would report every finding twice.
      if (this.visited.has(node)) return;
      this.visited.add(node);
      // Judge the stack after the other aspects have changed it: when the last construct of the stack
      // is visited (aspects run top-down), or, should the tree have grown since, during validation.
      const stack = node;
      let last: IConstruct = stack;
      while (last.node.children.length > 0) last = last.node.children[last.node.children.length - 1]!;
      if (last === stack) this.check(stack);
      else {
        this.pending.set(last, stack);
        stack.node.addValidation({ validate: () => (this.checked.has(stack) ? [] : (this.check(stack), [])) });
      }
      return;
    }
    const stack = this.pending.get(node);
    if (stack) {
      this.pending.delete(node);
      this.check(stack);
    }
  }

  private check(stack: import('cdktf').TerraformStack): void {
    if (this.checked.has(stack)) return;
    this.checked.add(stack);
    const { TerraformResource, TerraformDataSource, Annotations } = cdktf();
    let findings: Finding[];
    try {
      const inventory = configurationFromTerraformJson(stack.toTerraform(), stack.node.path, process.cwd());
      const found = runRules(this.rules, { path: stack.node.path, view: buildView(inventory), secrets: inventory.secrets }).findings;
      findings = this.policy.apply(found, stack.node.path, new Map());
    } catch (error) {
      // A guard that breaks must stop the synth, not wave it through.
      Annotations.of(stack).addError(`okta-push-guard could not check this stack: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }

    const byAddress = new Map<string, IConstruct>();
    const byPath = new Map<string, IConstruct>();
    for (const child of stack.node.findAll()) {
      byPath.set(child.node.path, child);
      if (TerraformResource.isTerraformResource(child)) {
        const prefix = child instanceof TerraformDataSource ? 'data.' : '';
        byAddress.set(`${prefix}${child.terraformResourceType}.${child.friendlyUniqueId}`, child);
      }
    }
    this.byStack.set(stack.node.path, findings);
    for (const finding of findings) {
      const target =
        (finding.location?.constructPath ? byPath.get(finding.location.constructPath) : undefined) ??
        byAddress.get(withoutIndex(finding.address)) ??
        stack;
      const ack = this.acknowledgementFor(finding);
      const reason = ack?.reason ?? finding.suppressed?.reason;
      if (ack) finding.suppressed = { reason: ack.reason, source: 'OktaPushGuard acknowledgement' };
      const text = `${finding.ruleId}: ${finding.message} [${finding.rule}]`;
      const annotations = Annotations.of(target);
      if (reason !== undefined) annotations.addInfo(`${finding.ruleId} (acknowledged: ${reason}): ${finding.message}`);
      else if (fails(finding.severity, this.failOn)) annotations.addError(text);
      else if (finding.severity === 'note') annotations.addInfo(text);
      else annotations.addWarning(text);
    }
  }

  private acknowledgementFor(finding: Finding): Acknowledgement | undefined {
    return this.acknowledgements.find(
      (a) =>
        a.rule === finding.ruleId &&
        (a.address === undefined ||
          a.address === finding.address ||
          a.address === withoutIndex(finding.address) ||
          a.address === finding.location?.constructPath),
    );
  }
}
