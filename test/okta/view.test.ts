// The Okta view on its own: inventories in, view facts out (each app's provisioning before and after,
// each mapping's app), one row per fact the rules rely on.
import { makeInstance } from '../../src/loaders/instance';
import type { Action, Inventory, InputKind } from '../../src/model/inventory';
import { UNKNOWN, type ObjectValue, type Value } from '../../src/model/value';
import { buildView } from '../../src/okta/build-view';

interface R {
  address: string;
  action?: Action;
  before?: ObjectValue | null;
  after?: ObjectValue | null;
  /** Both phases (state, code, a no-op). */
  values?: ObjectValue;
}

function inventory(kind: InputKind, resources: R[]): Inventory {
  return {
    kind,
    resources: resources.map((r) => {
      const before = r.values ?? r.before ?? null;
      const after = r.values ?? (r.after === undefined ? null : r.after);
      return makeInstance({ address: r.address, action: r.action ?? (kind === 'plan' ? 'no-op' : 'none'), before, after }, r.address);
    }),
    variables: new Map(),
    secrets: new Set(),
  };
}

const APP = { address: 'okta_app_saml.crm', values: { id: '0oaCRM', label: 'CRM', status: 'ACTIVE' } };
const MAPPING = { address: 'okta_push_group.eng', values: { id: 'gPm1', app_id: '0oaCRM', source_group_id: '00g1', status: 'ACTIVE' } };
const connection = (action: string, status = action === 'activate' ? 'ENABLED' : 'DISABLED') => ({ id: '0oaCRM', action, status, base_url: 'https://crm.example.com/scim' });
const feature = (name: string, status: Value) => ({ id: `0oaCRM/${name}`, app_id: '0oaCRM', name, status });

/** app label → provisioning state before/after; mapping → the app it is on after the change. */
function facts(kind: InputKind, resources: R[]): { provisioning: Record<string, string>; mappings: Record<string, string> } {
  const view = buildView(inventory(kind, resources));
  const provisioning: Record<string, string> = {};
  for (const app of view.apps) provisioning[app.label] = `${app.provisioning.before.state} -> ${app.provisioning.after.state}`;
  const mappings: Record<string, string> = {};
  for (const m of view.mappings) {
    const link = m.link.after ?? m.link.before;
    mappings[m.resource.id] = link?.state === 'linked' ? `${link.app.label} (${link.via})` : `unknown: ${link?.reason ?? 'no link'}`;
  }
  return { provisioning, mappings };
}

describe('the Okta view', () => {
  it.each<[string, InputKind, R[], Record<string, string>]>([
    ['a plan that deactivates the connection', 'plan', [APP, MAPPING, { address: 'okta_app_connection.crm', action: 'update', before: connection('activate'), after: { ...connection('deactivate'), status: UNKNOWN } }], { 'okta_app_saml.crm': 'enabled -> disabled' }],
    ['a destroyed connection: Okta keeps what it set', 'plan', [APP, MAPPING, { address: 'okta_app_connection.crm', action: 'delete', before: connection('deactivate'), after: null }], { 'okta_app_saml.crm': 'disabled -> disabled' }],
    ['a planned feature status is not sent: an update keeps the old one', 'plan', [APP, MAPPING, { address: 'okta_app_features.crm', action: 'update', before: feature('USER_PROVISIONING', 'ENABLED'), after: feature('USER_PROVISIONING', 'DISABLED') }], { 'okta_app_saml.crm': 'enabled -> enabled' }],
    ['a created feature has whatever Okta holds', 'plan', [APP, MAPPING, { address: 'okta_app_features.crm', action: 'create', before: null, after: feature('USER_PROVISIONING', 'DISABLED') }], { 'okta_app_saml.crm': 'unmanaged -> unknown' }],
    ['a feature DISABLED in state is evidence', 'state', [APP, MAPPING, { address: 'okta_app_features.crm', values: feature('USER_PROVISIONING', 'DISABLED') }], { 'okta_app_saml.crm': 'disabled -> disabled' }],
    ['INBOUND_PROVISIONING does not carry Group Push', 'state', [APP, MAPPING, { address: 'okta_app_features.crm', values: feature('INBOUND_PROVISIONING', 'DISABLED') }], { 'okta_app_saml.crm': 'unmanaged -> unmanaged' }],
    ['a data source okta_app_connection reading DISABLED', 'state', [APP, MAPPING, { address: 'data.okta_app_connection.crm', values: { id: '0oaCRM', status: 'DISABLED' } }], { 'okta_app_saml.crm': 'disabled -> disabled' }],
    ['a data source okta_app_connection reading UNKNOWN is no evidence', 'state', [APP, MAPPING, { address: 'data.okta_app_connection.crm', values: { id: '0oaCRM', status: 'UNKNOWN' } }], { 'okta_app_saml.crm': 'unmanaged -> unmanaged' }],
    ['a managed connection changed in the plan wins over the data source read before it', 'plan', [APP, MAPPING, { address: 'data.okta_app_connection.crm', values: { id: '0oaCRM', status: 'DISABLED' } }, { address: 'okta_app_connection.crm', action: 'update', before: connection('deactivate'), after: { ...connection('activate'), status: UNKNOWN } }], { 'okta_app_saml.crm': 'disabled -> enabled' }],
    [
      'a deactivating connection tied to no app makes every app undecidable',
      'redacted-plan',
      [APP, MAPPING, { address: 'okta_app_connection.other', action: 'create', before: null, after: { id: UNKNOWN, action: 'deactivate', status: UNKNOWN } }],
      { 'okta_app_saml.crm': 'unmanaged -> unknown' },
    ],
    [
      'a connection pointed at another app leaves the old one as it set it',
      'plan',
      [APP, MAPPING, { address: 'okta_app_saml.new', values: { id: '0oaNEW', status: 'ACTIVE' } }, { address: 'okta_app_connection.c', action: 'update', before: connection('deactivate'), after: { ...connection('activate'), id: '0oaNEW', status: UNKNOWN } }],
      { 'okta_app_saml.crm': 'disabled -> disabled', 'okta_app_saml.new': 'unmanaged -> enabled' },
    ],
  ])('%s', (_name, kind, resources, provisioning) => {
    expect(facts(kind, resources).provisioning).toEqual(provisioning);
  });

  it.each<[string, R[], Record<string, string>]>([
    ['a mapping on a managed app, by its id', [APP, MAPPING], { 'okta_push_group.eng': 'okta_app_saml.crm (id)' }],
    ['a mapping on an app this input does not manage, by literal id', [MAPPING], { 'okta_push_group.eng': '0oaCRM (literal)' }],
    ['a resource and a data source of one app are one app', [APP, { address: 'data.okta_app_saml.crm', values: { id: '0oaCRM' } }, MAPPING], { 'okta_push_group.eng': 'okta_app_saml.crm (id)' }],
    ['a mapping whose app id is not known and has no configuration to follow', [APP, { address: 'okta_push_group.eng', values: { app_id: UNKNOWN, source_group_id: '00g1' } }], { 'okta_push_group.eng': 'unknown: its app_id is known only after apply and no reference to an app could be followed' }],
  ])('%s', (_name, resources, mappings) => {
    expect(facts('state', resources).mappings).toEqual(mappings);
  });

  it('counts a resource and a data source of one app once', () => {
    const view = buildView(inventory('state', [APP, { address: 'data.okta_app_saml.crm', values: { id: '0oaCRM' } }]));
    expect(view.apps.map((a) => a.label)).toEqual(['okta_app_saml.crm']);
  });
});
