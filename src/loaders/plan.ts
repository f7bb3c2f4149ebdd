// Loads `terraform show -json tfplan` output (and HCP Terraform's redacted plan) into an Inventory.
import type { Action, Inventory, ModuleConfig, ResourceInstance } from '../model/inventory';
import { withMarkers } from '../model/markers';
import { collectSensitiveStrings, SensitiveValue, UNKNOWN, type ObjectValue, type Value } from '../model/value';
import { parseModuleConfig } from './configuration';
import { collectCredentials } from './credentials';
import { makeInstance } from './instance';
import { arr, isObject, obj, optArr, optKey, optObj, optStr, str, ShapeError, type Json, type JsonObject } from '../inputs/shape';
import { walkValues, type ValuesResource } from './values';
import { checkFormatVersion } from './version';

/** Maps a change's `actions` list to one action; unknown future combinations are judged by whether they delete. */
export function actionOf(actions: string[]): { action: Action; replaceOrder?: 'delete-first' | 'create-first' } {
  const key = actions.join(',');
  switch (key) {
    case 'no-op':
      return { action: 'no-op' };
    case 'create':
      return { action: 'create' };
    case 'read':
      return { action: 'read' };
    case 'update':
      return { action: 'update' };
    case 'delete':
      return { action: 'delete' };
    case 'forget':
      return { action: 'forget' };
    case 'delete,create':
      return { action: 'replace', replaceOrder: 'delete-first' };
    case 'create,delete':
      return { action: 'replace', replaceOrder: 'create-first' };
    // Handled by the loader: a new object is created and the old one forgotten (kept in the remote system).
    case 'create,forget':
      return { action: 'create' };
    default:
      if (actions.includes('delete')) {
        return actions.includes('create') ? { action: 'replace', replaceOrder: 'delete-first' } : { action: 'delete' };
      }
      return { action: actions.includes('create') ? 'create' : 'update' };
  }
}

function asObjectValue(v: Value): ObjectValue | null {
  if (v instanceof SensitiveValue) {
    // A whole object marked sensitive: every attribute of it is.
    const inner = asObjectValue(v.value);
    if (!inner) return null;
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(inner)) out[k] = x instanceof SensitiveValue ? x : new SensitiveValue(x);
    return out;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as ObjectValue) : null;
}

function fromChange(rc: Json, path: string, deferred = false): ResourceInstance[] {
  const o = obj(rc, path);
  const change = obj(o.change, `${path}.change`);
  const actions = arr(change.actions, `${path}.change.actions`).map((a, i) => str(a, `${path}.change.actions[${i}]`));
  if (actions.length === 0) throw new ShapeError(`${path}.change.actions`, 'a non-empty array', 'an empty array');
  const { action, replaceOrder } = actionOf(actions);
  const before = asObjectValue(withMarkers(change.before, undefined, change.before_sensitive));
  let after = asObjectValue(withMarkers(change.after, change.after_unknown, change.after_sensitive));
  if (action === 'delete' || action === 'forget') after = null;
  // A deferred change (Terraform 1.9+) is planned again in a later round: none of its values is final.
  if (deferred && after) after = Object.fromEntries(Object.keys(after).map((k) => [k, UNKNOWN]));
  const instance = makeInstance(
    {
      address: str(o.address, `${path}.address`),
      mode: optStr(o.mode, `${path}.mode`),
      type: optStr(o.type, `${path}.type`),
      name: optStr(o.name, `${path}.name`),
      index: optKey(o.index, `${path}.index`),
      deposed: optStr(o.deposed, `${path}.deposed`),
      action,
      before: action === 'create' ? null : before,
      after,
    },
    path,
  );
  if (replaceOrder) instance.replaceOrder = replaceOrder;
  const reason = optStr(o.action_reason, `${path}.action_reason`);
  if (reason) instance.actionReason = reason;
  const previous = optStr(o.previous_address, `${path}.previous_address`);
  if (previous) instance.previousAddress = previous;
  if (actions.join(',') === 'create,forget' && before) {
    // The old object leaves Terraform but stays in Okta: keep it in view as a forgotten object.
    const forgotten: ResourceInstance = { ...instance, id: `${instance.address} (forgotten)`, action: 'forget', before, after: null };
    return [instance, forgotten];
  }
  return [instance];
}

/** HCL value equality, loaded by the first plan that needs it (resources missing from resource_changes), not by every plan run. */
let equals: typeof import('./hcl/values').equals | undefined;
function valueEquality(): typeof import('./hcl/values').equals {
  return (equals ??= (require('./hcl/values') as typeof import('./hcl/values')).equals);
}

