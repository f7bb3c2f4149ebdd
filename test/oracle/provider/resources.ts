// The okta provider's resources and data sources, as okta/terraform-provider-okta v6.12.0 defines them
// (okta/services/idaas/*.go): the same attribute names, Required/Optional/Computed, Sensitive, Defaults,
// RequiresReplace/ForceNew and UseStateForUnknown, and CRUD that calls the Management API in the order the
// provider's code does. Apps carry the subset of their (very wide) schemas that scenarios use; every
// attribute they do carry is as the provider declares it.
import { OktaApiError, type OktaClient } from './client';
import type { Flavour } from './plan';
import { type Attribute, type Block, type ObjectValue, type TfType, type Value, clone, isObject, isUnknown, str } from './values';

export interface Diag {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail?: string;
  attribute?: string[];
}

export interface Outcome {
  state: ObjectValue | null;
  diagnostics: Diag[];
}

export interface ResourceDef {
  flavour: Flavour;
  schema: Block;
  create(c: OktaClient, planned: ObjectValue, config: ObjectValue): Promise<Outcome>;
  read(c: OktaClient, state: ObjectValue): Promise<Outcome>;
  update(c: OktaClient, prior: ObjectValue, planned: ObjectValue, config: ObjectValue): Promise<Outcome>;
  delete(c: OktaClient, prior: ObjectValue): Promise<Diag[]>;
  importState(id: string): { state: ObjectValue } | { error: Diag };
}

export interface DataSourceDef {
  flavour: Flavour;
  schema: Block;
  read(c: OktaClient, config: ObjectValue): Promise<Outcome>;
}

const S: TfType = 'string';
const B: TfType = 'bool';
const N: TfType = 'number';
const setOf = (t: TfType): TfType => ['set', t];
const listOf = (t: TfType): TfType => ['list', t];

const req = (type: TfType, more: Partial<Attribute> = {}): Attribute => ({ type, required: true, ...more });
const opt = (type: TfType, more: Partial<Attribute> = {}): Attribute => ({ type, optional: true, ...more });
const comp = (type: TfType, more: Partial<Attribute> = {}): Attribute => ({ type, computed: true, ...more });
const optComp = (type: TfType, more: Partial<Attribute> = {}): Attribute => ({ type, optional: true, computed: true, ...more });
/** SDKv2 adds `id` (Optional + Computed) to every resource and data source schema. */
const sdkId = (): Attribute => optComp(S);

function error(summary: string, detail?: string): Outcome {
  return { state: null, diagnostics: [{ severity: 'ERROR', summary, ...(detail === undefined ? {} : { detail }) }] };
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isNotFound(err: unknown): boolean {
  return err instanceof OktaApiError && err.status === 404;
}

type Api = Record<string, unknown>;

function obj(v: unknown): Api {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Api) : {};
}

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A value to send: not null, and not unknown (a Computed value the plan left to Okta). */
function given(v: unknown): boolean {
  return v !== null && v !== undefined && !isUnknown(v);
}

function dropNulls(o: Api): Api {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => given(v)));
}

function apiValue(v: unknown): Value {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(apiValue);
  return null;
}

// ---- apps (SDKv2: resource_okta_app_saml.go, resource_okta_app_oauth.go, app.go) ----

/** baseAppSchema and baseAppSwaSchema (app.go), shared by the app resources. */
function baseAppAttributes(): Record<string, Attribute> {
  return {
    id: sdkId(),
    name: comp(S),
    label: req(S),
    sign_on_mode: comp(S),
    status: opt(S, { default: 'ACTIVE' }),
    logo: opt(S),
    logo_url: comp(S),
    admin_note: opt(S),
    enduser_note: opt(S),
    app_links_json: opt(S),
    accessibility_login_redirect_url: opt(S),
    accessibility_self_service: opt(B, { default: false }),
    accessibility_error_redirect_url: opt(S),
    skip_users: opt(B, { default: false, deprecated: true }),
    skip_groups: opt(B, { default: false, deprecated: true }),
    user_name_template: opt(S, { default: '${source.login}' }),
    user_name_template_suffix: opt(S),
    user_name_template_type: opt(S, { default: 'BUILT_IN' }),
    user_name_template_push_status: opt(S),
  };
}

/** settings.signOn of a SAML app: the attributes sent and read back (camel case, sso_url as ssoAcsUrl). */
const SAML_SIGN_ON = [
  'default_relay_state', 'sso_url', 'recipient', 'destination', 'audience', 'idp_issuer', 'sp_issuer',
  'subject_name_id_template', 'subject_name_id_format', 'response_signed', 'request_compressed', 'assertion_signed',
  'signature_algorithm', 'digest_algorithm', 'honor_force_authn', 'authn_context_class_ref',
  'saml_signed_request_enabled', 'single_logout_issuer', 'single_logout_url', 'single_logout_certificate',
  'inline_hook_id', 'saml_version',
] as const;
const signOnKey = (name: string): string => (name === 'sso_url' ? 'ssoAcsUrl' : camel(name));

