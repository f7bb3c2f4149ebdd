// `lint PLAN --org-url URL`: the plan judged against what the org holds. For every app whose
// provisioning the plan disables or leaves disabled, the org's Group Push mappings are read; those the
// plan does not know (made in the Admin Console, by a push-group rule, by another workspace) become a
// second input, the org, judged together with the plan: they remain after the apply, so OPG001 names
// them by their live ids, and the plan's own findings (OPG002 where it also removes mappings) stand.
import type { JudgedInput } from '../core/judge';
import { lookupString } from '../model/value';
import { buildView } from '../okta/build-view';
import { appId } from '../okta/across-inputs';
import { describeAnswer, type OktaHttp } from './http';
import { appResource, mappingResource, unreadableMappings } from './org-inventory';
import type { ResourceInstance } from '../model/inventory';
import { PUSH_GROUP } from '../model/okta-resource-types';
import { groupNames, readMappings } from './read-org';

/** `<app id>/<mapping id>` of every mapping an input knows, before or after its change. */
function knownMappings(inputs: readonly JudgedInput[]): Set<string> {
  const known = new Set<string>();
  for (const { inventory } of inputs) {
    for (const r of inventory.resources) {
      if (r.type !== PUSH_GROUP) continue;
      for (const values of [r.before, r.after]) {
        const app = lookupString(values ?? undefined, 'app_id');
        const id = lookupString(values ?? undefined, 'id');
        if (app.state === 'known' && id.state === 'known') known.add(`${String(app.value)}/${String(id.value)}`);
      }
    }
  }
  return known;
}

/** The Okta ids of the apps whose provisioning is disabled after the plans' changes (or stays so). */
export function appsLeftDisabled(inputs: readonly JudgedInput[]): string[] {
  const ids = new Set<string>();
  for (const { inventory } of inputs) {
    if (inventory.kind !== 'plan' && inventory.kind !== 'redacted-plan') continue;
    for (const app of buildView(inventory).apps) {
      if (!app.exists.after || app.provisioning.after.state !== 'disabled') continue;
      const id = appId(app);
      if (id !== undefined) ids.add(id);
    }
  }
  return [...ids].sort();
}

/** The org input for a lint run: the org-only mappings of the apps the plans leave disabled. */
export async function liveInputs(http: OktaHttp, inputs: readonly JudgedInput[]): Promise<JudgedInput[]> {
  const ids = appsLeftDisabled(inputs);
  const known = knownMappings(inputs);
  const groupName = groupNames(http);
  const perApp = await Promise.all(
    ids.map(async (id): Promise<ResourceInstance[]> => {
      const answer = await http.get(`/api/v1/apps/${encodeURIComponent(id)}`);
      const body = (answer.body ?? {}) as Record<string, unknown>;
      const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback);
      const app = appResource({ id, label: str(body.label, id), name: str(body.name, ''), status: str(body.status, 'ACTIVE') });
      if (answer.status !== 200) {
        return [app, unreadableMappings(id, `GET /api/v1/apps/${id}: ${describeAnswer(answer)}`)];
      }
      const read = await readMappings(http, id, groupName);
      if (read.state === 'unreadable') return [app, unreadableMappings(id, read.reason)];
      if (read.state !== 'read') return [app];
      return [app, ...read.mappings.filter((m) => !known.has(`${id}/${m.id}`)).map((m) => mappingResource(id, m))];
    }),
  );
  if (ids.length === 0) return [];
  const resources = perApp.flat();
  return [{ path: http.org.origin, inventory: { kind: 'org', resources, variables: new Map(), secrets: new Set() } }];
}
