// What one connection or feature resource does to an app's provisioning, and how several combine.
import type { ResourceInstance } from '../model/inventory';
import { display, lookup, lookupString, SensitiveValue, setEntry, UNKNOWN, type ObjectValue, type Value } from '../model/value';
import { valuesIn } from './phases';
import { sameFeature } from './transitions';
import type { Effect, Provisioning } from './view';

/** Said of a connection or feature that now points at another app: its old app keeps what it set. */
export const MOVED_VERB = 'now points at another app, but Okta keeps, for this one, its';

/** Said of a feature resource now naming another feature: the old one stays as it was. */
export const RENAMED_VERB = 'now names another feature, but Okta keeps the old one with its';

export function connectionEffect(r: ResourceInstance, values: ObjectValue | null, verb: string): Effect {
  if (!values) return { state: 'none' };
  const action = lookupString(values, 'action');
  if (action.state === 'unknown') {
    return { state: 'unknown', evidence: { resource: r, text: 'has an action known only after apply' } };
  }
  if (action.state === 'known' && action.value !== '') {
    const text = `${verb} action = ${display(action)}`;
    if (action.value === 'deactivate') return { state: 'disabled', evidence: { resource: r, text } };
    if (action.value === 'activate') return { state: 'enabled', evidence: { resource: r, text } };
    return { state: 'unknown', evidence: { resource: r, text: `${text}, which is neither "activate" nor "deactivate"` } };
  }
  // Without an action (an import, or a provider read of an unknown status) the status decides.
  const status = lookupString(values, 'status');
  const text = `${verb} status = ${display(status)}`;
  if (status.state === 'known' && status.value === 'DISABLED') return { state: 'disabled', evidence: { resource: r, text } };
  if (status.state === 'known' && status.value === 'ENABLED') return { state: 'enabled', evidence: { resource: r, text } };
  return { state: 'unknown', evidence: { resource: r, text: `sets neither action nor a known status (${text.replace(/^.*status/, 'status')})` } };
}

/**
 * The data source okta_app_connection reads the app's provisioning status (ENABLED, DISABLED or
 * UNKNOWN, the last for apps the connections API does not cover): evidence of what Okta holds.
 */
export function dataConnectionEffect(r: ResourceInstance, values: ObjectValue | null): Effect {
  if (!values) return { state: 'none' };
  const status = lookupString(values, 'status');
  if (status.state === 'unknown') return { state: 'unknown', evidence: { resource: r, text: r.readError ? `could not be read (${r.readError})` : 'reads a status known only after apply' } };
  const text = `reads status = ${display(status)}`;
  if (status.state === 'known' && status.value === 'DISABLED') return { state: 'disabled', evidence: { resource: r, text } };
  if (status.state === 'known' && status.value === 'ENABLED') return { state: 'enabled', evidence: { resource: r, text } };
  return { state: 'none' };
}

/**
 * What a plan leaves a feature's status at. The provider never sends okta_app_features.status to Okta
 * (Create and Update send the capabilities, then store the status Okta reports), so a planned status
 * changes nothing: an updated feature keeps the status it had, and a created one has whatever status
 * Okta holds, which the plan cannot know.
 */
export function plannedFeatureValues(r: ResourceInstance): ObjectValue | null {
  const after = valuesIn(r, 'after');
  if (!after || !r.after || !['create', 'update', 'replace'].includes(r.action)) return after;
  const before = sameFeature(r) ? lookup(r.before!, 'status') : undefined;
  const kept: Value = before?.state === 'known' ? (before.sensitive ? new SensitiveValue(before.value) : before.value) : UNKNOWN;
  const out: ObjectValue = {};
  for (const [k, v] of Object.entries(after)) setEntry(out, k, v);
  setEntry(out, 'status', kept);
  return out;
}

export function featureEffect(r: ResourceInstance, values: ObjectValue | null, verb: string): Effect {
  if (!values) return { state: 'none' };
  const name = lookupString(values, 'name');
  if (name.state === 'unknown') {
    return { state: 'unknown', evidence: { resource: r, text: 'names a feature known only after apply' } };
  }
  // INBOUND_PROVISIONING (imports into Okta) does not carry Group Push; only USER_PROVISIONING does.
  if (name.state !== 'known' || name.value !== 'USER_PROVISIONING') return { state: 'none' };
  const status = lookupString(values, 'status');
  const text = `${verb} USER_PROVISIONING status = ${display(status)}`;
  if (status.state === 'unknown') return { state: 'unknown', evidence: { resource: r, text } };
  if (status.state !== 'known') return { state: 'none' };
  if (status.value === 'DISABLED') return { state: 'disabled', evidence: { resource: r, text } };
  if (status.value === 'ENABLED') return { state: 'enabled', evidence: { resource: r, text } };
  return { state: 'unknown', evidence: { resource: r, text } };
}

/**
 * An app has one provisioning connection and one feature of each name in Okta: what a live resource
 * sets wins over what a removed (or re-pointed) one of the same type left behind.
 */
export function current(effects: Effect[], kinds: ('connection' | 'feature')[]): Effect[] {
  const out: Effect[] = [];
  for (const kind of ['connection', 'feature'] as const) {
    const mine = effects.filter((_, i) => kinds[i] === kind);
    const live = mine.filter((e) => !e.stale && e.state !== 'none');
    for (const e of live.length > 0 ? live : mine) out.push(e);
  }
  return out;
}

export function combine(effects: Effect[]): Provisioning {
  const pick = (state: Effect['state']): Provisioning['evidence'] =>
    effects.filter((e) => e.state === state && e.evidence).map((e) => e.evidence!);
  if (effects.some((e) => e.state === 'disabled')) return { state: 'disabled', evidence: pick('disabled') };
  if (effects.some((e) => e.state === 'unknown')) return { state: 'unknown', evidence: pick('unknown') };
  if (effects.some((e) => e.state === 'enabled')) return { state: 'enabled', evidence: pick('enabled') };
  return { state: 'unmanaged', evidence: [] };
}
