// A loopback Okta org: the Management API endpoints the okta provider's resources and data sources call,
// with Okta's semantics where the scenarios depend on them. It records every call in order and can dump
// the org.
//
// Group Push (/api/v1/apps/{appId}/group-push/mappings): a mapping is created ACTIVE unless told
// otherwise, its status is changed with PATCH, and it can be deleted only when INACTIVE or ERROR, with
// `deleteTargetGroup` deciding whether the downstream group goes too. Okta's documentation says "you must
// have provisioning enabled in the target app to use group push mappings": the simulator refuses to
// create, change or delete a mapping of an app whose provisioning connection is not ENABLED (reading them
// still works). That is what makes a mapping left behind by a deactivated connection an orphan: Okta no
// longer lets it be removed until provisioning is back.
//
// Ids are derived from what is created (an app's label, a group's name, a mapping's app and source group,
// with a counter for repeats), so a scenario gives the same ids however Terraform orders its work.
import { createHash, createVerify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectionStatus = 'ENABLED' | 'DISABLED' | 'UNKNOWN';

interface Mapping {
  id: string;
  sourceGroupId: string;
  targetGroupId: string;
  status: 'ACTIVE' | 'INACTIVE' | 'ERROR';
  errorSummary?: string;
  appConfig?: Record<string, unknown>;
  created: string;
  lastUpdated: string;
}

interface App {
  id: string;
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  body: Record<string, unknown>;
  connection: { status: ConnectionStatus; baseUrl?: string; authScheme?: string; tokenSet: boolean };
  features: Record<string, { status: 'ENABLED' | 'DISABLED'; capabilities: Record<string, unknown> }>;
  mappings: Map<string, Mapping>;
  /**
   * Which API reports its provisioning: `connections` (connections/default says ENABLED or DISABLED),
   * `features` (connections/default says UNKNOWN, as for generic SCIM apps; GET features answers 400
   * "Provisioning is not enabled for the app instance." while it is off), or `none` (no provisioning at
   * all: UNKNOWN, features 404, and no Group Push).
   */
  provisioningApi: 'connections' | 'features' | 'none';
  /** Groups in the downstream app, by id (what group push creates or links to). */
  targetGroups: Map<string, string>;
  order: number;
}

interface Group {
  id: string;
  profile: Record<string, unknown>;
  type: string;
}

export interface Delay {
  /** HTTP method, or `*`. */
  method: string;
  /** A regular expression matched against the path (without the query). */
  path: string;
  /** How long the call waits (at most, with `until`). */
  ms: number;
  /**
   * Answer the call once a call matching this regular expression (against `METHOD PATH`) has been answered,
   * or after `ms` if none is: an order forced on a race, however busy the machine is.
   */
  until?: string;
}

export interface Failure {
  /** HTTP method, or `*`. */
  method: string;
  /** A regular expression matched against the path (without the query). */
  path: string;
  /** The HTTP status to answer (Okta's error body comes with it). */
  status: number;
}

export interface SimulatorOptions {
  /** The SSWS token requests must carry. */
  token: string;
  /** Answer these calls after a pause (to let Terraform's concurrency show). */
  delays?: Delay[];
  /**
   * An OAuth 2.0 service app that may ask POST /oauth2/v1/token for an access token with a private_key_jwt
   * client assertion (RS256, verified with `publicKey`), granted the asked scopes that are in `scopes`.
   */
  oauth?: { clientId: string; publicKey: string; scopes: string[] };
  /** At most this many items a page of the apps and mappings lists, whatever `limit` asks (paging tests). */
  pageCap?: number;
}

/** What an org holds before a test: apps with their provisioning and mappings, made without the API. */
export interface SeedApp {
  label: string;
  status?: 'ACTIVE' | 'INACTIVE';
  provisioning?: 'ENABLED' | 'DISABLED';
  provisioningApi?: 'connections' | 'features' | 'none';
  mappings?: { group: string; status?: 'ACTIVE' | 'INACTIVE' | 'ERROR'; errorSummary?: string }[];
}

export interface CallRecord {
  method: string;
  /** Path with the query as sent: `METHOD PATH?QUERY`. */
  target: string;
  status: number;
}

export interface OrgDump {
  apps: {
    id: string;
    label: string;
    status: string;
    connection: ConnectionStatus;
    mappings: { id: string; status: string; sourceGroupId: string }[];
  }[];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    summary: string,
    readonly causes: string[] = [],
  ) {
    super(summary);
  }
}

