// Pass 4, provisioning before and after: what each app's connections and features set, including
// what a removal or a re-pointing leaves behind (the provider's delete does nothing in Okta).
import { display, lookupString } from '../../model/value';
import { combine, connectionEffect, current, featureEffect, MOVED_VERB, RENAMED_VERB } from '../effects';
import { PHASES, valuesIn } from '../phases';
import type { Effect, OktaApp, Provisioner, ProvisionerKind } from '../view';

/**
 * What a connection or feature still sets on the app it configured before, once it points at another
 * app or names another feature (an update or replace): the old setting stays in Okta. Pointed at an
 * app that cannot be told, a disabling setting it left is no longer certain either way.
 */
function leftBehind(p: Provisioner): { app: OktaApp; effect: Effect } | undefined {
  const old = p.link.before;
  const now = p.link.after;
  if (old?.state !== 'linked' || !p.resource.before || !valuesIn(p.resource, 'after')) return undefined;
  const effectOf = p.kind === 'connection' ? connectionEffect : featureEffect;
  const renamed = p.kind === 'feature' && display(lookupString(p.resource.before, 'name')) !== display(lookupString(valuesIn(p.resource, 'after') ?? undefined, 'name'));
  if (now?.state === 'linked' && (now.app !== old.app || renamed)) {
    return { app: old.app, effect: { ...effectOf(p.resource, p.resource.before, renamed && now.app === old.app ? RENAMED_VERB : MOVED_VERB), stale: true } };
  }
  if (now?.state === 'unknown') {
    const left = effectOf(p.resource, p.resource.before, MOVED_VERB);
    if (left.state === 'disabled') return { app: old.app, effect: { ...left, state: 'unknown', stale: true } };
  }
  return undefined;
}

export function provisioningPass(provisioners: readonly Provisioner[]): void {
  for (const phase of PHASES) {
    const effects = new Map<OktaApp, { effects: Effect[]; kinds: ProvisionerKind[] }>();
    const add = (app: OktaApp, effect: Effect, kind: ProvisionerKind): void => {
      const entry = effects.get(app) ?? { effects: [], kinds: [] };
      entry.effects.push(effect);
      entry.kinds.push(kind);
      effects.set(app, entry);
    };
    for (const p of provisioners) {
      const l = p.link[phase];
      if (l?.state === 'linked') add(l.app, p.effect[phase], p.kind);
      const left = phase === 'after' ? leftBehind(p) : undefined;
      if (left) add(left.app, left.effect, p.kind);
    }
    for (const [app, entry] of effects) app.provisioning[phase] = combine(current(entry.effects, entry.kinds));
  }
}
