// `okta-push-guard audit` against the loopback Okta org: what it reads (GET only, paged), what it
// finds, and how it fails closed (401, 403, an unreachable org, answers too slow or refused).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { main } from '../../src/cli/main';
import { captureIo } from '../support/io';
import { OktaSimulator, type SeedApp } from '../oracle/simulator';

const TOKEN = 'ssws-test-token-0123456789';
const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const ORG: SeedApp[] = [
  {
    label: 'Slack',
    provisioning: 'DISABLED',
    mappings: [{ group: 'Engineering' }, { group: 'Sales', status: 'INACTIVE' }, { group: 'Operations', status: 'ERROR', errorSummary: 'Invalid credentials' }],
  },
  { label: 'Wiki', provisioning: 'DISABLED', provisioningApi: 'features', mappings: [{ group: 'Engineering' }] },
  { label: 'Jira', provisioning: 'ENABLED', mappings: [{ group: 'Engineering' }] },
  { label: 'Legacy', status: 'INACTIVE', provisioning: 'ENABLED', mappings: [{ group: 'Sales' }] },
  { label: 'Bookmark', provisioningApi: 'none' },
];

describe('okta-push-guard audit', () => {
  let sim: OktaSimulator;
  let ids: Map<string, string>;
  let dir: string;

  beforeEach(async () => {
    // Two items a page: the 5 apps come in 3 pages, Slack's 3 mappings in 2.
    sim = new OktaSimulator({ token: TOKEN, pageCap: 2 });
    await sim.start();
    ids = sim.seed(ORG);
    dir = mkdtempSync(join(tmpdir(), 'opg-audit-'));
  });
  afterEach(() => sim.stop());

  async function audit(args: string[] = [], env: NodeJS.ProcessEnv = { OKTA_API_TOKEN: TOKEN }, extra: Parameters<typeof captureIo>[0] = {}) {
    const io = captureIo({ cwd: dir, env, ...extra });
    const code = await main(['audit', '--org-url', sim.url, ...(args.includes('--config') ? [] : ['--no-config']), ...args], io);
    return { code, out: io.out(), err: io.err() };
  }

  const addressOf = (label: string, group: string): string => `okta_app/${ids.get(label)}/group_push/${sim.mappingId(label, group)}`;

  it('reports every orphaned mapping, reading the org with GET only and following every next link', async () => {
    const { code, out, err } = await audit(['--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { inputs: { path: string; kind: string }[]; findings: { ruleId: string; address: string; message: string; severity: string; app: string }[] };
    expect(validate(report)).toBe(true);
    expect(report.inputs).toEqual([expect.objectContaining({ path: sim.url, kind: 'org' })]);
    const found = report.findings.map((f) => `${f.ruleId} ${f.address}`).sort();
    expect(found).toEqual(
      [
        `OPG001 ${addressOf('Slack', 'Engineering')}`,
        `OPG001 ${addressOf('Slack', 'Sales')}`,
        `OPG001 ${addressOf('Slack', 'Operations')}`,
        `OPG001 ${addressOf('Wiki', 'Engineering')}`,
        `OPG004 ${addressOf('Legacy', 'Sales')}`,
      ].sort(),
    );
    const message = (address: string): string => report.findings.find((f) => f.address === address)!.message;
    expect(message(addressOf('Slack', 'Operations'))).toContain('source group "Operations"');
    expect(message(addressOf('Slack', 'Operations'))).toContain('status ERROR: Invalid credentials');
    expect(message(addressOf('Slack', 'Engineering'))).toContain('("Slack")');
    expect(message(addressOf('Wiki', 'Engineering'))).toContain('Provisioning is not enabled for the app instance.');
    expect(message(addressOf('Legacy', 'Sales'))).toContain('which is INACTIVE');

    expect(new Set(sim.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    const targets = sim.calls.map((c) => c.target);
    expect(targets[0]).toBe('/api/v1/apps?limit=200');
    expect(targets.filter((t) => t.startsWith('/api/v1/apps?'))).toHaveLength(3);
    expect(targets.filter((t) => t.startsWith(`/api/v1/apps/${ids.get('Slack')}/group-push/mappings`))).toHaveLength(2);
    expect(targets).toContain(`/api/v1/apps/${ids.get('Slack')}/group-push/mappings?limit=1000`);
    // Provisioning on and the app ACTIVE: nothing can be orphaned, the mappings are not read.
    expect(targets.some((t) => t.startsWith(`/api/v1/apps/${ids.get('Jira')}/group-push`))).toBe(false);
    // No provisioning at all (features 404, mapping list 400): no Group Push, nothing to report.
    expect(targets).toContain(`/api/v1/apps/${ids.get('Bookmark')}/group-push/mappings?limit=1000`);
    expect(report.findings.some((f) => f.address.includes(ids.get('Bookmark')!))).toBe(false);
    // The connections API does not cover Wiki: its features decide.
    expect(targets).toContain(`/api/v1/apps/${ids.get('Wiki')}/features`);
  });

  it('applies suppressions by address glob, baselines and --fail-on like lint', async () => {
    const config = join(dir, 'okta-push-guard.json');
    writeFileSync(
      config,
      JSON.stringify({ suppressions: [{ rule: 'OPG001', address: `okta_app/${ids.get('Slack')}/group_push/*`, reason: 'Slack is being retired this week', until: '2999-01-01' }] }),
    );
    const suppressed = await audit(['--config', config, '--format', 'json']);
    const report = JSON.parse(suppressed.out) as { findings: { ruleId: string; address: string; suppressed: unknown }[] };
    expect(report.findings.filter((f) => f.suppressed !== null).map((f) => f.address).sort()).toEqual(
      [addressOf('Slack', 'Engineering'), addressOf('Slack', 'Operations'), addressOf('Slack', 'Sales')].sort(),
    );
    expect(suppressed.code).toBe(1); // Wiki's orphan is not suppressed

    const baseline = join(dir, 'baseline.json');
    expect((await audit(['--write-baseline', baseline])).code).toBe(0);
    const again = await audit(['--baseline', baseline, '--format', 'json']);
    expect(again.code).toBe(0);
    expect((await audit(['--fail-on', 'none'])).code).toBe(0);
    expect((await audit(['--fail-on', 'note'])).code).toBe(1);
  });

  it('writes every format from one run', async () => {
    const { code } = await audit(['--format', 'sarif', '-o', 'audit.sarif', '--report', 'markdown:audit.md', '--report', 'junit:audit.xml', '--report', 'github:audit.txt']);
    expect(code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'audit.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.filter((r) => r.ruleId === 'OPG001')).toHaveLength(4);
    expect(readFileSync(join(dir, 'audit.md'), 'utf8')).toContain(addressOf('Wiki', 'Engineering'));
    expect(readFileSync(join(dir, 'audit.xml'), 'utf8')).toContain('OPG004');
    expect(readFileSync(join(dir, 'audit.txt'), 'utf8')).toContain('::error');
  });

  it('waits out a 429 by its reset header and retries', async () => {
    sim.rateLimitOnce('GET', `^/api/v1/apps/${ids.get('Slack')}/connections/default$`);
    const { code, err } = await audit();
    expect(err).toBe('');
    expect(code).toBe(1);
    const slack = sim.calls.filter((c) => c.target === `/api/v1/apps/${ids.get('Slack')}/connections/default`);
    expect(slack.map((c) => c.status)).toEqual([429, 200]);
  });

  it('reads provisioning from features where the connection answers 404, and retries a 500', async () => {
    sim.setFailures([{ method: 'GET', path: `^/api/v1/apps/${ids.get('Slack')}/connections/default$`, status: 404 }]);
    const first = await audit(['--format', 'json']);
    const findings = (JSON.parse(first.out) as { findings: { ruleId: string; address: string; message: string }[] }).findings;
    const slack = findings.find((f) => f.address === addressOf('Slack', 'Engineering'))!;
    expect(slack.ruleId).toBe('OPG001');
    expect(slack.message).toContain(`okta_app/${ids.get('Slack')}/features`);

    sim.setFailures([{ method: 'GET', path: `^/api/v1/apps/${ids.get('Wiki')}/group-push/mappings$`, status: 500 }]);
    const failing = await audit(['--format', 'json']);
    const wiki = (JSON.parse(failing.out) as { findings: { ruleId: string; address: string; message: string }[] }).findings.filter((f) => f.address.startsWith(`okta_app/${ids.get('Wiki')}/`));
    // Still 500 after the retries: never a pass, an undecided verdict naming the answer.
    expect(wiki.map((f) => f.ruleId)).toEqual(['OPG005']);
    expect(wiki[0]!.message).toContain('HTTP 500');
    expect(sim.calls.filter((c) => c.target.startsWith(`/api/v1/apps/${ids.get('Wiki')}/group-push/mappings`) && c.status === 500).length).toBeGreaterThan(1);
  }, 20_000);

  it('reports an app whose answers are too slow as undecided, not as clean', async () => {
    sim.setDelays([{ method: 'GET', path: `^/api/v1/apps/${ids.get('Slack')}/connections/default$`, ms: 1500 }]);
    const { code, out, err } = await audit(['--timeout', '0.2', '--format', 'json', '--fail-on-unknown']);
    expect(err).toBe('');
    const findings = (JSON.parse(out) as { findings: { ruleId: string; address: string; message: string }[] }).findings.filter((f) => f.address.startsWith(`okta_app/${ids.get('Slack')}/`));
    expect(findings.map((f) => f.ruleId)).toEqual(['OPG005', 'OPG005', 'OPG005']);
    expect(findings[0]!.message).toContain('no answer before the timeout');
    expect(code).toBe(1);
  }, 20_000);

  it('exits 2 naming the org when the token is refused, and never prints it', async () => {
    const wrong = 'ssws-wrong-token-9876543210';
    const { code, out, err } = await audit(['--format', 'json'], { OKTA_API_TOKEN: wrong });
    expect(code).toBe(2);
    expect(err).toBe(`okta-push-guard: error: ${sim.url}: the SSWS API token was refused (HTTP 401 E0000011 Invalid token provided on GET /api/v1/apps); check that it is valid and not revoked\n`);
    expect(JSON.parse(out)).toMatchObject({ error: { code: 'org-unreadable' } });
    expect(out + err).not.toContain(wrong);
  });

  it('exits 2 naming the missing scope on a 403', async () => {
    sim.setFailures([{ method: 'GET', path: '/group-push/mappings$', status: 403 }]);
    const { code, err } = await audit();
    expect(code).toBe(2);
    expect(err).toMatch(/^okta-push-guard: error: http:\/\/127\.0\.0\.1:\d+: permission denied \(HTTP 403 E0000006 .*\): the SSWS API token needs the okta\.apps\.read scope/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when the org cannot be reached, with the cause', async () => {
    await sim.stop();
    const { code, err } = await audit();
    expect(code).toBe(2);
    expect(err).toMatch(/^okta-push-guard: error: http:\/\/127\.0\.0\.1:\d+: cannot reach the org \(ECONNREFUSED/);
  });

  it('reads only https orgs, except on loopback, and needs credentials', async () => {
    const io = captureIo({ cwd: dir, env: { OKTA_API_TOKEN: TOKEN } });
    expect(await main(['audit', '--org-url', 'http://acme.okta.com'], io)).toBe(2);
    expect(io.err()).toContain('only https:// org URLs are read');
    const none = await audit([], {});
    expect(none.code).toBe(2);
    expect(none.err).toContain('no credentials: set OKTA_API_TOKEN');
    expect(sim.calls).toEqual([]);
    const noOrg = captureIo({ cwd: dir, env: { OKTA_API_TOKEN: TOKEN } });
    expect(await main(['audit'], noOrg)).toBe(2);
    expect(noOrg.err()).toContain('no org given');
  });

  it('draws a progress line on a terminal only', async () => {
    const tty = await audit([], { OKTA_API_TOKEN: TOKEN }, { stderrIsTTY: true });
    expect(tty.err).toContain('5 of 5 apps read');
    const pipe = await audit();
    expect(pipe.err).toBe('');
  });

  describe('with an OAuth 2.0 service app (private_key_jwt)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const env = { OKTA_API_CLIENT_ID: '0oaserviceapp', OKTA_API_PRIVATE_KEY: pem, OKTA_API_PRIVATE_KEY_ID: 'kid-1' };

    async function oauthSim(scopes: string[]): Promise<void> {
      await sim.stop();
      sim = new OktaSimulator({ token: TOKEN, oauth: { clientId: '0oaserviceapp', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), scopes } });
      await sim.start();
      ids = sim.seed(ORG);
    }

    it('asks for an access token with the least-privilege scopes, then reads with GET only', async () => {
      await oauthSim(['okta.apps.read', 'okta.groups.read']);
      const { code, err } = await audit([], env);
      expect(err).toBe('');
      expect(code).toBe(1);
      const posts = sim.calls.filter((c) => c.method !== 'GET');
      expect(posts.map((c) => `${c.method} ${c.target} ${c.status}`)).toEqual(['POST /oauth2/v1/token 200']);
    });

    it('names the missing scope of a 403', async () => {
      await oauthSim(['okta.apps.read']);
      const { code, out, err } = await audit([], env);
      expect(code).toBe(2);
      expect(err).toContain('needs the okta.groups.read scope');
      expect(out + err).not.toContain('BEGIN PRIVATE KEY');
      expect(out + err).not.toContain('sim-access-');
    });
  });
});