const SAML_COMPUTED = ['key_id', 'metadata', 'metadata_url', 'certificate', 'http_post_binding', 'http_redirect_binding', 'entity_key', 'entity_url', 'embed_url'] as const;

const samlSchema: Block = {
  attributes: {
    ...baseAppAttributes(),
    preconfigured_app: opt(S, { requiresReplace: true }),
    key_name: opt(S),
    key_years_valid: opt(N),
    key_id: comp(S),
    metadata: comp(S),
    metadata_url: comp(S),
    certificate: comp(S),
    http_post_binding: comp(S),
    http_redirect_binding: comp(S),
    entity_key: comp(S),
    entity_url: comp(S),
    auto_submit_toolbar: opt(B, { default: false }),
    hide_ios: opt(B, { default: false }),
    hide_web: opt(B, { default: false }),
    implicit_assignment: opt(B),
    default_relay_state: opt(S),
    sso_url: opt(S),
    recipient: opt(S),
    destination: opt(S),
    audience: opt(S),
    idp_issuer: opt(S),
    sp_issuer: opt(S),
    subject_name_id_template: opt(S),
    subject_name_id_format: opt(S),
    response_signed: opt(B),
    request_compressed: opt(B),
    assertion_signed: opt(B),
    signature_algorithm: opt(S),
    digest_algorithm: opt(S),
    honor_force_authn: opt(B, { default: false }),
    authn_context_class_ref: opt(S),
    features: comp(setOf(S)),
    app_settings_json: opt(S),
    inline_hook_id: opt(S),
    acs_endpoints: opt(listOf(S)),
    single_logout_issuer: opt(S),
    single_logout_url: opt(S),
    single_logout_certificate: opt(S),
    saml_version: opt(S, { default: '2.0' }),
    authentication_policy: optComp(S),
    embed_url: comp(S),
    saml_signed_request_enabled: opt(B, { default: false }),
    skip_authentication_policy: opt(B, { default: false }),
  },
};

const oauthSchema: Block = {
  attributes: {
    ...baseAppAttributes(),
    type: req(S, { requiresReplace: true }),
    client_id: optComp(S, { requiresReplace: true }),
    omit_secret: opt(B, { default: false }),
    client_secret: comp(S, { sensitive: true }),
    client_basic_secret: opt(S, { sensitive: true }),
    token_endpoint_auth_method: opt(S, { default: 'client_secret_basic' }),
    auto_key_rotation: opt(B, { default: true }),
    client_uri: opt(S),
    logo_uri: opt(S),
    login_uri: opt(S),
    login_mode: opt(S, { default: 'DISABLED' }),
    login_scopes: opt(setOf(S)),
    pkce_required: optComp(B),
    redirect_uris: opt(listOf(S)),
    wildcard_redirect: opt(S, { default: 'DISABLED' }),
    post_logout_redirect_uris: opt(setOf(S)),
    response_types: optComp(setOf(S)),
    grant_types: optComp(setOf(S)),
    tos_uri: opt(S),
    policy_uri: opt(S),
    consent_method: opt(S, { default: 'TRUSTED' }),
    issuer_mode: opt(S, { default: 'ORG_URL' }),
    refresh_token_rotation: opt(S, { default: 'STATIC' }),
    refresh_token_leeway: opt(N, { default: 0 }),
    auto_submit_toolbar: opt(B, { default: false }),
    hide_ios: opt(B, { default: true }),
    hide_web: opt(B, { default: true }),
    implicit_assignment: opt(B),
    app_settings_json: opt(S),
    authentication_policy: optComp(S),
    skip_authentication_policy: opt(B, { default: false }),
  },
};

const OAUTH_CLIENT = ['redirect_uris', 'post_logout_redirect_uris', 'response_types', 'grant_types', 'consent_method', 'issuer_mode', 'wildcard_redirect', 'client_uri', 'logo_uri', 'login_uri', 'tos_uri', 'policy_uri', 'login_mode', 'login_scopes', 'refresh_token_rotation', 'refresh_token_leeway'] as const;
const OAUTH_CREDENTIALS = ['token_endpoint_auth_method', 'auto_key_rotation', 'pkce_required'] as const;

type AppKind = 'saml' | 'oauth';

function buildApp(kind: AppKind, p: ObjectValue): Api {
  const common: Api = {
    label: p.label,
    visibility: { autoSubmitToolbar: p.auto_submit_toolbar ?? false, hide: { iOS: p.hide_ios ?? false, web: p.hide_web ?? false } },
    accessibility: dropNulls({ selfService: p.accessibility_self_service ?? false, errorRedirectUrl: p.accessibility_error_redirect_url, loginRedirectUrl: p.accessibility_login_redirect_url }),
    credentials: { userNameTemplate: dropNulls({ template: p.user_name_template, type: p.user_name_template_type, suffix: p.user_name_template_suffix, pushStatus: p.user_name_template_push_status }) },
    notes: dropNulls({ admin: p.admin_note, enduser: p.enduser_note }),
  };
  if (kind === 'saml') {
    const signOn: Api = {};
    for (const name of SAML_SIGN_ON) if (given(p[name])) signOn[signOnKey(name)] = p[name];
    return { ...common, ...(str(p.preconfigured_app) ? { name: p.preconfigured_app } : {}), signOnMode: 'SAML_2_0', settings: { signOn } };
  }
  const client: Api = { application_type: p.type };
  for (const name of OAUTH_CLIENT) if (given(p[name])) client[name] = p[name];
  const creds: Api = {};
  for (const name of OAUTH_CREDENTIALS) if (given(p[name])) creds[name] = p[name];
  if (str(p.client_id)) creds.client_id = p.client_id;
  creds.omit_secret = p.omit_secret ?? false;
  return { ...common, signOnMode: 'OPENID_CONNECT', settings: { oauthClient: client }, credentials: { ...obj(common.credentials), oauthClient: creds } };
}

