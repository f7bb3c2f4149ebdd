// Pass 2, links: which app a mapping, connection or feature belongs to in each phase. A known id is
// the truth; configuration references decide only where the id is not known yet.
import type { Inventory, ResourceInstance } from '../../model/inventory';
import { ReferenceResolver, type Resolution } from '../../model/linker';
import { APP_ID_ATTRIBUTE, isAppResource } from '../../model/okta-resource-types';
import { lookupString } from '../../model/value';
import { valuesIn } from '../phases';
import type { AppLink, OktaApp, Phase } from '../view';
import { idUnknownUntilApply, type Apps } from './apps';

export interface Links {
  link(r: ResourceInstance, phase: Phase): AppLink;
  resolver: ReferenceResolver;
}

const isApp = (t: ResourceInstance): boolean => !t.deposed && isAppResource(t.mode, t.type);

export function linksPass(inventory: Inventory, apps: Apps): Links {
  const resolver = new ReferenceResolver(inventory, (type) => {
    const attribute = APP_ID_ATTRIBUTE.get(type);
    return attribute ? [attribute] : undefined;
  });

  const fromResolution = (resolution: Resolution): AppLink | string | undefined => {
    switch (resolution.kind) {
      case 'found': {
        const app = apps.byAddress.get(resolution.instance.address);
        return app ? { state: 'linked', app, via: 'reference' } : undefined;
      }
      case 'ambiguous': {
        const shown = resolution.instances.slice(0, 3).map((i) => i.address).join(', ');
        const more = resolution.instances.length > 3 ? `, and ${resolution.instances.length - 3} more` : '';
        const candidates = [...new Set(resolution.instances.map((i) => apps.byAddress.get(i.address)).filter((a): a is OktaApp => a !== undefined))];
        return { state: 'unknown', reason: `it refers to several apps (${shown}${more})`, candidates };
      }
      case 'opaque':
        return resolution.reason;
      case 'none':
        return undefined;
    }
  };

  // A data source read again at apply has no known id; a resource that recorded id L before and
  // refers to that data source now is evidence that L is the data source's app.
  for (const r of inventory.resources) {
    const attribute = APP_ID_ATTRIBUTE.get(r.type);
    if (!attribute || r.mode !== 'managed' || r.deposed) continue;
    const before = lookupString(r.before ?? undefined, attribute);
    if (before.state !== 'known' || apps.byId.has(before.value as string)) continue;
    const resolution = resolver.resolve(r, [attribute], isApp);
    const app = resolution.kind === 'found' ? apps.byAddress.get(resolution.instance.address) : undefined;
    if (app && idUnknownUntilApply(app)) apps.byId.set(before.value as string, app);
  }

  const link = (r: ResourceInstance, phase: Phase): AppLink => {
    const attribute = APP_ID_ATTRIBUTE.get(r.type)!;
    const value = lookupString(valuesIn(r, phase) ?? undefined, attribute);
    if (value.state === 'known' && value.value !== '') {
      const id = value.value as string;
      const managed = apps.byId.get(id);
      return managed ? { state: 'linked', app: managed, via: 'id' } : { state: 'linked', app: apps.external(id, value.sensitive), via: 'literal' };
    }
    const reference = fromResolution(resolver.resolve(r, [attribute], isApp));
    if (typeof reference === 'object') return reference;
    const why =
      typeof reference === 'string'
        ? reference
        : value.state === 'unknown'
          ? `its ${attribute} is known only after apply and no reference to an app could be followed`
          : `it has no ${attribute}`;
    return { state: 'unknown', reason: why };
  };
  return { link, resolver };
}
