// Inputs that describe one org, judged together: Okta configurations are often split across
// workspaces (apps and connections in one, groups and push mappings in another). An Okta app id is
// unique in an org, so an app is matched across inputs by its concrete id only, never by address.
import type { InputKind } from '../model/inventory';
import { lookupString } from '../model/value';
import { valuesIn } from './phases';
import type { Evidence, OktaApp, OktaView, Provisioning } from './view';

export interface ViewOfInput {
  path: string;
  view: OktaView;
}

/** How recent an input's picture of the org is: a plan's after state, then code and the live org, then state. */
// The live org is what Okta holds now: newer than any state, older than what a plan will make of it.
const NEWNESS: Record<InputKind, number> = { plan: 3, 'redacted-plan': 3, config: 2, org: 2, state: 1, tfstate: 1 };

/** An app's Okta id, where the input knows it (and it is not sensitive). */
export function appId(app: OktaApp): string | undefined {
  if (app.kind === 'external') return app.key.slice('id:'.length);
  for (const phase of ['after', 'before'] as const) {
    const id = lookupString(app.resource ? (valuesIn(app.resource, phase) ?? undefined) : undefined, 'id');
    if (id.state === 'known' && !id.sensitive && id.value !== '') return id.value as string;
  }
  return undefined;
}

/** A mapping's identity in Okta: its app id and mapping id, where both are known. */
function mappingId(values: ReturnType<typeof valuesIn>): string | undefined {
  const app = lookupString(values ?? undefined, 'app_id');
  const id = lookupString(values ?? undefined, 'id');
  return app.state === 'known' && id.state === 'known' && id.value !== '' ? `${String(app.value)}/${String(id.value)}` : undefined;
}

function combine(entries: Provisioning[]): Provisioning {
  for (const state of ['disabled', 'unknown', 'enabled'] as const) {
    const matching = entries.filter((p) => p.state === state);
    if (matching.length > 0) return { state, evidence: matching.flatMap((p) => p.evidence) };
  }
  return { state: 'unmanaged', evidence: [] };
}

/**
 * Completes each input's view with what the others say about the same apps (by concrete id): the
 * newest picture of an app's provisioning after the change wins, and its evidence names the input it
 * comes from. A push mapping seen in several inputs (a workspace's state and its own plan) is judged
 * only in the newest of them.
 */
export function judgeTogether(inputs: readonly ViewOfInput[]): void {
  if (inputs.length < 2) return;

  const newestOf = new Map<string, number>();
  const identities = inputs.map(({ view }) =>
    view.mappings.map((m) => {
      const id = mappingId(valuesIn(m.resource, 'before') ?? valuesIn(m.resource, 'after'));
      if (id !== undefined) newestOf.set(id, Math.max(newestOf.get(id) ?? 0, NEWNESS[view.inputKind]));
      return id;
    }),
  );
  inputs.forEach(({ view }, i) => {
    const keep = view.mappings.filter((_, j) => {
      const id = identities[i]![j];
      return id === undefined || newestOf.get(id)! <= NEWNESS[view.inputKind];
    });
    view.mappings.length = 0;
    for (const m of keep) view.mappings.push(m);
  });

  const byId = new Map<string, { input: ViewOfInput; app: OktaApp; provisioning: Provisioning }[]>();
  for (const input of inputs) {
    for (const app of input.view.apps) {
      const id = appId(app);
      if (id === undefined) continue;
      byId.set(id, [...(byId.get(id) ?? []), { input, app, provisioning: app.provisioning.after }]);
    }
  }
  for (const seen of byId.values()) {
    if (new Set(seen.map((s) => s.input)).size < 2) continue;
    const evidenced = seen.filter((s) => s.provisioning.state !== 'unmanaged');
    if (evidenced.length === 0) continue;
    const newest = Math.max(...evidenced.map((s) => NEWNESS[s.input.view.inputKind]));
    const winners = evidenced.filter((s) => NEWNESS[s.input.view.inputKind] === newest);
    for (const { input, app, provisioning } of seen) {
      // An input that itself says something as new as the others keeps its own picture: at the same
      // newness it is the same connection or feature seen twice (a state file and its JSON form).
      if (provisioning.state !== 'unmanaged' && NEWNESS[input.view.inputKind] === newest) continue;
      const marked: Provisioning[] = winners.map((w) => ({
        state: w.provisioning.state,
        evidence: w.provisioning.evidence.map((e): Evidence => (e.input ? e : { ...e, input: w.input.path })),
      }));
      const combined = combine(marked);
      const once = new Set<string>();
      combined.evidence = combined.evidence.filter((e) => {
        const key = `${e.resource.id}\u0000${e.text}`;
        return once.has(key) ? false : (once.add(key), true);
      });
      app.provisioning.after = combined;
    }
  }
}