/** appRead and the kind's own setters: what Read stores from Okta's answer. */
function appToState(kind: AppKind, state: ObjectValue, app: Api): ObjectValue {
  const s = clone(state);
  const visibility = obj(app.visibility);
  const hide = obj(visibility.hide);
  const accessibility = obj(app.accessibility);
  const template = obj(obj(app.credentials).userNameTemplate);
  const notes = obj(app.notes);
  Object.assign(s, {
    id: str(app.id as Value),
    name: apiValue(app.name),
    label: apiValue(app.label),
    status: apiValue(app.status),
    sign_on_mode: apiValue(app.signOnMode),
    logo_url: apiValue(app.logoUrl),
    auto_submit_toolbar: apiValue(visibility.autoSubmitToolbar),
    hide_ios: apiValue(hide.iOS),
    hide_web: apiValue(hide.web),
    accessibility_self_service: apiValue(accessibility.selfService),
    accessibility_error_redirect_url: apiValue(accessibility.errorRedirectUrl),
    accessibility_login_redirect_url: apiValue(accessibility.loginRedirectUrl),
    user_name_template: apiValue(template.template),
    user_name_template_type: apiValue(template.type),
    user_name_template_suffix: apiValue(template.suffix),
    user_name_template_push_status: apiValue(template.pushStatus),
    admin_note: apiValue(notes.admin),
    enduser_note: apiValue(notes.enduser),
  });
  if (kind === 'saml') {
    const signOn = obj(obj(app.settings).signOn);
    for (const name of SAML_SIGN_ON) s[name] = apiValue(signOn[signOnKey(name)]);
    const saml = obj(app.saml);
    for (const name of SAML_COMPUTED) s[name] = apiValue(saml[camel(name)]);
    s.features = Array.isArray(app.features) ? (app.features as Value[]) : [];
  } else {
    const client = obj(obj(app.settings).oauthClient);
    for (const name of OAUTH_CLIENT) s[name] = apiValue(client[name]);
    const creds = obj(obj(app.credentials).oauthClient);
    for (const name of OAUTH_CREDENTIALS) s[name] = apiValue(creds[name]);
    s.client_id = apiValue(creds.client_id);
    s.client_secret = apiValue(creds.client_secret) ?? (state.client_secret ?? null);
    s.type = apiValue(client.application_type);
  }
  return s;
}

function appResource(kind: AppKind, schema: Block): ResourceDef {
  const read = async (c: OktaClient, state: ObjectValue): Promise<Outcome> => {
    try {
      const { body } = await c.call('GET', `/api/v1/apps/${str(state.id)}`);
      return { state: appToState(kind, state, body), diagnostics: [] };
    } catch (err) {
      // SDKv2 apps: a 404 removes the resource from state (d.SetId("")).
      if (isNotFound(err)) return { state: null, diagnostics: [] };
      return error(`failed to get ${kind === 'saml' ? 'SAML' : 'OAuth'} application: ${errText(err)}`);
    }
  };
  return {
    flavour: 'sdkv2',
    schema,
    async create(c, planned) {
      try {
        const activate = planned.status === 'ACTIVE';
        const { body } = await c.call('POST', '/api/v1/apps', buildApp(kind, planned), { activate });
        return read(c, { ...planned, id: str(body.id as Value) });
      } catch (err) {
        return error(`failed to create ${kind === 'saml' ? 'SAML' : 'OAuth'} application: ${errText(err)}`);
      }
    },
    read,
    async update(c, prior, planned) {
      try {
        // AppUpdateStatus: the status change first, then the other changes.
        const statusChanged = prior.status !== planned.status;
        if (statusChanged && planned.status === 'INACTIVE') await c.call('POST', `/api/v1/apps/${str(prior.id)}/lifecycle/deactivate`);
        if (statusChanged && planned.status === 'ACTIVE') await c.call('POST', `/api/v1/apps/${str(prior.id)}/lifecycle/activate`);
        const others = Object.keys(schema.attributes).some((k) => k !== 'status' && JSON.stringify(prior[k] ?? null) !== JSON.stringify(planned[k] ?? null));
        if (others) await c.call('PUT', `/api/v1/apps/${str(prior.id)}`, buildApp(kind, planned));
        return read(c, planned);
      } catch (err) {
        return error(`failed to update ${kind === 'saml' ? 'SAML' : 'OAuth'} application: ${errText(err)}`);
      }
    },
    async delete(c, prior) {
      try {
        // deleteApplication: deactivate when ACTIVE, then delete.
        if (prior.status === 'ACTIVE') await c.call('POST', `/api/v1/apps/${str(prior.id)}/lifecycle/deactivate`);
        await c.call('DELETE', `/api/v1/apps/${str(prior.id)}`);
        return [];
      } catch (err) {
        return error(errText(err)).diagnostics;
      }
    },
    importState: (id) => ({ state: { id } }),
  };
}

