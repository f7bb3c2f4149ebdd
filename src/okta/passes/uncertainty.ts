// Pass 5, what cannot be decided spreads to every app it may concern: a disabling connection or
// feature tied to no app, and a data source read at apply that may be an app named by a literal id.
import { code } from '../describe';
import type { OktaApp, Provisioner } from '../view';
import { idUnknownUntilApply } from './apps';

/**
 * A connection or feature that may disable provisioning of an app it cannot be tied to may hit any
 * app it could stand for (the candidates of an ambiguous reference, else every app, and the app it
 * configured before): their provisioning after the change cannot be known either.
 */
export function unlinkedDisablersPass(apps: readonly OktaApp[], provisioners: readonly Provisioner[]): void {
  for (const p of provisioners) {
    const l = p.link.after;
    const effect = p.effect.after;
    if (l?.state !== 'unknown' || (effect.state !== 'disabled' && effect.state !== 'unknown')) continue;
    const previous = p.link.before?.state === 'linked' ? [p.link.before.app] : [];
    const candidates = new Set([...(l.candidates ?? apps), ...previous]);
    const text = `${effect.evidence?.text ?? 'may disable provisioning'} on an app it cannot be tied to (${l.reason}), which may be this one`;
    for (const app of candidates) {
      if (app.provisioning.after.state === 'disabled') continue;
      const unknownBefore = app.provisioning.after.state === 'unknown' ? app.provisioning.after.evidence : [];
      app.provisioning.after = { state: 'unknown', evidence: [...unknownBefore, { resource: p.resource, text }] };
    }
  }
}

/**
 * A data source read again at apply has no id yet: it may be the same Okta app as one named by a
 * literal id. Where one of the two disables provisioning, the other's state cannot be known.
 * Returns which apps may be which.
 */
export function possiblySamePass(apps: readonly OktaApp[]): Map<OktaApp, OktaApp[]> {
  const unresolved = apps.filter(idUnknownUntilApply);
  const possiblySame = new Map<OktaApp, OktaApp[]>();
  if (unresolved.length === 0) return possiblySame;
  const externals = apps.filter((a) => a.kind === 'external');
  const pairs: [OktaApp, OktaApp[]][] = [...externals.map((e): [OktaApp, OktaApp[]] => [e, unresolved]), ...unresolved.map((d): [OktaApp, OktaApp[]] => [d, externals])];
  for (const [app, others] of pairs) if (others.length > 0) possiblySame.set(app, others);
  const before = new Map(apps.map((a) => [a, a.provisioning.after]));
  for (const [app, others] of pairs) {
    if (before.get(app)!.state === 'disabled') continue;
    const risky = others.filter((o) => ['disabled', 'unknown'].includes(before.get(o)!.state));
    if (risky.length === 0) continue;
    app.provisioning.after = {
      state: 'unknown',
      evidence: risky.flatMap((o) =>
        before.get(o)!.evidence.map((e) => ({ resource: e.resource, text: `${e.text}, and ${code(app.label)} may be the app ${code(o.label)} stands for, whose id is known only after apply` })),
      ),
    };
  }
  return possiblySame;
}