const notFound = (what: string): ApiError => new ApiError(404, 'E0000007', `Not found: Resource not found: ${what}`);

function okId(prefix: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return prefix + digest.slice(0, 17);
}

const FIXED_TIME = '2024-01-01T00:00:00.000Z';
/** The org's public address in what it returns (stored in state, so fixed: the loopback port is not). */
const ORG_URL = 'https://acmecorp.okta.com';

export class OktaSimulator {
  private server: Server | undefined;
  private readonly apps = new Map<string, App>();
  private readonly groups = new Map<string, Group>();
  private readonly counters = new Map<string, number>();
  private order = 0;
  private rateLimitNext: { method: string; path: RegExp } | undefined;
  /** Access tokens issued to the service app, with their scopes. */
  private readonly accessTokens = new Map<string, string[]>();
  readonly calls: CallRecord[] = [];
  url = '';

  private delays: Delay[];
  private readonly answeredListeners = new Set<(call: string) => void>();

  constructor(private readonly options: SimulatorOptions) {
    this.delays = options.delays ?? [];
  }

  /** Replaces the calls answered late. */
  setDelays(delays: Delay[]): void {
    this.delays = delays;
  }

  private failures: Failure[] = [];

  /** Calls answered with an error from now on (an outage, a permission taken away). */
  setFailures(failures: Failure[]): void {
    this.failures = failures;
  }

  /** The whole org, to go back to with restore() (the same plan applied again, another way). */
  snapshot(): unknown {
    return structuredClone({ apps: this.apps, groups: this.groups, counters: this.counters, order: this.order });
  }

  restore(snapshot: unknown): void {
    const s = structuredClone(snapshot) as { apps: Map<string, App>; groups: Map<string, Group>; counters: Map<string, number>; order: number };
    for (const [name, target] of [['apps', this.apps], ['groups', this.groups], ['counters', this.counters]] as const) {
      (target as Map<string, unknown>).clear();
      for (const [k, v] of s[name] as Map<string, unknown>) (target as Map<string, unknown>).set(k, v);
    }
    this.order = s.order;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errorCode: 'E0000009', errorSummary: `Internal Server Error: ${err instanceof Error ? err.message : String(err)}` }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next call matching answers 429 once, with X-Rate-Limit-Reset one second ahead. */
  rateLimitOnce(method: string, path: string): void {
    this.rateLimitNext = { method, path: new RegExp(path) };
  }

  /** Calls recorded from now on only (the index to slice `calls` from). */
  mark(): number {
    return this.calls.length;
  }

  /** A change made in Okta outside Terraform (an admin in the console, a token that went stale). */
  setConnectionStatus(label: string, status: ConnectionStatus): void {
    const app = this.appByLabel(label);
    app.connection.status = status;
    // USER_PROVISIONING (Okta to the app) is on exactly when the connection is.
    if (status !== 'UNKNOWN') app.features.USER_PROVISIONING = { ...(app.features.USER_PROVISIONING ?? { capabilities: {} }), status };
  }

  /** Deletes a mapping outside Terraform, whatever provisioning says. */
  removeMappingOutOfBand(label: string, sourceGroupName: string): void {
    const app = this.appByLabel(label);
    for (const [id, m] of app.mappings) if (this.groups.get(m.sourceGroupId)?.profile.name === sourceGroupName) app.mappings.delete(id);
  }