// ---- okta_group (SDKv2: resource_okta_group.go) ----

const groupSchema: Block = {
  attributes: {
    id: sdkId(),
    name: req(S),
    description: opt(S),
    skip_users: opt(B, { default: false, deprecated: true }),
    custom_profile_attributes: opt(S),
  },
};

function groupBody(p: ObjectValue): Api {
  const custom = str(p.custom_profile_attributes);
  return { profile: { name: p.name, ...(str(p.description) ? { description: p.description } : {}), ...(custom ? obj(JSON.parse(custom)) : {}) } };
}

function groupToState(state: ObjectValue, g: Api): ObjectValue {
  const { name, description, ...custom } = obj(g.profile);
  return {
    ...state,
    id: apiValue(g.id),
    name: apiValue(name),
    description: apiValue(description),
    ...(Object.keys(custom).length > 0 ? { custom_profile_attributes: JSON.stringify(custom) } : {}),
  };
}

const groupResource: ResourceDef = {
  flavour: 'sdkv2',
  schema: groupSchema,
  async create(c, planned) {
    try {
      const { body } = await c.call('POST', '/api/v1/groups', groupBody(planned));
      await c.call('GET', `/api/v1/groups/${String(body.id)}`);
      return groupResource.read(c, { ...planned, id: apiValue(body.id) });
    } catch (err) {
      return error(`failed to create group: ${errText(err)}`);
    }
  },
  async read(c, state) {
    try {
      const { body } = await c.call('GET', `/api/v1/groups/${str(state.id)}`);
      return { state: groupToState(state, body), diagnostics: [] };
    } catch (err) {
      if (isNotFound(err)) return { state: null, diagnostics: [] };
      return error(`failed to get group: ${errText(err)}`);
    }
  },
  async update(c, prior, planned) {
    try {
      await c.call('PUT', `/api/v1/groups/${str(prior.id)}`, groupBody(planned));
      return groupResource.read(c, planned);
    } catch (err) {
      return error(`failed to update group: ${errText(err)}`);
    }
  },
  async delete(c, prior) {
    try {
      await c.call('DELETE', `/api/v1/groups/${str(prior.id)}`);
      return [];
    } catch (err) {
      return error(`failed to delete group: ${errText(err)}`).diagnostics;
    }
  },
  importState: (id) => {
    const [groupId, flag] = id.split('/');
    return { state: flag ? { id: groupId ?? '', [flag]: true } : { id } };
  },
};

// ---- okta_push_group (framework: resource_okta_push_group.go) ----

const APP_CONFIG: TfType = ['object', { type: S, distinguished_name: S, group_scope: S, group_type: S, sam_account_name: S }];

const pushGroupSchema: Block = {
  attributes: {
    id: comp(S, { useStateForUnknown: true }),
    app_id: req(S, { requiresReplace: true }),
    source_group_id: req(S, { requiresReplace: true }),
    target_group_name: opt(S, { useStateForUnknown: true, requiresReplace: true }),
    target_group_id: optComp(S, { useStateForUnknown: true, requiresReplace: true }),
    status: optComp(S, { default: 'ACTIVE', oneOf: ['ACTIVE', 'INACTIVE'] }),
    delete_target_group_on_destroy: optComp(B, { default: true }),
    app_config: opt(APP_CONFIG, { useStateForUnknown: true, requiresReplace: true }),
  },
};

/** mapPushGroupResourceToState */
function mappingToState(state: ObjectValue, m: Api): ObjectValue {
  const s = { ...state, id: apiValue(m.id), source_group_id: apiValue(m.sourceGroupId), target_group_id: apiValue(m.targetGroupId), status: apiValue(m.status), app_config: null as Value };
  const cfg = obj(m.appConfig);
  const out: ObjectValue = { type: null, distinguished_name: null, group_scope: null, group_type: null, sam_account_name: null };
  let concrete = false;
  for (const key of Object.keys(out)) {
    const v = cfg[camel(key)];
    if (typeof v === 'string' && v !== '') {
      out[key] = v;
      concrete = true;
    }
  }
  if (concrete) s.app_config = out;
  return s;
}

