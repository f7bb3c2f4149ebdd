// The audit as a user runs it: the installed package's bin against the loopback org, in its own process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { freshProject } from '../support/packed';
import { OktaSimulator } from '../oracle/simulator';

const TOKEN = 'ssws-installed-token-0123456789';

function run(bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  // Asynchronous: the org answers from this process, so it must not be blocked while the bin runs.
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 2) : 0, stdout, stderr });
    });
  });
}

describe('audit from the installed package', () => {
  let dir: string;
  let sim: OktaSimulator;
  beforeAll(async () => {
    dir = freshProject();
    sim = new OktaSimulator({ token: TOKEN, pageCap: 1 });
    await sim.start();
    sim.seed([
      { label: 'Slack', provisioning: 'DISABLED', mappings: [{ group: 'Engineering' }] },
      { label: 'Jira', provisioning: 'ENABLED', mappings: [{ group: 'Engineering' }] },
    ]);
  }, 120_000);
  afterAll(() => sim.stop());

  it('finds the orphan with GET requests only, exit 1', async () => {
    const bin = join(dir, 'node_modules/.bin/okta-push-guard');
    const result = await run(bin, ['audit', '--org-url', sim.url, '--no-config'], dir, { OKTA_API_TOKEN: TOKEN });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`error    OPG001  okta_app/${sim.dump().apps.find((a) => a.label === 'Slack')!.id}/group_push/${sim.mappingId('Slack', 'Engineering')}`);
    expect(result.stdout).toContain('source group "Engineering"');
    expect(result.code).toBe(1);
    expect(new Set(sim.calls.map((c) => c.method))).toEqual(new Set(['GET']));
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });
});
