// The okta provider resource types the analysis knows, how each names its app, and which attributes are credentials.

export const PUSH_GROUP = 'okta_push_group';
export const APP_CONNECTION = 'okta_app_connection';
export const APP_FEATURES = 'okta_app_features';

/** Managed resources that are app integrations themselves. */
export const MANAGED_APP_TYPES: ReadonlySet<string> = new Set([
  'okta_app_auto_login',
  'okta_app_basic_auth',
  'okta_app_bookmark',
  'okta_app_oauth',
  'okta_app_saml',
  'okta_app_secure_password_store',
  'okta_app_shared_credentials',
  'okta_app_swa',
  'okta_app_three_field',
]);

/** Data sources that read an app managed elsewhere. */
export const DATA_APP_TYPES: ReadonlySet<string> = new Set(['okta_app', 'okta_app_oauth', 'okta_app_saml']);

export function isAppResource(mode: 'managed' | 'data', type: string): boolean {
  return mode === 'data' ? DATA_APP_TYPES.has(type) : MANAGED_APP_TYPES.has(type);
}

/** The attribute holding the app id, for resources that belong to an app (a Map: types come from the input, `constructor` included). */
export const APP_ID_ATTRIBUTE: ReadonlyMap<string, string> = new Map([
  [PUSH_GROUP, 'app_id'],
  [APP_CONNECTION, 'id'],
  [APP_FEATURES, 'app_id'],
]);

/** The provider's Delete for these resources only warns: Okta keeps what they configured. */
export const DESTROY_IS_NOOP: ReadonlySet<string> = new Set([APP_CONNECTION, APP_FEATURES]);

/** Provisioning credentials by resource type: secrets wherever they appear. */
export const CREDENTIAL_ATTRIBUTES: ReadonlyMap<string, readonly string[][]> = new Map([
  [
    APP_CONNECTION,
    [
      ['profile', 'token'],
      ['profile', 'settings', 'admin_password'],
    ],
  ],
]);

/** How many Okta objects of each kind an input holds: what a run says it judged. */
export interface OktaCounts {
  apps: number;
  connections: number;
  features: number;
  mappings: number;
}

export function countOktaResources(resources: readonly { mode: 'managed' | 'data'; type: string }[]): OktaCounts {
  const counts: OktaCounts = { apps: 0, connections: 0, features: 0, mappings: 0 };
  for (const r of resources) {
    if (isAppResource(r.mode, r.type)) counts.apps++;
    else if (r.type === APP_CONNECTION) counts.connections++;
    else if (r.type === APP_FEATURES && r.mode === 'managed') counts.features++;
    else if (r.type === PUSH_GROUP && r.mode === 'managed') counts.mappings++;
  }
  return counts;
}

/**
 * Every resource type whose values the analysis reads: apps (managed and data sources), what acts on an
 * app (mappings, connections, features, also as data sources) and what holds credentials. The plan reader
 * parses values only for these; of any other resource it keeps the address, mode, type, name, index,
 * dependencies and action, which is all the linker, the view and the policy read of it.
 */
export const ANALYZED_TYPES: ReadonlySet<string> = new Set([
  ...MANAGED_APP_TYPES,
  ...DATA_APP_TYPES,
  ...APP_ID_ATTRIBUTE.keys(),
  APP_CONNECTION,
  ...CREDENTIAL_ATTRIBUTES.keys(),
]);