const pushGroupResource: ResourceDef = {
  flavour: 'framework',
  schema: pushGroupSchema,
  async create(c, planned) {
    let appConfig: Api | undefined;
    if (isObject(planned.app_config)) {
      appConfig = {};
      for (const [k, v] of Object.entries(planned.app_config)) if (v !== null) appConfig[k === 'type' ? 'type' : camel(k)] = v;
    }
    const request: Api = dropNulls({
      status: planned.status,
      sourceGroupId: planned.source_group_id,
      targetGroupName: planned.target_group_name,
      targetGroupId: planned.target_group_id,
      appConfig,
    });
    try {
      if (!str(planned.target_group_name) && !str(planned.target_group_id)) {
        const { body } = await c.call('GET', `/api/v1/groups/${str(planned.source_group_id)}`);
        request.targetGroupName = obj(body.profile).name;
      }
      if (!str(planned.target_group_id)) delete request.targetGroupId;
      const { body } = await c.call('POST', `/api/v1/apps/${str(planned.app_id)}/group-push/mappings`, request);
      return { state: mappingToState(planned, body), diagnostics: [] };
    } catch (err) {
      return error('Error creating Okta Push Group ', errText(err));
    }
  },
  async read(c, state) {
    try {
      const { body } = await c.call('GET', `/api/v1/apps/${str(state.app_id)}/group-push/mappings/${str(state.id)}`);
      return { state: mappingToState(state, body), diagnostics: [] };
    } catch (err) {
      // Any error, a 404 too, is an error: the provider does not remove a vanished mapping from state.
      return error('Error reading Okta push group mapping ', errText(err));
    }
  },
  async update(c, prior, planned) {
    if (prior.status !== 'ACTIVE' && prior.status !== 'INACTIVE') {
      return error('Group push mapping in disallowed status', "The Okta API doesn't allow updating the group push mapping when the status is not either ACTIVE or INACTIVE");
    }
    try {
      const { body } = await c.call('PATCH', `/api/v1/apps/${str(planned.app_id)}/group-push/mappings/${str(planned.id)}`, { status: planned.status });
      return { state: mappingToState(planned, body), diagnostics: [] };
    } catch (err) {
      return error('failed to update push group mapping: ', errText(err));
    }
  },
  async delete(c, prior) {
    if (prior.status !== 'ACTIVE' && prior.status !== 'INACTIVE') {
      return error('Group push mapping in disallowed status', 'To delete a group push mapping, the status must be INACTIVE.').diagnostics;
    }
    const path = `/api/v1/apps/${str(prior.app_id)}/group-push/mappings/${str(prior.id)}`;
    try {
      if (prior.status !== 'INACTIVE') await c.call('PATCH', path, { status: 'INACTIVE' });
      // ValueBool() of a null flag (left by import) is false.
      await c.call('DELETE', path, undefined, { deleteTargetGroup: prior.delete_target_group_on_destroy === true });
      return [];
    } catch (err) {
      return error('failed to delete push group mapping: ', errText(err)).diagnostics;
    }
  },
  importState(id) {
    const parts = id.split('/');
    if (parts.length !== 2) return { error: { severity: 'ERROR', summary: 'Invalid import ID format', detail: `Expected import ID format 'app_uid/mapping_id', got '${id}'` } };
    const [appId, mappingId] = parts as [string, string];
    if (!appId || !mappingId) return { error: { severity: 'ERROR', summary: 'Invalid import ID', detail: 'Both app_uid and mapping_id must be provided in import ID' } };
    return { state: { app_id: appId, id: mappingId } };
  },
};

// ---- okta_app_connection (framework: resource_okta_app_connection.go) ----

const connectionSchema: Block = {
  attributes: {
    id: req(S),
    base_url: req(S),
    status: comp(S),
    action: req(S, { oneOf: ['activate', 'deactivate'] }),
  },
  blocks: {
    profile: {
      nesting: 'SINGLE',
      block: {
        attributes: {
          auth_scheme: req(S, { oneOf: ['TOKEN', 'OAUTH2'] }),
          token: opt(S, { sensitive: true }),
          client_id: opt(S),
        },
        blocks: {
          signing: { nesting: 'SINGLE', block: { attributes: { rotation_mode: opt(S, { oneOf: ['AUTO', 'MANUAL'] }) } } },
          settings: { nesting: 'SINGLE', block: { attributes: { admin_username: opt(S), admin_password: opt(S, { sensitive: true }) } } },
        },
      },
    },
  },
};

/** buildDefaultProvisioningConnections */
function connectionBody(p: ObjectValue): Api {
  const profile = isObject(p.profile) ? p.profile : {};
  const scheme = str(profile.auth_scheme);
  if (scheme === 'TOKEN') return { baseUrl: p.base_url, profile: dropNulls({ authScheme: scheme, token: profile.token }) };
  if (scheme === 'OAUTH2') {
    const settings = isObject(profile.settings) ? profile.settings : null;
    return { profile: dropNulls({ authScheme: scheme, clientId: profile.client_id, settings: settings ? { adminUsername: settings.admin_username ?? '', adminPassword: settings.admin_password ?? '' } : undefined }) };
  }
  return {};
}

/** updateAppConnectionState: base_url and profile.auth_scheme from Okta's answer. */
function connectionToState(data: ObjectValue, response: Api): void {
  data.base_url = typeof response.baseUrl === 'string' ? response.baseUrl : '';
  const profile: ObjectValue = isObject(data.profile) ? { ...data.profile } : { auth_scheme: null, token: null, client_id: null, signing: null, settings: null };
  profile.auth_scheme = String(obj(response.profile).authScheme ?? '');
  data.profile = profile;
}

