// The simulated org's Okta semantics, and the double's wire format and planning rules, without Terraform.
import { OktaClient, OktaApiError } from './provider/client';
import { plan } from './provider/plan';
import { RESOURCES } from './provider/resources';
import { decodeDynamic, encodeDynamic, UNKNOWN, isUnknown } from './provider/values';
import { OktaSimulator } from './simulator';

const TOKEN = 'test-token-not-secret';

describe('simulated Okta org', () => {
  let sim: OktaSimulator;
  let api: OktaClient;
  let appId: string;
  let groupId: string;

  beforeEach(async () => {
    sim = new OktaSimulator({ token: TOKEN });
    api = new OktaClient({ origin: await sim.start(), token: TOKEN, maxRetries: 2 });
    appId = String((await api.call('POST', '/api/v1/apps', { label: 'Slack', signOnMode: 'SAML_2_0' }, { activate: true })).body.id);
    groupId = String((await api.call('POST', '/api/v1/groups', { profile: { name: 'Engineering' } })).body.id);
  });
  afterEach(() => sim.stop());

  const mappings = (): string => `/api/v1/apps/${appId}/group-push/mappings`;
  const enable = async (): Promise<void> => {
    await api.call('POST', `/api/v1/apps/${appId}/connections/default`, { baseUrl: 'https://scim.example', profile: { authScheme: 'TOKEN', token: 't' } });
    await api.call('POST', `/api/v1/apps/${appId}/connections/default/lifecycle/activate`);
  };

  it('refuses a request without the SSWS token', async () => {
    const anonymous = new OktaClient({ origin: sim.url, token: 'wrong', maxRetries: 0 });
    await expect(anonymous.call('GET', `/api/v1/apps/${appId}`)).rejects.toMatchObject({ status: 401, errorCode: 'E0000011' });
  });

  it('gives the same ids for the same objects, whatever the order they are made in', async () => {
    const other = new OktaSimulator({ token: TOKEN });
    const api2 = new OktaClient({ origin: await other.start(), token: TOKEN, maxRetries: 0 });
    const g = await api2.call('POST', '/api/v1/groups', { profile: { name: 'Engineering' } });
    const a = await api2.call('POST', '/api/v1/apps', { label: 'Slack', signOnMode: 'SAML_2_0' });
    await other.stop();
    expect([a.body.id, g.body.id]).toEqual([appId, groupId]);
  });

  it('lets Group Push work only while provisioning is enabled', async () => {
    await expect(api.call('POST', mappings(), { sourceGroupId: groupId, targetGroupName: 'eng' })).rejects.toMatchObject({ status: 400 });
    await enable();
    const m = (await api.call('POST', mappings(), { sourceGroupId: groupId, targetGroupName: 'eng' })).body;
    expect(m.status).toBe('ACTIVE');
    await api.call('POST', `/api/v1/apps/${appId}/connections/default/lifecycle/deactivate`);
    await expect(api.call('PATCH', `${mappings()}/${String(m.id)}`, { status: 'INACTIVE' })).rejects.toBeInstanceOf(OktaApiError);
    expect(sim.dump().apps[0]).toMatchObject({ connection: 'DISABLED', mappings: [{ id: m.id, status: 'ACTIVE', sourceGroupId: groupId }] });
  });

  it('deletes a mapping only when it is INACTIVE, with deleteTargetGroup as sent', async () => {
    await enable();
    const m = (await api.call('POST', mappings(), { sourceGroupId: groupId, targetGroupName: 'eng' })).body;
    await expect(api.call('DELETE', `${mappings()}/${String(m.id)}`, undefined, { deleteTargetGroup: false })).rejects.toMatchObject({ status: 400 });
    await api.call('PATCH', `${mappings()}/${String(m.id)}`, { status: 'INACTIVE' });
    await api.call('DELETE', `${mappings()}/${String(m.id)}`, undefined, { deleteTargetGroup: false });
    expect(sim.dump().apps[0]?.mappings).toEqual([]);
    expect(sim.calls.map((c) => `${c.method} ${c.target}`).slice(-1)).toEqual([`DELETE ${mappings()}/${String(m.id)}?deleteTargetGroup=false`]);
  });

  it('lists mappings a page at a time, with Link rel="next"', async () => {
    await enable();
    for (const name of ['A', 'B', 'C']) {
      const g = (await api.call('POST', '/api/v1/groups', { profile: { name } })).body;
      await api.call('POST', mappings(), { sourceGroupId: g.id, targetGroupName: name });
    }
    const first = await api.call<unknown[]>('GET', mappings(), undefined, { limit: 2 });
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await api.call<unknown[]>('GET', new URL(String(next)).pathname + new URL(String(next)).search);
    expect(second.body).toHaveLength(1);
    expect(second.headers.get('link')).not.toMatch(/rel="next"/);
  });

  it('answers 429 once on demand, and the double waits for X-Rate-Limit-Reset and retries', async () => {
    sim.rateLimitOnce('GET', '/api/v1/apps/');
    const started = Date.now();
    await api.call('GET', `/api/v1/apps/${appId}`);
    expect(sim.calls.slice(-2).map((c) => c.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThan(0);
  });
});

describe('provider double: values and plans', () => {
  const schema = RESOURCES.okta_push_group!.schema;

  it('encodes unknown values as msgpack extension 0 and reads them back', () => {
    const dv = encodeDynamic({ app_id: 'a', source_group_id: 'g', id: UNKNOWN }, schema);
    expect(dv.msgpack.includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true); // fixext 1, type 0
    const back = decodeDynamic(dv, schema);
    expect(isUnknown(back?.id)).toBe(true);
    expect(back).toMatchObject({ app_id: 'a', status: null, app_config: null });
  });

  it('plans push mappings as the plugin framework does: defaults, unknown computed ids, replacement', () => {
    const config = { app_id: 'a', source_group_id: 'g', target_group_name: 'eng' };
    const create = plan('framework', schema, null, config, config);
    expect(create.planned).toMatchObject({ status: 'ACTIVE', delete_target_group_on_destroy: true });
    expect(isUnknown(create.planned?.id)).toBe(true);
    expect(isUnknown(create.planned?.target_group_id)).toBe(true);

    const prior = { ...config, id: 'm1', target_group_id: 't1', status: 'ACTIVE', delete_target_group_on_destroy: true, app_config: null };
    const renamed = { ...prior, target_group_name: 'Engineering' };
    const replace = plan('framework', schema, prior, renamed, { ...config, target_group_name: 'Engineering' });
    expect(replace.requiresReplace).toEqual([['target_group_name']]);
    expect(replace.planned).toMatchObject({ id: 'm1', target_group_id: 't1' }); // UseStateForUnknown

    // After `terraform import`, the flag is null in state: the Default makes a plain update, no replacement.
    const imported = { ...prior, delete_target_group_on_destroy: null, target_group_name: null };
    const afterImport = plan('framework', schema, imported, { ...imported, target_group_name: null }, { app_id: 'a', source_group_id: 'g' });
    expect(afterImport.planned?.delete_target_group_on_destroy).toBe(true);
    expect(afterImport.requiresReplace).toEqual([]);
  });

  it('leaves a connection status unknown whenever the connection changes (no plan modifier)', () => {
    const s = RESOURCES.okta_app_connection!.schema;
    const prior = { id: 'a', base_url: 'u', action: 'activate', status: 'ENABLED', profile: { auth_scheme: 'TOKEN', token: 't', client_id: null, signing: null, settings: null } };
    const same = plan('framework', s, prior, prior, { ...prior, status: null });
    expect(same.planned?.status).toBe('ENABLED');
    const off = plan('framework', s, prior, { ...prior, action: 'deactivate' }, { ...prior, action: 'deactivate', status: null });
    expect(isUnknown(off.planned?.status)).toBe(true);
  });
});
