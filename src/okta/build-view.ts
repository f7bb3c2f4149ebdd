// Builds the Okta view from an inventory: links mappings, connections and features to apps and
// derives each app's provisioning status before and after the change. Linear in the inventory.
import type { ConfigExpression, Inventory, ResourceInstance } from '../model/inventory';
import { ReferenceResolver, type Resolution } from '../model/linker';
import { display, lookup, lookupString, SensitiveValue, setEntry, UNKNOWN, type Lookup, type ObjectValue, type Value } from '../model/value';
import {
  APP_CONNECTION,
  APP_FEATURES,
  APP_ID_ATTRIBUTE,
  CREDENTIAL_ATTRIBUTES,
  DESTROY_IS_NOOP,
  isAppResource,
  PUSH_GROUP,
} from '../model/okta-resource-types';
import { code } from './describe';
import { sameFeature } from './transitions';
import type { AppLink, Effect, OktaApp, OktaView, Phase, Provisioner, Provisioning, PushMapping } from './view';

const PHASES: readonly Phase[] = ['before', 'after'];

/**
 * A credential written in the code: its expression refers to nothing (no variable, data source or
 * resource). Terraform records the value of such an expression only where it folds it without calling
 * functions (a literal, a heredoc); a function of literals (sensitive("…"), base64decode("…"),
 * trimspace(<<EOT…)) it records with neither value nor references. Code is described the same way,
 * so plans and code agree; the value itself is never needed, so it is never shown.
 */
function literalness(expression: ConfigExpression | undefined, fromCode: boolean): 'literal' | 'maybe' | 'no' {
  if (expression === undefined || expression.references.length > 0) return 'no';
  if ('constant' in expression) return typeof expression.constant === 'string' && expression.constant !== '' ? 'literal' : 'no';
  // No references and no folded value: a literal through functions (sensitive("…"), base64decode("…")),
  // or a file read. Code says which; a plan records both alike.
  if (!fromCode) return 'maybe';
  return expression.readsFile ? 'no' : 'literal';
}
const ACTIVE: Lookup = { state: 'known', value: 'ACTIVE', sensitive: false };

/** True when the object exists in Okta after the change, managed by Terraform or not. */
function existsAfter(r: ResourceInstance): boolean {
  return r.after !== null || r.action === 'forget' || (r.action === 'delete' && DESTROY_IS_NOOP.has(r.type) && r.before !== null);
}

/** The values Okta holds for the object in a phase (destroying a connection leaves it as it was). */
export function valuesIn(r: ResourceInstance, phase: Phase): ObjectValue | null {
  if (phase === 'before') return r.before;
  if (r.after !== null) return r.after;
  return existsAfter(r) ? r.before : null;
}

function removedFromTerraform(r: ResourceInstance, phase: Phase): boolean {
  return phase === 'after' && r.after === null && existsAfter(r);
}

function verbFor(r: ResourceInstance, phase: Phase): string {
  return removedFromTerraform(r, phase) ? 'is removed from Terraform, but Okta keeps its' : 'sets';
}

/** Said of a connection or feature that now points at another app: its old app keeps what it set. */
const MOVED_VERB = 'now points at another app, but Okta keeps, for this one, its';

/** Said of a feature resource now naming another feature: the old one stays as it was. */
const RENAMED_VERB = 'now names another feature, but Okta keeps the old one with its';