const connectionResource: ResourceDef = {
  flavour: 'framework',
  schema: connectionSchema,
  async create(c, planned) {
    const data = clone(planned);
    const path = `/api/v1/apps/${str(data.id)}/connections/default`;
    let response: Api;
    try {
      response = (await c.call('POST', path, connectionBody(data))).body;
    } catch (err) {
      return error('Error Creating App Connection', `Could not create app connection for application ID ${str(data.id)}: ${errText(err)}`);
    }
    if (data.action === 'activate') {
      try {
        await c.call('POST', `${path}/lifecycle/activate`);
      } catch (err) {
        return error('Error Activating App Connection', `Could not create app connection for application ID ${str(data.id)}: ${errText(err)}`);
      }
      data.status = 'ENABLED';
      data.action = 'activate';
    }
    // No deactivate branch: with action = "deactivate", status stays unknown.
    connectionToState(data, response);
    return { state: data, diagnostics: [] };
  },
  async read(c, state) {
    const data = clone(state);
    let response: Api;
    try {
      response = (await c.call('GET', `/api/v1/apps/${str(data.id)}/connections/default`)).body;
    } catch (err) {
      return error('Error Reading App Connection', `Could not read app connection for application ID ${str(data.id)}: ${errText(err)}`);
    }
    connectionToState(data, response);
    // setStatus
    const status = typeof response.status === 'string' ? response.status : '';
    if (status !== '') {
      data.status = status;
      data.action = status === 'ENABLED' ? 'activate' : status === 'DISABLED' ? 'deactivate' : '';
    } else {
      data.status = 'UNKNOWN';
      data.action = '';
    }
    return { state: data, diagnostics: [] };
  },
  async update(c, _prior, planned) {
    const data = clone(planned);
    const path = `/api/v1/apps/${str(data.id)}/connections/default`;
    let response: Api;
    try {
      response = (await c.call('POST', path, connectionBody(data))).body;
    } catch (err) {
      return error('Error Updating App Connection', `Could not update app connection for application ID ${str(data.id)}: ${errText(err)}`);
    }
    try {
      if (data.action === 'activate') {
        await c.call('POST', `${path}/lifecycle/activate`);
        data.status = 'ENABLED';
      } else if (data.action === 'deactivate') {
        await c.call('POST', `${path}/lifecycle/deactivate`);
        data.status = 'DISABLED';
      }
    } catch (err) {
      const verb = data.action === 'activate' ? 'Activating' : 'Deactivating';
      return error(`Error ${verb} App Connection`, `Could not ${String(data.action)} app connection for application ID ${str(data.id)}: ${errText(err)}`);
    }
    connectionToState(data, response);
    return { state: data, diagnostics: [] };
  },
  async delete() {
    return [{ severity: 'WARNING', summary: 'Delete Not Supported', detail: 'This resource cannot be deleted via Terraform. App connections are managed through the application lifecycle.' }];
  },
  importState: (id) => ({ state: { id } }),
};

// ---- okta_app_features (framework: resource_okta_app_features.go) ----

const statusAttr = (): Attribute => opt(S, { oneOf: ['DISABLED', 'ENABLED'] });
const single = (attributes: Record<string, Attribute>, blocks?: Block['blocks']): { nesting: 'SINGLE'; block: Block } => ({
  nesting: 'SINGLE',
  block: { attributes, ...(blocks ? { blocks } : {}) },
});

const featuresSchema: Block = {
  attributes: {
    id: comp(S),
    app_id: req(S),
    description: opt(S),
    name: req(S, { oneOf: ['USER_PROVISIONING', 'INBOUND_PROVISIONING'] }),
    status: statusAttr(),
  },
  blocks: {
    capabilities: single({}, {
      create: single({}, { lifecycle_create: single({ status: statusAttr() }) }),
      update: single({}, {
        lifecycle_deactivate: single({ status: statusAttr() }),
        password: single({ change: opt(S, { oneOf: ['CHANGE', 'KEEP_EXISTING'] }), seed: opt(S, { oneOf: ['OKTA', 'RANDOM'] }), status: statusAttr() }),
        profile: single({ status: statusAttr() }),
      }),
      import_rules: single({}, {
        user_create_and_match: single({
          exact_match_criteria: opt(S),
          allow_partial_match: opt(B),
          auto_activate_new_users: opt(B),
          autoconfirm_exact_match: opt(B),
          autoconfirm_new_users: opt(B),
          autoconfirm_partial_match: opt(B),
        }),
      }),
      import_settings: single({}, {
        username: single({ username_format: opt(S), username_expression: opt(S) }),
        schedule: single({ status: statusAttr() }, {
          full_import: single({ expression: opt(S), timezone: opt(S) }),
          incremental_import: single({ expression: opt(S), timezone: opt(S) }),
        }),
      }),
    }),
  },
};

