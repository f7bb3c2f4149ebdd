// What an org holds, as an inventory the rules read like any other input: each app a data source
// (`okta_app/<id>`), its provisioning the reading of a data source okta_app_connection, each Group Push
// mapping an okta_push_group (`okta_app/<app id>/group_push/<mapping id>`). The addresses are the org's
// own ids, so suppressions and baselines match them by glob like Terraform addresses.
import type { Inventory, ResourceInstance } from '../model/inventory';
import { APP_CONNECTION, PUSH_GROUP } from '../model/okta-resource-types';
import { UNKNOWN, type ObjectValue } from '../model/value';
import type { OrgApp, OrgMapping } from './read-org';

export function appAddress(appId: string): string {
  return `okta_app/${appId}`;
}

export function mappingAddress(appId: string, mappingId: string): string {
  return `${appAddress(appId)}/group_push/${mappingId}`;
}

function resource(address: string, mode: 'managed' | 'data', type: string, values: ObjectValue, extra: Partial<ResourceInstance> = {}): ResourceInstance {
  return { address, id: address, modules: [], modulePath: '', configAddress: address, mode, type, name: address, action: 'none', before: values, after: values, ...extra };
}

/** How a message names a mapping: its source group, and an ERROR mapping's errorSummary. */
export function mappingTitle(m: OrgMapping): string {
  const group = m.sourceGroupName !== undefined ? `source group "${m.sourceGroupName}" ${m.sourceGroupId}` : `source group ${m.sourceGroupId}`;
  if (m.status === 'ERROR') return `${group}, status ERROR${m.errorSummary ? `: ${m.errorSummary}` : ''}`;
  return m.status === 'ACTIVE' ? group : `${group}, ${m.status}`;
}

export function mappingResource(appId: string, m: OrgMapping): ResourceInstance {
  const values: ObjectValue = { id: m.id, app_id: appId, source_group_id: m.sourceGroupId, status: m.status, ...(m.targetGroupId ? { target_group_id: m.targetGroupId } : {}) };
  return resource(mappingAddress(appId, m.id), 'managed', PUSH_GROUP, values, { title: mappingTitle(m) });
}

export function appResource(app: Pick<OrgApp, 'id' | 'label' | 'name' | 'status'>): ResourceInstance {
  return resource(appAddress(app.id), 'data', 'okta_app', { id: app.id, label: app.label, name: app.name, status: app.status }, { title: `"${app.label}"` });
}

function provisioningResources(app: OrgApp): ResourceInstance[] {
  const p = app.provisioning;
  if (p.state === 'unknown') {
    return [resource(`${appAddress(app.id)}/connections/default`, 'data', APP_CONNECTION, { id: app.id, status: UNKNOWN }, { readError: p.reason })];
  }
  const status = p.state === 'enabled' ? 'ENABLED' : 'DISABLED';
  const path = p.source === 'connection' ? 'connections/default' : 'features';
  return [resource(`${appAddress(app.id)}/${path}`, 'data', APP_CONNECTION, { id: app.id, status }, p.source === 'features' ? { title: p.evidence } : {})];
}

/** Stands for the mappings of an app whose list could not be read: OPG005 reports it. */
export function unreadableMappings(appId: string, reason: string): ResourceInstance {
  return resource(mappingAddress(appId, '*'), 'managed', PUSH_GROUP, { app_id: appId }, { readError: reason });
}

function mappingResources(app: OrgApp): ResourceInstance[] {
  const m = app.mappings;
  if (m.state === 'skipped') return [];
  if (m.state === 'unreadable') return [unreadableMappings(app.id, m.reason)];
  return m.mappings.map((mapping) => mappingResource(app.id, mapping));
}

export function orgInventory(apps: readonly OrgApp[]): Inventory {
  const resources = apps.flatMap((app) => [appResource(app), ...provisioningResources(app), ...mappingResources(app)]);
  return { kind: 'org', resources, variables: new Map(), secrets: new Set() };
}