  /** Makes apps, groups and mappings directly (an org as an audit finds it); returns the apps' ids by label. */
  seed(apps: SeedApp[]): Map<string, string> {
    const ids = new Map<string, string>();
    for (const spec of apps) {
      const app = this.apps.get(String(this.createApp({ label: spec.label, signOnMode: 'SAML_2_0' }, spec.status !== 'INACTIVE').id))!;
      app.provisioningApi = spec.provisioningApi ?? 'connections';
      const on = spec.provisioning ?? 'DISABLED';
      app.connection = { status: app.provisioningApi === 'connections' ? on : 'UNKNOWN', tokenSet: on === 'ENABLED' };
      app.features.USER_PROVISIONING = { status: on, capabilities: {} };
      if (app.provisioningApi === 'none') app.features = {};
      for (const m of spec.mappings ?? []) {
        const group = [...this.groups.values()].find((g) => g.profile.name === m.group) ?? this.groups.get(String(this.createGroup({ profile: { name: m.group } }).id))!;
        const id = this.nextId('gPm', `mapping:${app.id}:${group.id}`);
        const targetGroupId = okId('00g', `target:${app.id}:${m.group}`);
        app.targetGroups.set(targetGroupId, m.group);
        app.mappings.set(id, { id, sourceGroupId: group.id, targetGroupId, status: m.status ?? 'ACTIVE', ...(m.errorSummary ? { errorSummary: m.errorSummary } : {}), created: FIXED_TIME, lastUpdated: FIXED_TIME });
      }
      ids.set(spec.label, app.id);
    }
    return ids;
  }

  /** A mapping's id, by its app's label and its source group's name. */
  mappingId(label: string, group: string): string {
    const app = this.appByLabel(label);
    const found = [...app.mappings.values()].find((m) => this.groups.get(m.sourceGroupId)?.profile.name === group);
    if (!found) throw new Error(`no mapping of ${group} on ${label}`);
    return found.id;
  }

  private appByLabel(label: string): App {
    const app = [...this.apps.values()].find((a) => a.label === label);
    if (!app) throw new Error(`no app labelled ${label} in the simulated org`);
    return app;
  }