/** A Terraform object of the capabilities block, in camel case, without nulls (buildUpdateAppFeature). */
function capabilitiesBody(v: Value): Api | undefined {
  if (!isObject(v)) return undefined;
  const out: Api = {};
  for (const [k, inner] of Object.entries(v)) {
    if (inner === null) continue;
    const value = isObject(inner) ? capabilitiesBody(inner) : inner;
    if (value !== undefined && !(typeof value === 'object' && Object.keys(value as Api).length === 0)) out[camel(k)] = value;
  }
  return out;
}

/** updateAppFeatureState: status and description as Okta reports them, id = app_id/name. */
function featureToState(data: ObjectValue, response: Api): ObjectValue {
  return {
    ...data,
    status: apiValue(response.status),
    description: apiValue(response.description),
    id: `${str(data.app_id)}/${str(data.name)}`,
  };
}

const featuresResource: ResourceDef = {
  flavour: 'framework',
  schema: featuresSchema,
  async create(c, planned, config) {
    try {
      // Capabilities only: the status is never sent.
      const { body } = await c.call('PUT', `/api/v1/apps/${str(config.app_id)}/features/${str(config.name)}`, { capabilities: capabilitiesBody(config.capabilities ?? null) ?? {} });
      return { state: featureToState(planned, body), diagnostics: [] };
    } catch (err) {
      return error('Error creating app features', `Could not create app feature, unexpected error: ${errText(err)}`);
    }
  },
  async read(c, state) {
    try {
      const { body } = await c.call('GET', `/api/v1/apps/${str(state.app_id)}/features/${str(state.name)}`);
      return { state: featureToState(state, body), diagnostics: [] };
    } catch (err) {
      return error('Error reading app features', `Could not read app feature, unexpected error: ${errText(err)}`);
    }
  },
  async update(c, _prior, planned) {
    try {
      const { body } = await c.call('PUT', `/api/v1/apps/${str(planned.app_id)}/features/${str(planned.name)}`, { capabilities: capabilitiesBody(planned.capabilities ?? null) ?? {} });
      return { state: featureToState(planned, body), diagnostics: [] };
    } catch (err) {
      return error('Error updating app features', `Could not update app feature, unexpected error: ${errText(err)}`);
    }
  },
  async delete() {
    return [{ severity: 'WARNING', summary: 'Delete Not Supported', detail: 'This resource cannot be deleted via Terraform.' }];
  },
  importState(id) {
    const parts = id.split('/');
    if (parts.length !== 2) return { error: { severity: 'ERROR', summary: 'Invalid import ID', detail: `Expected import ID format 'app_id/feature_name', got '${id}'` } };
    return { state: { app_id: parts[0] ?? '', name: parts[1] ?? '' } };
  },
};

export const RESOURCES: Record<string, ResourceDef> = {
  okta_app_saml: appResource('saml', samlSchema),
  okta_app_oauth: appResource('oauth', oauthSchema),
  okta_group: groupResource,
  okta_push_group: pushGroupResource,
  okta_app_connection: connectionResource,
  okta_app_features: featuresResource,
};

// ---- data sources ----

/** getAppFilters + ListAppsV2: by id, else the list filtered by label (exact match preferred) or prefix. */
async function findApp(c: OktaClient, config: ObjectValue): Promise<Api> {
  if (str(config.id)) return (await c.call('GET', `/api/v1/apps/${str(config.id)}`)).body;
  const q = str(config.label) ?? str(config.label_prefix) ?? undefined;
  const filter = config.active_only === false ? undefined : 'status eq "ACTIVE"';
  const { body } = await c.call<Api[]>('GET', '/api/v1/apps', undefined, { q, filter, limit: 200 });
  const list = Array.isArray(body) ? body : [];
  if (list.length < 1) throw new Error(`no application found with the provided filter: ${JSON.stringify({ label: config.label, label_prefix: config.label_prefix })}`);
  if (str(config.label)) return list.find((a) => a.label === config.label) ?? (list[0] as Api);
  return list[0] as Api;
}

const appDataSchema: Block = {
  attributes: {
    id: opt(S),
    label: opt(S),
    label_prefix: opt(S),
    active_only: opt(B, { default: true }),
    name: comp(S),
    status: comp(S),
    links: comp(S),
    groups: comp(setOf(S), { deprecated: true }),
    users: comp(setOf(S), { deprecated: true }),
  },
};

const appSamlDataSchema: Block = {
  attributes: {
    id: opt(S),
    label: opt(S),
    label_prefix: opt(S),
    active_only: opt(B, { default: true }),
    name: comp(S),
    status: comp(S),
    key_id: comp(S),
    auto_submit_toolbar: comp(B),
    hide_ios: comp(B),
    hide_web: comp(B),
    default_relay_state: comp(S),
    sso_url: comp(S),
    recipient: comp(S),
    destination: comp(S),
    audience: comp(S),
    idp_issuer: comp(S),
    sp_issuer: comp(S),
    subject_name_id_template: comp(S),
    subject_name_id_format: comp(S),
    response_signed: comp(B),
    request_compressed: opt(B),
    assertion_signed: comp(B),
    signature_algorithm: comp(S),
    digest_algorithm: comp(S),
    honor_force_authn: comp(B),
    authn_context_class_ref: comp(S),
    accessibility_self_service: comp(B),
    accessibility_error_redirect_url: comp(S),
    accessibility_login_redirect_url: comp(S),
    features: comp(setOf(S)),
    user_name_template: comp(S),
    user_name_template_suffix: comp(S),
    user_name_template_type: comp(S),
    user_name_template_push_status: comp(S),
    app_settings_json: comp(S),
    acs_endpoints: comp(setOf(S)),
    single_logout_issuer: comp(S),
    single_logout_url: comp(S),
    single_logout_certificate: comp(S),
    links: comp(S),
    inline_hook_id: comp(S),
    groups: comp(setOf(S), { deprecated: true }),
    users: comp(setOf(S), { deprecated: true }),
    saml_signed_request_enabled: comp(B),
  },
};