function fromValues(r: ValuesResource, path: string): ResourceInstance {
  return makeInstance(
    { address: r.address, mode: r.mode, type: r.type, name: r.name, index: r.index, action: 'no-op', before: r.values, after: r.values, ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}) },
    path,
  );
}

function rootVariables(root: JsonObject, config: ModuleConfig | undefined, secrets: Set<string>): Map<string, Value> {
  const variables = new Map<string, Value>();
  for (const [name, v] of Object.entries(optObj(root.variables, 'variables') ?? {})) {
    const value = (obj(v, `variables.${name}`).value ?? null) as Value;
    if (config?.variables.get(name)?.sensitive) {
      const wrapped = new SensitiveValue(value);
      collectSensitiveStrings(wrapped, secrets);
      variables.set(name, wrapped);
    } else variables.set(name, value);
  }
  return variables;
}

/** Loads a plan. `redacted` plans (HCP Terraform) carry `plan_format_version` and no configuration. */
export function loadPlan(json: Json, file: string, redacted = false): Inventory {
  const root = obj(json, '$');
  const formatVersion = redacted
    ? checkFormatVersion(root.plan_format_version, 'plan_format_version', 'redacted plan', file)
    : checkFormatVersion(root.format_version, 'format_version', 'plan', file);
  const secrets = new Set<string>();
  const configuration = isObject(root.configuration)
    ? parseModuleConfig(obj(root.configuration, 'configuration').root_module, 'configuration.root_module')
    : undefined;
  if (root.configuration !== undefined && root.configuration !== null) obj(root.configuration, 'configuration');

  const resources: ResourceInstance[] = [];
  const seen = new Set<string>();
  const add = (instance: ResourceInstance): void => {
    resources.push(instance);
    seen.add(instance.id);
  };
  optArr(root.resource_changes, 'resource_changes').forEach((rc, i) => fromChange(rc, `resource_changes[${i}]`).forEach(add));
  optArr(root.deferred_changes, 'deferred_changes').forEach((dc, i) => {
    const at = `deferred_changes[${i}]`;
    const d = obj(dc, at);
    optStr(d.reason, `${at}.reason`);
    fromChange(d.resource_change, `${at}.resource_change`, true).forEach(add);
  });

  // Resources missing from resource_changes (data sources read during planning, resources outside a
  // targeted plan, hand-trimmed plans): planned_values says what will be, prior_state what was.
  const prior = new Map<string, ValuesResource>();
  if (root.prior_state !== undefined && root.prior_state !== null) {
    const state = obj(root.prior_state, 'prior_state');
    for (const r of walkValues(optObj(state.values, 'prior_state.values'), 'prior_state.values')) if (!r.deposed) prior.set(r.address, r);
  }
  const byAddress = new Map(resources.map((r) => [r.id, r]));
  for (const [address, r] of prior) {
    const changed = byAddress.get(address);
    // A data source read again at apply has no `before`; its last values still name the app.
    if (changed && changed.mode === 'data' && changed.before === null) changed.before = r.values;
    // What state recorded it depends on decides how Terraform orders its destroy (OPG002).
    if (changed && r.dependsOn) changed.dependsOn = r.dependsOn;
  }
  walkValues(optObj(root.planned_values, 'planned_values'), 'planned_values').forEach((r, i) => {
    if (seen.has(r.address)) return;
    const was = prior.get(r.address);
    const instance = fromValues(r, `planned_values.resources[${i}]`);
    instance.before = was ? was.values : null;
    // Deep equality of the values themselves: key order does not matter, and a changed sensitive value is a change.
    instance.action = !was ? 'create' : valueEquality()(was.values, r.values) === true ? 'no-op' : 'update';
    add(instance);
  });
  let i = 0;
  for (const r of prior.values()) {
    if (!seen.has(r.address)) add(fromValues(r, `prior_state.values.resources[${i}]`));
    i++;
  }

  for (const r of resources) {
    collectSensitiveStrings(r.before, secrets);
    collectSensitiveStrings(r.after, secrets);
    collectCredentials(r.type, r.before, secrets);
    collectCredentials(r.type, r.after, secrets);
  }
  const inventory: Inventory = {
    kind: redacted ? 'redacted-plan' : 'plan',
    formatVersion,
    resources,
    variables: rootVariables(root, configuration, secrets),
    secrets,
  };
  if (configuration) inventory.configuration = configuration;
  const tfVersion = optStr(root.terraform_version, 'terraform_version');
  if (tfVersion) inventory.terraformVersion = tfVersion;
  return inventory;
}