  dump(): OrgDump {
    const apps = [...this.apps.values()].sort((a, b) => a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    return {
      apps: apps.map((a) => ({
        id: a.id,
        label: a.label,
        status: a.status,
        connection: a.connection.status,
        mappings: [...a.mappings.values()]
          .sort((x, y) => x.id.localeCompare(y.id))
          .map((m) => ({ id: m.id, status: m.status, sourceGroupId: m.sourceGroupId })),
      })),
    };
  }

  groupName(id: string): string | undefined {
    const name = this.groups.get(id)?.profile.name;
    return typeof name === 'string' ? name : undefined;
  }

  private nextId(prefix: string, key: string): string {
    const n = this.counters.get(prefix + key) ?? 0;
    this.counters.set(prefix + key, n + 1);
    return okId(prefix, `${key}#${n}`);
  }

  private wait(delay: Delay): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.answeredListeners.delete(listener);
        resolve();
      };
      const until = delay.until === undefined ? undefined : new RegExp(delay.until);
      const listener = (call: string): void => {
        if (until?.test(call)) done();
      };
      const timer = setTimeout(done, delay.ms);
      // A late answer the client gave up on must not keep a finished test run alive.
      timer.unref();
      if (until) this.answeredListeners.add(listener);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = (req.method ?? 'GET').toUpperCase();
    const record: CallRecord = { method, target: `${url.pathname}${url.search}`, status: 0 };
    this.calls.push(record);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
      for (const listener of this.answeredListeners) listener(`${method} ${url.pathname}`);
    };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');

    const delay = this.delays.find((d) => (d.method === '*' || d.method === method) && new RegExp(d.path).test(url.pathname));
    if (delay) await this.wait(delay);

    if (method === 'POST' && url.pathname === '/oauth2/v1/token') {
      const answer = this.tokenRequest(new URLSearchParams(text), `http://${req.headers.host}${url.pathname}`);
      send(answer.status, answer.body);
      return;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const granted = bearer !== undefined ? this.accessTokens.get(bearer) : undefined;
    if (granted) {
      const needed = url.pathname.startsWith('/api/v1/groups') ? 'okta.groups.read' : 'okta.apps.read';
      if (!granted.includes(needed)) {
        send(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorLink: 'E0000006', errorId: 'oae-simulated', errorCauses: [] }, {
          'WWW-Authenticate': `Bearer authorization_uri="http://${req.headers.host}/oauth2/v1/authorize", realm="http://${req.headers.host}", scope="${needed}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${url.pathname}"`,
        });
        return;
      }
    } else if (req.headers.authorization !== `SSWS ${this.options.token}`) {
      send(401, { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
      return;
    }
    const failure = this.failures.find((f) => (f.method === '*' || f.method === method) && new RegExp(f.path).test(url.pathname));
    if (failure) {
      send(failure.status, { errorCode: failure.status === 403 ? 'E0000006' : 'E0000009', errorSummary: failure.status === 403 ? 'You do not have permission to perform the requested action' : 'Internal Server Error', errorCauses: [] });
      return;
    }
    if (this.rateLimitNext && this.rateLimitNext.method === method && this.rateLimitNext.path.test(url.pathname)) {
      this.rateLimitNext = undefined;
      const reset = Math.floor(Date.now() / 1000) + 1;
      send(429, { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }, {
        'X-Rate-Limit-Limit': '600',
        'X-Rate-Limit-Remaining': '0',
        'X-Rate-Limit-Reset': String(reset),
      });
      return;
    }
    let body: Record<string, unknown> = {};
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        send(400, { errorCode: 'E0000003', errorSummary: 'The request body was not well-formed.' });
        return;
      }
    }
    try {
      const result = this.route(method, url, body);
      send(result.status, result.body, result.headers);
    } catch (err) {
      if (err instanceof ApiError) send(err.status, { errorCode: err.errorCode, errorSummary: err.message, errorLink: err.errorCode, errorId: 'oae-simulated', errorCauses: err.causes.map((c) => ({ errorSummary: c })) });
      else throw err;
    }
  }

  /** The org authorization server's client credentials grant with a private_key_jwt assertion. */
  private tokenRequest(form: URLSearchParams, audience: string): { status: number; body: unknown } {
    const oauth = this.options.oauth;
    const refuse = (error: string, description: string): { status: number; body: unknown } => ({ status: 401, body: { error, error_description: description } });
    if (!oauth || form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported by the authorization server.' } };
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return refuse('invalid_client', 'Client authentication failed.');
    const [header, claims, signature] = (form.get('client_assertion') ?? '').split('.');
    if (!header || !claims || !signature) return refuse('invalid_client', 'The client_assertion is not a JWT.');
    const valid = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(oauth.publicKey, Buffer.from(signature, 'base64url'));
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!valid) return refuse('invalid_client', 'The client_assertion signature is invalid.');
    if (body.iss !== oauth.clientId || body.sub !== oauth.clientId) return refuse('invalid_client', 'The client_assertion iss and sub must be the client id.');
    if (body.aud !== audience) return refuse('invalid_client', `The audience claim for client_assertion must be the endpoint invoked for the request.`);
    const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const scopes = asked.filter((scope) => oauth.scopes.includes(scope));
    if (scopes.length === 0) return { status: 400, body: { error: 'invalid_scope', error_description: 'The following scopes are not allowed: ' + asked.join(', ') } };
    const token = `sim-access-${this.accessTokens.size + 1}`;
    this.accessTokens.set(token, scopes);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: token, scope: scopes.join(' ') } };
  }

  private route(method: string, url: URL, body: Record<string, unknown>): { status: number; body?: unknown; headers?: Record<string, string> } {
    const p = url.pathname.replace(/\/+$/, '').split('/').slice(1); // ['api','v1',...]
    if (p[0] !== 'api' || p[1] !== 'v1') throw notFound(url.pathname);
    const [, , top, id, sub, subId, ...rest] = p;
    if (top === 'apps') {
      if (id === undefined) {
        if (method === 'POST') return { status: 200, body: this.createApp(body, url.searchParams.get('activate') !== 'false') };
        if (method === 'GET') return this.listApps(url);
      } else {
        const app = this.apps.get(id);
        if (!app) throw notFound(`${id} (App)`);
        if (sub === undefined) {
          if (method === 'GET') return { status: 200, body: this.appJson(app) };
          if (method === 'PUT') return { status: 200, body: this.updateApp(app, body) };
          if (method === 'DELETE') {
            if (app.status === 'ACTIVE') throw new ApiError(403, 'E0000056', 'Delete application forbidden.');
            this.apps.delete(app.id);
            return { status: 204 };
          }
        }
        if (sub === 'lifecycle' && method === 'POST' && (subId === 'activate' || subId === 'deactivate')) {
          app.status = subId === 'activate' ? 'ACTIVE' : 'INACTIVE';
          return { status: 200, body: {} };
        }
        if (sub === 'connections' && subId === 'default') return this.connection(app, method, rest, body);
        if (sub === 'features') return this.feature(app, method, subId, body);
        if (sub === 'group-push' && subId === 'mappings') return this.mappings(app, method, rest, url, body);
      }
    }
    if (top === 'groups') {
      if (id === undefined) {
        if (method === 'POST') return { status: 200, body: this.createGroup(body) };
        if (method === 'GET') {
          const q = url.searchParams.get('q') ?? '';
          const list = [...this.groups.values()].filter((g) => String(g.profile.name ?? '').startsWith(q));
          return { status: 200, body: list.map((g) => this.groupJson(g)) };
        }
      } else if (sub === undefined) {
        const group = this.groups.get(id);
        if (!group) throw notFound(`${id} (UserGroup)`);
        if (method === 'GET') return { status: 200, body: this.groupJson(group) };
        if (method === 'PUT') {
          group.profile = { ...(body.profile as Record<string, unknown>) };
          return { status: 200, body: this.groupJson(group) };
        }
        if (method === 'DELETE') {
          this.groups.delete(id);
          return { status: 204 };
        }
      }
    }
    throw notFound(`${method} ${url.pathname}`);
  }

  // ---- apps ----

  private createApp(body: Record<string, unknown>, activate: boolean): Record<string, unknown> {
    const label = String(body.label ?? '');
    if (!label) throw new ApiError(400, 'E0000001', 'Api validation failed: label');
    const id = this.nextId('0oa', `app:${label}`);
    const signOnMode = String(body.signOnMode ?? 'SAML_2_0');
    const name = typeof body.name === 'string' ? body.name : `acmecorp_${label.toLowerCase().replace(/[^a-z0-9]/g, '')}_1`;
    const app: App = {
      id,
      name,
      label,
      status: activate ? 'ACTIVE' : 'INACTIVE',
      signOnMode,
      body: structuredClone(body),
      connection: { status: 'DISABLED', tokenSet: false },
      features: {
        USER_PROVISIONING: { status: 'DISABLED', capabilities: {} },
        INBOUND_PROVISIONING: { status: 'DISABLED', capabilities: {} },
      },
      mappings: new Map(),
      provisioningApi: 'connections',
      targetGroups: new Map(),
      order: this.order++,
    };
    if (signOnMode === 'OPENID_CONNECT') {
      const creds = ((app.body.credentials as Record<string, unknown>).oauthClient ?? {}) as Record<string, unknown>;
      creds.client_id = typeof creds.client_id === 'string' ? creds.client_id : id;
      if (creds.omit_secret !== true) creds.client_secret = 'simulated-client-secret';
      const client = (app.body.settings as Record<string, Record<string, unknown>>).oauthClient ?? {};
      client.response_types ??= ['code'];
      client.grant_types ??= ['authorization_code'];
      creds.pkce_required ??= false;
      (app.body.credentials as Record<string, unknown>).oauthClient = creds;
    }
    this.apps.set(id, app);
    return this.appJson(app);
  }

  private updateApp(app: App, body: Record<string, unknown>): Record<string, unknown> {
    if (typeof body.label === 'string') app.label = body.label;
    const keep = app.body.credentials as Record<string, Record<string, unknown>> | undefined;
    app.body = structuredClone(body);
    if (app.signOnMode === 'OPENID_CONNECT' && keep?.oauthClient) {
      const creds = (((app.body.credentials as Record<string, unknown>) ?? {}).oauthClient ?? {}) as Record<string, unknown>;
      creds.client_id = keep.oauthClient.client_id;
      if (keep.oauthClient.client_secret) creds.client_secret = keep.oauthClient.client_secret;
      (app.body.credentials as Record<string, unknown>).oauthClient = creds;
    }
    return this.appJson(app);
  }

  private appJson(app: App): Record<string, unknown> {
    const entityKey = okId('exk', app.id);
    const base = ORG_URL;
    return {
      ...app.body,
      id: app.id,
      name: app.name,
      label: app.label,
      status: app.status,
      signOnMode: app.signOnMode,
      created: FIXED_TIME,
      lastUpdated: FIXED_TIME,
      features: app.connection.status === 'ENABLED' ? ['GROUP_PUSH', 'PUSH_NEW_USERS'] : [],
      ...(app.signOnMode === 'SAML_2_0'
        ? {
            saml: {
              keyId: okId('kid', app.id),
              certificate: `MIIC${okId('', app.id)}`,
              metadata: `<md:EntityDescriptor entityID="http://www.okta.com/${entityKey}"/>`,
              metadataUrl: `${base}/api/v1/apps/${app.id}/sso/saml/metadata`,
              httpPostBinding: `${base}/app/${app.name}/${entityKey}/sso/saml`,
              httpRedirectBinding: `${base}/app/${app.name}/${entityKey}/sso/saml`,
              entityKey,
              entityUrl: `http://www.okta.com/${entityKey}`,
              embedUrl: `${base}/home/${app.name}/${app.id}/aln1`,
            },
          }
        : {}),
      _links: { self: { href: `${base}/api/v1/apps/${app.id}` } },
    };
  }

  private page<T extends { id: string }>(all: T[], url: URL, fallback: number, max: number): { items: T[]; headers: Record<string, string> } {
    const asked = Math.min(Math.max(Number(url.searchParams.get('limit') ?? fallback) || fallback, 1), max);
    const limit = Math.min(asked, this.options.pageCap ?? asked);
    const after = url.searchParams.get('after');
    const start = after ? all.findIndex((m) => m.id === after) + 1 : 0;
    const items = all.slice(start, start + limit);
    const kept = new URLSearchParams(url.searchParams);
    kept.delete('after');
    const links = [`<${this.url}${url.pathname}?${kept.toString()}>; rel="self"`];
    const last = items[items.length - 1];
    if (last && start + limit < all.length) {
      kept.set('after', last.id);
      links.push(`<${this.url}${url.pathname}?${kept.toString()}>; rel="next"`);
    }
    return { items, headers: { Link: links.join(', ') } };
  }

  private listApps(url: URL): { status: number; body: unknown; headers?: Record<string, string> } {
    if (url.searchParams.has('limit')) {
      const { items, headers } = this.page([...this.apps.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)), url, 20, 200);
      return { status: 200, body: items.map((a) => this.appJson(a)), headers };
    }
    const q = url.searchParams.get('q') ?? '';
    const filter = url.searchParams.get('filter') ?? '';
    const onlyActive = /status eq "ACTIVE"/.test(filter);
    const list = [...this.apps.values()]
      .sort((a, b) => a.order - b.order)
      .filter((a) => a.label.startsWith(q) || a.name.startsWith(q))
      .filter((a) => !onlyActive || a.status === 'ACTIVE');
    return { status: 200, body: list.map((a) => this.appJson(a)) };
  }

  // ---- provisioning connection ----

  private connection(app: App, method: string, rest: string[], body: Record<string, unknown>): { status: number; body?: unknown } {
    if (rest.length === 0 && method === 'GET') return { status: 200, body: this.connectionJson(app) };
    if (rest.length === 0 && method === 'POST') {
      const profile = (body.profile ?? {}) as Record<string, unknown>;
      if (typeof profile.authScheme !== 'string') throw new ApiError(400, 'E0000001', 'Api validation failed: profile.authScheme');
      app.connection.authScheme = profile.authScheme;
      if (typeof body.baseUrl === 'string') app.connection.baseUrl = body.baseUrl;
      app.connection.tokenSet = typeof profile.token === 'string' || typeof profile.clientId === 'string';
      return { status: 200, body: this.connectionJson(app) };
    }
    if (rest[0] === 'lifecycle' && method === 'POST' && (rest[1] === 'activate' || rest[1] === 'deactivate')) {
      if (rest[1] === 'activate' && !app.connection.tokenSet) throw new ApiError(400, 'E0000001', 'Api validation failed: the provisioning connection has no credentials');
      app.connection.status = rest[1] === 'activate' ? 'ENABLED' : 'DISABLED';
      app.features.USER_PROVISIONING = { ...(app.features.USER_PROVISIONING ?? { capabilities: {} }), status: rest[1] === 'activate' ? 'ENABLED' : 'DISABLED' };
      return { status: 204 };
    }
    throw notFound(`${method} connections/default/${rest.join('/')}`);
  }

  private connectionJson(app: App): Record<string, unknown> {
    const scheme = app.connection.authScheme ?? 'UNKNOWN';
    return {
      authScheme: scheme,
      ...(app.connection.baseUrl ? { baseUrl: app.connection.baseUrl } : {}),
      status: app.connection.status,
      profile: { authScheme: scheme },
      _links: {},
    };
  }

  // ---- features ----

  private feature(app: App, method: string, name: string | undefined, body: Record<string, unknown>): { status: number; body?: unknown } {
    if (app.provisioningApi === 'none') throw notFound(`features of ${app.id}`);
    if (name === undefined && method === 'GET' && app.provisioningApi === 'features' && app.features.USER_PROVISIONING?.status !== 'ENABLED') {
      throw new ApiError(400, 'E0000001', 'Api validation failed: Provisioning is not enabled for the app instance.', ['Provisioning is not enabled for the app instance.']);
    }
    if (name === undefined && method === 'GET') {
      return { status: 200, body: Object.entries(app.features).map(([n, f]) => ({ name: n, status: f.status, capabilities: f.capabilities })) };
    }
    const feature = name ? app.features[name] : undefined;
    if (!name || !feature) throw notFound(`feature ${String(name)}`);
    if (app.connection.status !== 'ENABLED' && name === 'USER_PROVISIONING' && method === 'PUT') {
      throw new ApiError(400, 'E0000001', 'Api validation failed: provisioning is not enabled for this app');
    }
    if (method === 'PUT') feature.capabilities = (body.capabilities ?? {}) as Record<string, unknown>;
    else if (method !== 'GET') throw notFound(`${method} features/${name}`);
    return { status: 200, body: { name, status: feature.status, capabilities: feature.capabilities } };
  }

  // ---- group push ----

  private requireProvisioning(app: App): void {
    if (app.connection.status !== 'ENABLED') {
      throw new ApiError(400, 'E0000001', `Api validation failed: you must have provisioning enabled in the target app to use group push mappings (app ${app.id})`);
    }
  }

  private mappings(app: App, method: string, rest: string[], url: URL, body: Record<string, unknown>): { status: number; body?: unknown; headers?: Record<string, string> } {
    const [mappingId] = rest;
    if (mappingId === undefined) {
      if (method === 'GET' && app.provisioningApi === 'none') throw new ApiError(400, 'E0000001', 'Api validation failed: Group Push is not supported for this app');
      if (method === 'GET') return this.listMappings(app, url);
      if (method === 'POST') return { status: 200, body: this.createMapping(app, body) };
      throw notFound(`${method} group-push/mappings`);
    }
    const mapping = app.mappings.get(mappingId);
    if (!mapping) throw notFound(`${mappingId} (GroupPushMapping)`);
    if (method === 'GET') return { status: 200, body: this.mappingJson(mapping) };
    if (method === 'PATCH') {
      this.requireProvisioning(app);
      const status = body.status;
      if (status !== 'ACTIVE' && status !== 'INACTIVE') throw new ApiError(400, 'E0000001', 'Api validation failed: status');
      mapping.status = status;
      return { status: 200, body: this.mappingJson(mapping) };
    }
    if (method === 'DELETE') {
      this.requireProvisioning(app);
      if (mapping.status !== 'INACTIVE' && mapping.status !== 'ERROR') {
        throw new ApiError(400, 'E0000001', 'Api validation failed: a group push mapping must be INACTIVE or ERROR to be deleted');
      }
      app.mappings.delete(mappingId);
      if (url.searchParams.get('deleteTargetGroup') === 'true') app.targetGroups.delete(mapping.targetGroupId);
      return { status: 204 };
    }
    throw notFound(`${method} group-push/mappings/${mappingId}`);
  }

  private createMapping(app: App, body: Record<string, unknown>): Record<string, unknown> {
    this.requireProvisioning(app);
    const sourceGroupId = String(body.sourceGroupId ?? '');
    if (!this.groups.has(sourceGroupId)) throw new ApiError(400, 'E0000001', `Api validation failed: sourceGroupId ${sourceGroupId} is not a group`);
    for (const m of app.mappings.values()) {
      if (m.sourceGroupId === sourceGroupId) throw new ApiError(400, 'E0000001', 'Api validation failed: a mapping for this source group exists');
    }
    let targetGroupId = typeof body.targetGroupId === 'string' ? body.targetGroupId : undefined;
    if (targetGroupId === undefined) {
      const name = String(body.targetGroupName ?? '');
      if (!name) throw new ApiError(400, 'E0000001', 'Api validation failed: targetGroupId or targetGroupName');
      targetGroupId = [...app.targetGroups].find(([, n]) => n === name)?.[0] ?? okId('00g', `target:${app.id}:${name}`);
      app.targetGroups.set(targetGroupId, name);
    }
    const status = body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE';
    const mapping: Mapping = {
      id: this.nextId('gPm', `mapping:${app.id}:${sourceGroupId}`),
      sourceGroupId,
      targetGroupId,
      status,
      ...(body.appConfig ? { appConfig: body.appConfig as Record<string, unknown> } : {}),
      created: FIXED_TIME,
      lastUpdated: FIXED_TIME,
    };
    app.mappings.set(mapping.id, mapping);
    return this.mappingJson(mapping);
  }

  private listMappings(app: App, url: URL): { status: number; body: unknown; headers: Record<string, string> } {
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 100) || 100, 1), 1000, this.options.pageCap ?? 1000);
    const after = url.searchParams.get('after');
    const sourceGroupId = url.searchParams.get('sourceGroupId');
    const status = url.searchParams.get('status');
    const all = [...app.mappings.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((m) => !sourceGroupId || m.sourceGroupId === sourceGroupId)
      .filter((m) => !status || m.status === status);
    const start = after ? all.findIndex((m) => m.id === after) + 1 : 0;
    const page = all.slice(start, start + limit);
    const links = [`<${this.url}${url.pathname}?limit=${limit}>; rel="self"`];
    const last = page[page.length - 1];
    if (last && start + limit < all.length) links.push(`<${this.url}${url.pathname}?after=${last.id}&limit=${limit}>; rel="next"`);
    return { status: 200, body: page.map((m) => this.mappingJson(m)), headers: { Link: links.join(', ') } };
  }

  private mappingJson(m: Mapping): Record<string, unknown> {
    return {
      id: m.id,
      sourceGroupId: m.sourceGroupId,
      targetGroupId: m.targetGroupId,
      status: m.status,
      ...(m.appConfig ? { appConfig: m.appConfig } : {}),
      created: m.created,
      lastUpdated: m.lastUpdated,
      lastPush: null,
      errorSummary: m.errorSummary ?? null,
      _links: {},
    };
  }

  // ---- groups ----

  private createGroup(body: Record<string, unknown>): Record<string, unknown> {
    const profile = (body.profile ?? {}) as Record<string, unknown>;
    const name = String(profile.name ?? '');
    if (!name) throw new ApiError(400, 'E0000001', 'Api validation failed: profile.name');
    for (const g of this.groups.values()) if (g.profile.name === name) throw new ApiError(400, 'E0000001', 'Api validation failed: name: An object with this field already exists in the current organization');
    const group: Group = { id: this.nextId('00g', `group:${name}`), profile: { ...profile }, type: 'OKTA_GROUP' };
    this.groups.set(group.id, group);
    return this.groupJson(group);
  }

  private groupJson(g: Group): Record<string, unknown> {
    return { id: g.id, type: g.type, profile: g.profile, created: FIXED_TIME, lastUpdated: FIXED_TIME, _links: {} };
  }
}
