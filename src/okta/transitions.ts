// What a plan does to an app's provisioning and mappings, shared by the transition rules.
import type { ResourceInstance } from '../model/inventory';
import { display, lookupString } from '../model/value';
import type { Evidence, OktaApp, OktaView, PushMapping } from './view';

const CHANGING = new Set(['create', 'update', 'replace']);

/** The plan deletes, replaces or deactivates the mapping. */
export function isWithdrawn(mapping: PushMapping): boolean {
  const action = mapping.resource.action;
  if (action === 'delete' || action === 'replace') return true;
  if (action !== 'update') return false;
  const before = mapping.status.before;
  const after = lookupString(mapping.resource.after ?? undefined, 'status');
  return before?.state === 'known' && before.value === 'ACTIVE' && after.state === 'known' && after.value === 'INACTIVE';
}

/** Mappings the plan withdraws, by the app they were on. */
export function withdrawnByApp(view: OktaView): Map<OktaApp, ResourceInstance[]> {
  const out = new Map<OktaApp, ResourceInstance[]>();
  for (const mapping of view.mappings) {
    const link = mapping.link.before;
    if (link?.state !== 'linked' || !isWithdrawn(mapping)) continue;
    out.set(link.app, [...(out.get(link.app) ?? []), mapping.resource]);
  }
  return out;
}

/** The resources by which this plan turns an app's provisioning off (none if it was off already). */
export function disablers(app: OktaApp): Evidence[] {
  const { before, after } = app.provisioning;
  if (after.state !== 'disabled' || before.state === 'disabled') return [];
  // Another input's change is another apply: this plan cannot order it (see across-inputs.ts).
  return after.evidence.filter((e) => CHANGING.has(e.resource.action) && e.input === undefined);
}

/** The object before the change is the same Okta feature as after it: same app id and feature name. */
export function sameFeature(r: ResourceInstance): boolean {
  if (!r.before || !r.after) return false;
  return ['app_id', 'name'].every((k) => {
    const a = lookupString(r.before!, k);
    return a.state === 'known' && display(a) === display(lookupString(r.after!, k));
  });
}

/** Two instances in different instances of one module call: Terraform draws no destroy edge between them. */
function inDifferentInstancesOfOneModule(a: ResourceInstance, b: ResourceInstance): boolean {
  if (a.modules.length === 0 || a.modules.length !== b.modules.length) return false;
  const names = (r: ResourceInstance): string => r.modules.map((m) => m.name).join('.');
  return names(a) === names(b) && a.modulePath !== b.modulePath;
}

/**
 * Whether Terraform applies the mapping's destroy (PATCH INACTIVE, then DELETE) before the update of
 * the resource that disables provisioning, and skips that update if the destroy fails. It does when
 * either one's dependencies recorded in state name the other (terraform v1.11
 * internal/terraform/transform_destroy_edge.go, DestroyEdgeTransformer: a destroyer waits for nothing
 * its dependents update, and a creator or updater that depends on, or is depended on by, a destroyed
 * object waits for its destroy; internal/dag/walk.go skips a node whose dependency failed). A
 * create_before_destroy replacement destroys the old mapping last, and an update to INACTIVE is no
 * destroy: neither is ordered this way.
 */
export function destroyedFirst(mapping: ResourceInstance, disabler: ResourceInstance): boolean {
  const destroys = mapping.action === 'delete' || (mapping.action === 'replace' && mapping.replaceOrder !== 'create-first');
  if (!destroys || inDifferentInstancesOfOneModule(mapping, disabler)) return false;
  return (mapping.dependsOn ?? []).includes(disabler.configAddress) || (disabler.dependsOn ?? []).includes(mapping.configAddress);
}
