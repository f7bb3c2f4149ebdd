// `lint PLAN --org-url`: the plan judged against the mappings the org holds, and no network without
// --org-url; then `remediate` from the reports of both commands.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';
import { OktaSimulator } from '../oracle/simulator';

const TOKEN = 'ssws-test-token-0123456789';
// A real plan (Terraform with the provider double): okta_app_connection.slack deactivates while
// okta_push_group.eng and okta_push_group.ops stay. The simulator derives the same ids from the labels.
const PLAN = join(FIXTURES, 'real-orphan-after-deactivate', 'plan.json');

interface JsonReport {
  inputs: { path: string; kind: string }[];
  findings: { ruleId: string; address: string; input: string; message: string }[];
}

describe('lint --org-url', () => {
  let sim: OktaSimulator;
  let dir: string;
  beforeEach(async () => {
    sim = new OktaSimulator({ token: TOKEN });
    await sim.start();
    sim.seed([
      {
        label: 'Slack',
        provisioning: 'ENABLED',
        // Engineering and Operations are the plan's; Contractors was pushed from the Admin Console.
        mappings: [{ group: 'Engineering' }, { group: 'Operations', status: 'INACTIVE' }, { group: 'Contractors' }],
      },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'opg-lint-org-'));
  });
  afterEach(() => sim.stop());

  async function run(args: string[], env: NodeJS.ProcessEnv = { OKTA_API_TOKEN: TOKEN }) {
    const io = captureIo({ cwd: dir, env });
    const code = await main(args, io);
    return { code, out: io.out(), err: io.err() };
  }

  it('counts the mappings only the org holds as remaining, by their live ids', async () => {
    const { code, out, err } = await run(['lint', PLAN, '--org-url', sim.url, '--no-config', '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(out) as JsonReport;
    expect(report.inputs.map((i) => i.kind)).toEqual(['plan', 'org']);
    const contractors = `okta_app/0oakzXzmiQjiKt2lH9Ir/group_push/${sim.mappingId('Slack', 'Contractors')}`;
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`).sort()).toEqual(
      ['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops', `OPG001 ${contractors}`].sort(),
    );
    const live = report.findings.find((f) => f.address === contractors)!;
    expect(live.input).toBe(sim.url);
    expect(live.message).toContain('source group "Contractors"');
    expect(live.message).toContain('okta_app_connection.slack');
    expect(new Set(sim.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    writeFileSync(join(dir, 'lint.json'), out);

    const runbook = await run(['remediate', 'lint.json']);
    expect(runbook.code).toBe(0);
    const md = runbook.out;
    // Terraform manages the connection: one apply per step, the org-only mapping imported first.
    const at = (text: string): number => {
      const i = md.indexOf(text);
      expect(i).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('Apply 1: enable provisioning')).toBeLessThan(at('Apply 2:'));
    expect(at(`id = "0oakzXzmiQjiKt2lH9Ir/${sim.mappingId('Slack', 'Contractors')}"`)).toBeLessThan(at('Apply 3: remove the mappings'));
    expect(at('Apply 3: remove the mappings')).toBeLessThan(at('Apply 4: disable provisioning again'));
    expect(md).toContain('delete_target_group_on_destroy = false');
    expect(md).not.toContain('delete_target_group_on_destroy = true');
  });

  it('keeps the plan\'s OPG002 where it also removes the mappings, and adds the org-only one', async () => {
    // The same app; this plan deletes okta_push_group.eng and .ops while it deactivates the connection.
    const plan = join(FIXTURES, 'real-shutdown-same-plan', 'plan.json');
    const { code, out } = await run(['lint', plan, '--org-url', sim.url, '--no-config', '--format', 'json']);
    expect(code).toBe(1);
    const findings = (JSON.parse(out) as JsonReport).findings;
    expect(findings.filter((f) => f.ruleId !== 'OPG003').map((f) => `${f.ruleId} ${f.address}`).sort()).toEqual(
      ['OPG002 okta_app_connection.slack', `OPG001 okta_app/0oakzXzmiQjiKt2lH9Ir/group_push/${sim.mappingId('Slack', 'Contractors')}`].sort(),
    );
  });

  it('touches no network without --org-url, whatever the environment says', async () => {
    const spy = jest.spyOn(globalThis, 'fetch');
    try {
      const { code } = await run(['lint', PLAN, '--no-config'], { OKTA_API_TOKEN: TOKEN, OKTA_ORG_NAME: 'acme', OKTA_BASE_URL: 'okta.com' });
      expect(code).toBe(1);
      expect(spy).not.toHaveBeenCalled();
      expect(sim.calls).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it('reads the org named by the configuration\'s orgUrl, and none without it', async () => {
    writeFileSync(join(dir, '.okta-push-guard.json'), JSON.stringify({ orgUrl: sim.url }));
    const { code, out, err } = await run(['lint', PLAN, '--format', 'json']);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect((JSON.parse(out) as JsonReport).inputs.map((i) => i.kind)).toEqual(['plan', 'org']);
    const calls = sim.calls.length;
    expect(calls).toBeGreaterThan(0);
    const off = await run(['lint', PLAN, '--no-config', '--format', 'json']);
    expect((JSON.parse(off.out) as JsonReport).inputs.map((i) => i.kind)).toEqual(['plan']);
    expect(sim.calls.length).toBe(calls);
  });

  it('exits 2 when the org refuses the token', async () => {
    const { code, err } = await run(['lint', PLAN, '--org-url', sim.url, '--no-config'], { OKTA_API_TOKEN: 'not-the-token-1234' });
    expect(code).toBe(2);
    expect(err).toContain(`${sim.url}: the SSWS API token was refused`);
    expect(err).not.toContain('not-the-token-1234');
  });

  it('refuses --timeout without --org-url', async () => {
    const { code, err } = await run(['lint', PLAN, '--timeout', '5']);
    expect(code).toBe(2);
    expect(err).toBe('okta-push-guard: error: --timeout: no org is read: give --org-url too (or orgUrl in the configuration)\n');
  });
});

describe('remediate', () => {
  let sim: OktaSimulator;
  let dir: string;
  beforeEach(async () => {
    sim = new OktaSimulator({ token: TOKEN });
    await sim.start();
    sim.seed([
      { label: 'Slack', provisioning: 'DISABLED', mappings: [{ group: 'Engineering' }, { group: 'Sales', status: 'INACTIVE' }] },
      { label: 'Wiki', provisioning: 'DISABLED', provisioningApi: 'features', mappings: [{ group: 'Engineering' }] },
    ]);
    dir = mkdtempSync(join(tmpdir(), 'opg-remediate-'));
  });
  afterEach(() => sim.stop());

  it('writes the steps of the article, in its order, from an audit report, and sends nothing', async () => {
    const io = captureIo({ cwd: dir, env: { OKTA_API_TOKEN: TOKEN } });
    expect(await main(['audit', '--org-url', sim.url, '--no-config', '--format', 'json', '-o', 'audit.json'], io)).toBe(1);
    const before = sim.calls.length;
    const json = captureIo({ cwd: dir });
    expect(await main(['remediate', 'audit.json', '--format', 'json'], json)).toBe(0);
    const runbook = JSON.parse(json.out()) as { writes: string; deleteTargetGroup: boolean; apps: { appId: string; steps: { title: string; request?: string; console?: string }[] }[] };
    expect(runbook.writes).toBe('none');
    expect(runbook.deleteTargetGroup).toBe(false);
    const slackId = sim.dump().apps.find((a) => a.label === 'Slack')!.id;
    const slack = runbook.apps.find((a) => a.appId === slackId)!;
    const eng = sim.mappingId('Slack', 'Engineering');
    const requests = slack.steps.map((s) => s.request);
    expect(requests[0]).toBe(`POST /api/v1/apps/${slackId}/connections/default`);
    expect(requests[1]).toBe(`POST /api/v1/apps/${slackId}/connections/default/lifecycle/activate`);
    expect(requests.indexOf(`PATCH /api/v1/apps/${slackId}/group-push/mappings/${eng}`)).toBeLessThan(requests.indexOf(`DELETE /api/v1/apps/${slackId}/group-push/mappings/${eng}?deleteTargetGroup=false`));
    expect(requests[requests.length - 1]).toBe(`POST /api/v1/apps/${slackId}/connections/default/lifecycle/deactivate`);
    // The connections API does not cover Wiki: its provisioning steps are the Admin Console's.
    const wiki = runbook.apps.find((a) => a.appId !== slackId)!;
    expect(wiki.steps[1]!.console).toContain('Enable API integration');
    expect(sim.calls.length).toBe(before);

    const md = captureIo({ cwd: dir });
    expect(await main(['remediate', 'audit.json', '--delete-target-groups', '-o', 'runbook.md'], md)).toBe(0);
    expect(readFileSync(join(dir, 'runbook.md'), 'utf8')).toContain(`deleteTargetGroup=true`);
  });

  it('refuses a file that is not a report', async () => {
    writeFileSync(join(dir, 'plan.json'), readFileSync(PLAN));
    const io = captureIo({ cwd: dir });
    expect(await main(['remediate', 'plan.json'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: plan.json: not a JSON report of okta-push-guard (write one with audit or lint --format json)\n');
  });
});
