// The real twins that are not about OPG002's ordering (those are in order-*.test.ts): each is run again
// through real Terraform and must give the committed plan, its outcome in the simulated org must match the
// plan's verdict, and the code must get the plan's verdict. Also the scenario script itself.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FIXTURES } from '../support/fixtures';
import { describeWith } from '../support/outside';
import { ScenarioError, runScenario } from './harness';
import { TWINS, type TwinExpectations, committedPlan, comparablePlan, runTwin, scenarioDir, twinChecks } from './scenarios';

jest.setTimeout(240_000);

/** Twins whose ordering claims order-destroy.test.ts and order-update.test.ts check (with the generic checks). */
const ORDER_TWINS = new Set([
  'real-shutdown-same-plan',
  'real-shutdown-ordered-by-mapping-dependency',
  'real-shutdown-ordered-by-connection-dependency',
  'real-import-then-shutdown',
  'real-module-instances-shutdown',
  'real-deactivate-mappings-same-plan',
  'real-replace-create-before-destroy-shutdown',
  'real-replace-shutdown',
]);

/** Twins whose code cannot give the plan's verdict, and why. */
const EXPECTATIONS: Record<string, TwinExpectations> = {
  'real-refresh-only-disabled-outside': {
    code: { opg001: [], why: 'the code still says "activate"; only the refresh sees provisioning disabled in Okta' },
  },
  'real-removed-forget': {
    code: { opg001: [], why: 'a removed block does not say which app the forgotten mapping was on (an OPG005 note in code)' },
  },
};

/**
 * Classes of code (fixtures/code-*) with no real twin, and why: every other class has one, so that the code
 * and the plan Terraform makes from it are checked to agree.
 */
const CODE_WITHOUT_TWIN: Record<string, string> = {
  // Terraform reads the data source while planning and knows the instances; code cannot, and says so
  // (OPG005 on each place they may be), so the two differ by design, and fail closed.
  'code-unexpanded-for-each': 'the instances come from a data source that only Terraform reads',
  'code-secret-wrapped-literals': 'OPG007 judges the code itself; a plan holds the value, not the literal that wrote it',
};

const root = join(__dirname, '..', '..');
const run = promisify(execFile);

describeWith('terraform', 'real twins', () => {
  it('every real twin is checked by one of the oracle test files', () => {
    expect(TWINS.length).toBeGreaterThan(ORDER_TWINS.size);
    for (const twin of ORDER_TWINS) expect(TWINS).toContain(twin);
  });

  it('every class of code in fixtures/code-* has a real twin, or a reason why not', () => {
    const classes = readdirSync(FIXTURES).filter((d) => d.startsWith('code-'));
    expect(classes.length).toBeGreaterThan(Object.keys(CODE_WITHOUT_TWIN).length);
    for (const name of classes) {
      if (name in CODE_WITHOUT_TWIN) expect(TWINS).not.toContain(`real-${name}`);
      else expect(TWINS).toContain(`real-${name}`);
    }
  });

  for (const twin of TWINS.filter((t) => !ORDER_TWINS.has(t))) {
    describe(twin, () => twinChecks(twin, () => runTwin(twin), EXPECTATIONS[twin]));
  }
});

describeWith('terraform', 'the provider double against Okta\'s rate limit', () => {
  it('waits out a 429 until X-Rate-Limit-Reset and sends the call again (fixtures/real-external-app-literal-id)', async () => {
    const r = await runTwin('real-external-app-literal-id');
    const deactivations = r.calls.filter((c) => c.endsWith('/connections/default/lifecycle/deactivate'));
    expect(deactivations).toHaveLength(2);
    expect(r.calls.slice(-2)).toEqual(deactivations);
    expect(r.applyError).toBeNull();
    expect(r.org.apps.find((a) => a.label === 'Legacy HR')?.connection).toBe('DISABLED');
  });
});

describeWith('terraform', 'npm run scenario', () => {
  it('with Terraform launching the double (dev_overrides, handshake), makes the committed plan and writes the four outputs, with no secret outside the plan and state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-scenario-cli-'));
    cpSync(scenarioDir('real-orphan-after-deactivate'), dir, { recursive: true, filter: (src) => !src.endsWith('/out') });
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'scenario', '--', dir], { cwd: root });
    expect(stdout).toMatch(/wrote .*plan\.json, state\.json, org\.json, calls\.log \(2 calls; 1 apps, 2 push mappings in the org\)/);
    const [plan, state, org, calls] = ['plan.json', 'state.json', 'org.json', 'calls.log'].map((f) => readFileSync(join(dir, 'out', f), 'utf8'));
    expect(comparablePlan(JSON.parse(plan!) as Record<string, unknown>)).toEqual(comparablePlan(committedPlan('real-orphan-after-deactivate')));
    expect(JSON.parse(org!)).toEqual(JSON.parse(readFileSync(join(scenarioDir('real-orphan-after-deactivate'), 'out', 'org.json'), 'utf8')));
    expect(calls!.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^POST \/api\/v1\/apps\/0oa\w{17}\/connections\/default$/),
      expect.stringMatching(/^POST \/api\/v1\/apps\/0oa\w{17}\/connections\/default\/lifecycle\/deactivate$/),
    ]);
    // The SCIM token is in the plan and the state, marked sensitive, as Terraform writes them; nowhere else.
    expect(plan).toContain('example-not-a-real-token');
    expect(JSON.parse(state!)).toBeDefined();
    for (const text of [org, calls, stdout, stderr]) expect(text).not.toContain('example-not-a-real-token');
    // The simulator's API token is in no file and no output at all.
    for (const text of [plan, state, org, calls, stdout, stderr]) expect(text).not.toMatch(/sim-[0-9a-f]{36}/);
  });

  it('says clearly when the scenario has no after/ configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-scenario-empty-'));
    await expect(runScenario(dir)).rejects.toThrow(ScenarioError);
    await expect(run('npm', ['run', '--silent', 'scenario', '--', dir], { cwd: root })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no after\/ configuration/),
    });
  });

  it('says which stage failed and why when a configuration is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-scenario-invalid-'));
    mkdirSync(join(dir, 'after'));
    writeFileSync(
      join(dir, 'after', 'main.tf'),
      'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n\nresource "okta_push_group" "x" {\n  app_id = "0oa1"\n}\n',
    );
    await expect(runScenario(dir)).rejects.toThrow(/after\/: terraform plan failed:[\s\S]*source_group_id/);
  });

  it('says that terraform is missing when it is not on PATH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-scenario-nopath-'));
    mkdirSync(join(dir, 'after'));
    writeFileSync(join(dir, 'after', 'main.tf'), 'resource "okta_group" "g" {\n  name = "G"\n}\n');
    await expect(
      run(process.execPath, [join(root, 'scripts', 'scenario.js'), dir], { cwd: root, env: { ...process.env, PATH: '/nonexistent' } }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/terraform was not found on PATH/) });
  });
});