function connectionEffect(r: ResourceInstance, values: ObjectValue | null, verb: string): Effect {
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
function dataConnectionEffect(r: ResourceInstance, values: ObjectValue | null): Effect {
  if (!values) return { state: 'none' };
  const status = lookupString(values, 'status');
  if (status.state === 'unknown') return { state: 'unknown', evidence: { resource: r, text: 'reads a status known only after apply' } };
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

function featureEffect(r: ResourceInstance, values: ObjectValue | null, verb: string): Effect {
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
function current(effects: Effect[], kinds: ('connection' | 'feature')[]): Effect[] {
  const out: Effect[] = [];
  for (const kind of ['connection', 'feature'] as const) {
    const mine = effects.filter((_, i) => kinds[i] === kind);
    const live = mine.filter((e) => !e.stale && e.state !== 'none');
    out.push(...(live.length > 0 ? live : mine));
  }
  return out;
}

function combine(effects: Effect[]): Provisioning {
  const pick = (state: Effect['state']): Provisioning['evidence'] =>
    effects.filter((e) => e.state === state && e.evidence).map((e) => e.evidence!);
  if (effects.some((e) => e.state === 'disabled')) return { state: 'disabled', evidence: pick('disabled') };
  if (effects.some((e) => e.state === 'unknown')) return { state: 'unknown', evidence: pick('unknown') };
  if (effects.some((e) => e.state === 'enabled')) return { state: 'enabled', evidence: pick('enabled') };
  return { state: 'unmanaged', evidence: [] };
}

export function buildView(inventory: Inventory): OktaView {
  const isPlan = inventory.kind === 'plan' || inventory.kind === 'redacted-plan';
  const resolver = new ReferenceResolver(inventory, (type) => {
    const attribute = APP_ID_ATTRIBUTE[type];
    return attribute ? [attribute] : undefined;
  });

  const apps: OktaApp[] = [];
  const appsByAddress = new Map<string, OktaApp>();
  const appsById = new Map<string, OktaApp>();
  // Managed apps first, so an app that is also read by a data source is named by its resource.
  const appResources = inventory.resources.filter((r) => !r.deposed && isAppResource(r.mode, r.type));
  appResources.sort((a, b) => (a.mode === b.mode ? 0 : a.mode === 'managed' ? -1 : 1));
  for (const r of appResources) {
    const known = PHASES.map((phase) => lookup(valuesIn(r, phase) ?? undefined, 'id')).find(
      (id) => id.state === 'known' && typeof id.value === 'string' && id.value !== '',
    );
    const same = known?.state === 'known' ? appsById.get(known.value as string) : undefined;
    if (same) {
      // The same Okta app under two addresses (a resource and a data source): one app.
      appsByAddress.set(r.address, same);
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
    apps.push(app);
    appsByAddress.set(r.address, app);
    for (const phase of PHASES) {
      const id = lookup(valuesIn(r, phase) ?? undefined, 'id');
      if (id.state === 'known' && typeof id.value === 'string' && id.value !== '' && !appsById.has(id.value)) appsById.set(id.value, app);
    }
  }

  const externalApp = (id: string, sensitive: boolean): OktaApp => {
    const key = `id:${id}`;
    let app = appsByAddress.get(key);
    if (!app) {
      const unknownStatus: Lookup = { state: 'absent' };
      app = {
        key,
        label: sensitive ? 'an app whose id is sensitive' : id,
        kind: 'external',
        exists: { before: true, after: true },
        status: { before: unknownStatus, after: unknownStatus },
        provisioning: { before: combine([]), after: combine([]) },
      };
      apps.push(app);
      appsByAddress.set(key, app);
    }
    return app;
  };

  const fromResolution = (resolution: Resolution): AppLink | string | undefined => {
    switch (resolution.kind) {
      case 'found': {
        const app = appsByAddress.get(resolution.instance.address);
        return app ? { state: 'linked', app, via: 'reference' } : undefined;
      }
      case 'ambiguous': {
        const reason = `it refers to several apps (${resolution.instances
          .slice(0, 3)
          .map((i) => i.address)
          .join(', ')}${resolution.instances.length > 3 ? `, and ${resolution.instances.length - 3} more` : ''})`;
        const candidates = [...new Set(resolution.instances.map((i) => appsByAddress.get(i.address)).filter((a): a is OktaApp => a !== undefined))];
        return { state: 'unknown', reason, candidates };
      }
      case 'opaque':
        return resolution.reason;
      case 'none':
        return undefined;
    }
  };

  const link = (r: ResourceInstance, phase: Phase): AppLink => {
    const attribute = APP_ID_ATTRIBUTE[r.type]!;
    const byReference = (): AppLink | string | undefined =>
      fromResolution(resolver.resolve(r, [attribute], (t) => !t.deposed && isAppResource(t.mode, t.type)));
    const value = lookupString(valuesIn(r, phase) ?? undefined, attribute);
    const byValue = (): AppLink | undefined => {
      if (value.state !== 'known' || value.value === '') return undefined;
      const id = value.value as string;
      const managed = appsById.get(id);
      if (managed) return { state: 'linked', app: managed, via: 'id' };
      return { state: 'linked', app: externalApp(id, value.sensitive), via: 'literal' };
    };
    // A known id is the truth. Configuration references decide only where the id is not known yet
    // (an app created in the same plan), or where it was never recorded.
    const concrete = byValue();
    if (concrete) return concrete;
    const reference = byReference();
    if (typeof reference === 'object') return reference;
    const why =
      typeof reference === 'string'
        ? reference
        : value.state === 'unknown'
          ? `its ${attribute} is known only after apply and no reference to an app could be followed`
          : `it has no ${attribute}`;
    return { state: 'unknown', reason: why };
  };

  // A data source read again at apply has no known id; a resource that recorded id L before and
  // refers to that data source now is evidence that L is the data source's app.
  for (const r of inventory.resources) {
    const attribute = APP_ID_ATTRIBUTE[r.type];
    if (!attribute || r.mode !== 'managed' || r.deposed) continue;
    const before = lookupString(r.before ?? undefined, attribute);
    if (before.state !== 'known' || appsById.has(before.value as string)) continue;
    const resolution = resolver.resolve(r, [attribute], (t) => !t.deposed && isAppResource(t.mode, t.type));
    const app = resolution.kind === 'found' ? appsByAddress.get(resolution.instance.address) : undefined;
    if (app?.kind === 'data' && !PHASES.some((phase) => lookup(valuesIn(app.resource!, phase) ?? undefined, 'id').state === 'known')) {
      appsById.set(before.value as string, app);
    }
  }

  const mappings: PushMapping[] = [];
  const provisioners: Provisioner[] = [];
  for (const r of inventory.resources) {
    if (r.mode === 'data' && r.type === APP_CONNECTION) {
      // Read before the apply: in a plan, what a managed connection changes wins over it (stale).
      const provisioner: Provisioner = {
        resource: r,
        kind: 'connection',
        link: {},
        effect: {
          before: dataConnectionEffect(r, valuesIn(r, 'before')),
          after: { ...dataConnectionEffect(r, valuesIn(r, 'after')), stale: true },
        },
        literalSecrets: [],
        maybeLiteralSecrets: [],
      };
      for (const phase of PHASES) if (valuesIn(r, phase)) provisioner.link[phase] = link(r, phase);
      provisioners.push(provisioner);
      continue;
    }
    if (r.mode !== 'managed') continue;
    if (r.type === PUSH_GROUP) {
      const mapping: PushMapping = { resource: r, link: {}, status: {}, forgotten: r.action === 'forget' };
      for (const phase of PHASES) {
        const values = valuesIn(r, phase);
        if (!values) continue;
        mapping.link[phase] = link(r, phase);
        const status = lookupString(values, 'status');
        mapping.status[phase] = status.state === 'absent' ? ACTIVE : status;
      }
      mappings.push(mapping);
    } else if ((r.type === APP_CONNECTION || r.type === APP_FEATURES) && !r.deposed) {
      const credentials = (kind: 'literal' | 'maybe'): string[] =>
        (CREDENTIAL_ATTRIBUTES[r.type] ?? []).filter((path) => literalness(resolver.expressionOf(r, path), inventory.kind === 'config') === kind).map((path) => path.join('.'));
      const effectOf = r.type === APP_CONNECTION ? connectionEffect : featureEffect;
      // A plan's after state of a feature is what Okta keeps, not what the plan writes (see plannedFeatureValues).
      const planned = r.type === APP_FEATURES && isPlan && r.after !== null && r.action !== 'no-op';
      const afterValues = planned ? plannedFeatureValues(r) : valuesIn(r, 'after');
      const afterVerb = planned ? (sameFeature(r) ? 'keeps (status is not sent to Okta)' : 'has whatever Okta holds (status is not sent), so') : verbFor(r, 'after');
      const provisioner: Provisioner = {
        resource: r,
        kind: r.type === APP_CONNECTION ? 'connection' : 'feature',
        link: {},
        effect: {
          before: effectOf(r, valuesIn(r, 'before'), verbFor(r, 'before')),
          after: { ...effectOf(r, afterValues, afterVerb), ...(removedFromTerraform(r, 'after') ? { stale: true } : {}) },
        },
        literalSecrets: credentials('literal'),
        maybeLiteralSecrets: credentials('maybe'),
      };
      for (const phase of PHASES) if (valuesIn(r, phase)) provisioner.link[phase] = link(r, phase);
      provisioners.push(provisioner);
    }
  }

  for (const phase of PHASES) {
    const effects = new Map<OktaApp, { effects: Effect[]; kinds: ('connection' | 'feature')[] }>();
    const add = (app: OktaApp, effect: Effect, kind: 'connection' | 'feature'): void => {
      const entry = effects.get(app) ?? { effects: [], kinds: [] };
      entry.effects.push(effect);
      entry.kinds.push(kind);
      effects.set(app, entry);
    };
    for (const p of provisioners) {
      const l = p.link[phase];
      if (l?.state === 'linked') add(l.app, p.effect[phase], p.kind);
      // Pointing a connection or feature at another app, or a feature at another feature name (update
      // or replace), changes nothing for what it configured before: the provider's delete does nothing.
      const old = p.link.before;
      if (phase !== 'after' || old?.state !== 'linked' || !p.resource.before || !valuesIn(p.resource, 'after')) continue;
      const effectOf = p.kind === 'connection' ? connectionEffect : featureEffect;
      const renamed = p.kind === 'feature' && display(lookupString(p.resource.before, 'name')) !== display(lookupString(valuesIn(p.resource, 'after') ?? undefined, 'name'));
      if (l?.state === 'linked' && (l.app !== old.app || renamed)) {
        add(old.app, { ...effectOf(p.resource, p.resource.before, renamed && l.app === old.app ? RENAMED_VERB : MOVED_VERB), stale: true }, p.kind);
      } else if (l?.state === 'unknown') {
        // It may now point elsewhere: what it left on the old app is no longer certain either way.
        const left = effectOf(p.resource, p.resource.before, MOVED_VERB);
        if (left.state === 'disabled') add(old.app, { ...left, state: 'unknown', stale: true }, p.kind);
      }
    }
    for (const [app, entry] of effects) app.provisioning[phase] = combine(current(entry.effects, entry.kinds));
  }

  // A connection or feature that may disable provisioning of an app it cannot be tied to may hit any
  // app it could stand for (the candidates of an ambiguous reference, else every app, and the app it
  // configured before): their provisioning after the change cannot be known either.
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

  // A data source read again at apply has no id yet: it may be the same Okta app as one named by a
  // literal id. Where one of the two disables provisioning, the other's state cannot be known.
  const unresolved = apps.filter((a) => a.kind === 'data' && a.resource && !PHASES.some((p) => lookup(valuesIn(a.resource!, p) ?? undefined, 'id').state === 'known'));
  const possiblySame = new Map<OktaApp, OktaApp[]>();
  if (unresolved.length > 0) {
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
  }

  return {
    inputKind: inventory.kind,
    isPlan,
    apps,
    mappings,
    provisioners,
    unfollowedModules: inventory.unfollowedModules ?? [],
    forgottenMappings: (inventory.forgottenInCode ?? []).filter((f) => /(^|\.)okta_push_group\.[^.]+$/.test(f.address)),
    possiblySame,
  };
}
