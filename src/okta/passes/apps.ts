// Pass 1, apps and their identities: one OktaApp per Okta app (a resource and a data source with the
// same id are one app), found by address or by concrete id, and apps named only by a literal id.
import type { Inventory } from '../../model/inventory';
import { isAppResource } from '../../model/okta-resource-types';
import { lookup, lookupString, type Lookup } from '../../model/value';
import { combine } from '../effects';
import { existsAfter, PHASES, valuesIn } from '../phases';
import type { OktaApp } from '../view';

export interface Apps {
  all: OktaApp[];
  byAddress: Map<string, OktaApp>;
  byId: Map<string, OktaApp>;
  /** The app named by a literal id this input does not manage (made on first use). */
  external(id: string, sensitive: boolean): OktaApp;
}

function knownId(found: Lookup): string | undefined {
  return found.state === 'known' && typeof found.value === 'string' && found.value !== '' ? found.value : undefined;
}

export function appsPass(inventory: Inventory): Apps {
  const all: OktaApp[] = [];
  const byAddress = new Map<string, OktaApp>();
  const byId = new Map<string, OktaApp>();
  // Managed apps first, so an app that is also read by a data source is named by its resource.
  const resources = inventory.resources.filter((r) => !r.deposed && isAppResource(r.mode, r.type));
  resources.sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'managed' ? -1 : 1));
  for (const r of resources) {
    const ids = PHASES.map((phase) => knownId(lookup(valuesIn(r, phase) ?? undefined, 'id')));
    const first = ids.find((id) => id !== undefined);
    const same = first !== undefined ? byId.get(first) : undefined;
    if (same) {
      // The same Okta app under two addresses (a resource and a data source): one app.
      byAddress.set(r.address, same);
      continue;
    }
    const app: OktaApp = {
      key: r.address,
      label: r.address,
      kind: r.mode === 'data' ? 'data' : 'managed',
      resource: r,
      exists: { before: r.mode === 'data' || r.before !== null, after: r.mode === 'data' || existsAfter(r) },
      status: { before: lookupString(r.before ?? undefined, 'status'), after: lookupString(valuesIn(r, 'after') ?? undefined, 'status') },
      provisioning: { before: combine([]), after: combine([]) },
    };
    all.push(app);
    byAddress.set(r.address, app);
    for (const id of ids) if (id !== undefined && !byId.has(id)) byId.set(id, app);
  }
  const external = (id: string, sensitive: boolean): OktaApp => {
    const key = `id:${id}`;
    let app = byAddress.get(key);
    if (!app) {
      const absent: Lookup = { state: 'absent' };
      app = {
        key,
        label: sensitive ? 'an app whose id is sensitive' : id,
        kind: 'external',
        exists: { before: true, after: true },
        status: { before: absent, after: absent },
        provisioning: { before: combine([]), after: combine([]) },
      };
      all.push(app);
      byAddress.set(key, app);
    }
    // Sensitive wherever one input resource says so, whichever of them came first.
    if (sensitive) app.label = 'an app whose id is sensitive';
    return app;
  };
  return { all, byAddress, byId, external };
}

/** A data source whose id is known only after apply (read again at apply). */
export function idUnknownUntilApply(app: OktaApp): boolean {
  return app.kind === 'data' && app.resource !== undefined && !PHASES.some((p) => lookup(valuesIn(app.resource!, p) ?? undefined, 'id').state === 'known');
}