const appDataSource: DataSourceDef = {
  flavour: 'sdkv2',
  schema: appDataSchema,
  async read(c, config) {
    try {
      const app = await findApp(c, config);
      return { state: { ...config, id: apiValue(app.id), label: apiValue(app.label), name: apiValue(app.name), status: apiValue(app.status), links: JSON.stringify(app._links ?? {}) }, diagnostics: [] };
    } catch (err) {
      return error(str(config.id) ? `failed get app by ID: ${errText(err)}` : `failed to list apps: ${errText(err)}`);
    }
  },
};

const appSamlDataSource: DataSourceDef = {
  flavour: 'sdkv2',
  schema: appSamlDataSchema,
  async read(c, config) {
    try {
      const app = await findApp(c, config);
      const full = appToState('saml', {}, app);
      const state: ObjectValue = { ...config };
      for (const name of Object.keys(appSamlDataSchema.attributes)) if (name in full && (config[name] ?? null) === null) state[name] = full[name] ?? null;
      state.links = JSON.stringify(app._links ?? {});
      return { state, diagnostics: [] };
    } catch (err) {
      return error(`failed to get SAML application: ${errText(err)}`);
    }
  },
};

const connectionDataSource: DataSourceDef = {
  flavour: 'framework',
  schema: {
    attributes: { id: req(S), status: comp(S), auth_scheme: optComp(S), base_url: optComp(S) },
    blocks: { profile: { nesting: 'SINGLE', block: { attributes: { auth_scheme: comp(S) } } } },
  },
  async read(c, config) {
    try {
      const { body } = await c.call('GET', `/api/v1/apps/${str(config.id)}/connections/default`);
      return {
        state: {
          ...config,
          base_url: String(body.baseUrl ?? ''),
          status: String(body.status ?? ''),
          auth_scheme: String(body.authScheme ?? ''),
          profile: { auth_scheme: String(obj(body.profile).authScheme ?? '') },
        },
        diagnostics: [],
      };
    } catch {
      // The provider swallows the error: the state stays as configured, status null.
      return { state: { ...config }, diagnostics: [] };
    }
  },
};

const groupDataSource: DataSourceDef = {
  flavour: 'sdkv2',
  schema: {
    attributes: {
      id: optComp(S),
      name: optComp(S),
      type: opt(S),
      description: comp(S),
      include_users: opt(B, { default: false }),
      users: comp(setOf(S)),
      delay_read_seconds: opt(S),
    },
  },
  async read(c, config) {
    try {
      let group: Api | undefined;
      if (str(config.id)) group = (await c.call('GET', `/api/v1/groups/${str(config.id)}`)).body;
      else {
        const { body } = await c.call<Api[]>('GET', '/api/v1/groups', undefined, { q: str(config.name) ?? undefined, limit: 200 });
        group = (Array.isArray(body) ? body : []).find((g) => obj(g.profile).name === config.name);
        if (!group) return error(`group with name "${str(config.name)}" does not exist`);
      }
      const profile = obj(group.profile);
      return {
        state: { ...config, id: apiValue(group.id), name: apiValue(profile.name), description: apiValue(profile.description), type: apiValue(group.type), users: config.include_users === true ? [] : null },
        diagnostics: [],
      };
    } catch (err) {
      return error(`failed to get group: ${errText(err)}`);
    }
  },
};

export const DATA_SOURCES: Record<string, DataSourceDef> = {
  okta_app: appDataSource,
  okta_app_saml: appSamlDataSource,
  okta_app_connection: connectionDataSource,
  okta_group: groupDataSource,
};

/** The provider block (provider.go, framework_provider.go): none of its attributes is marked Sensitive there. */
export const PROVIDER_SCHEMA: Block = {
  attributes: {
    org_name: opt(S),
    access_token: opt(S),
    api_token: opt(S),
    client_id: opt(S),
    scopes: opt(setOf(S)),
    private_key: opt(S),
    private_key_id: opt(S),
    base_url: opt(S),
    http_proxy: opt(S),
    backoff: opt(B),
    min_wait_seconds: opt(N),
    max_wait_seconds: opt(N),
    max_retries: opt(N),
    parallelism: opt(N),
    log_level: opt(N),
    max_api_capacity: opt(N),
    request_timeout: opt(N),
  },
};
