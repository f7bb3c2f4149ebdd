// How the okta provider's two SDKs plan a change, reduced to what its resources use.
//
// Framework resources (okta_push_group, okta_app_connection, okta_app_features) follow
// terraform-plugin-framework's PlanResourceChange (internal/fwserver/server_planresourcechange.go):
// start from Terraform's proposed new state, set `Default`s where the configuration is null, and if the
// result differs from the prior state, mark every Computed attribute whose configuration is null (and has
// no Default) unknown; then the attribute plan modifiers run (UseStateForUnknown puts the prior value back
// for an unknown; RequiresReplace asks for replacement when the planned value differs from the prior one).
//
// SDKv2 resources (apps, groups) plan through the SDK's diff: configured values and Defaults, prior
// values kept for Computed attributes, unknown Computed values on create, ForceNew attributes that change
// ask for replacement; the SDK sets legacy_type_system.
import {
  type Block,
  clone,
  deepEqual,
  isObject,
  isUnknown,
  type ObjectValue,
  UNKNOWN,
} from './values';

export type Flavour = 'framework' | 'sdkv2';

export interface PlanResult {
  planned: ObjectValue | null;
  requiresReplace: string[][];
  legacyTypeSystem: boolean;
}

export function plan(flavour: Flavour, schema: Block, prior: ObjectValue | null, proposed: ObjectValue | null, config: ObjectValue | null): PlanResult {
  const legacyTypeSystem = flavour === 'sdkv2';
  if (proposed === null) return { planned: null, requiresReplace: [], legacyTypeSystem };
  const planned = clone(proposed);
  applyDefaults(planned, config, schema);
  const requiresReplace: string[][] = [];
  if (flavour === 'framework') {
    if (prior === null || !deepEqual(planned, prior)) markComputedNullsUnknown(planned, config, schema);
    for (const [name, attr] of Object.entries(schema.attributes)) {
      if (attr.useStateForUnknown && prior !== null && (prior[name] ?? null) !== null && isUnknown(planned[name]) && !isUnknown(config?.[name])) {
        planned[name] = clone(prior[name] ?? null);
      }
      if (attr.requiresReplace && prior !== null && !deepEqual(planned[name] ?? null, prior[name] ?? null)) requiresReplace.push([name]);
    }
  } else if (prior === null) {
    markComputedNullsUnknown(planned, config, schema);
  } else {
    for (const [name, attr] of Object.entries(schema.attributes)) {
      if (attr.requiresReplace && !deepEqual(planned[name] ?? null, prior[name] ?? null)) requiresReplace.push([name]);
    }
  }
  return { planned, requiresReplace, legacyTypeSystem };
}

function applyDefaults(planned: ObjectValue, config: ObjectValue | null, block: Block): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.default !== undefined && (config?.[name] ?? null) === null) planned[name] = clone(attr.default);
  }
}

function markComputedNullsUnknown(planned: ObjectValue, config: ObjectValue | null, block: Block): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (attr.computed && attr.default === undefined && (config?.[name] ?? null) === null) planned[name] = UNKNOWN;
  }
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const value = planned[name];
    const conf = config?.[name] ?? null;
    if (nested.nesting === 'SINGLE' && isObject(value)) markComputedNullsUnknown(value, isObject(conf) ? conf : null, nested.block);
  }
}
