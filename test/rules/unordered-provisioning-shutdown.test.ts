// OPG002: disabling provisioning in the same plan that withdraws the app's mappings.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

describe('OPG002 unordered-provisioning-shutdown', () => {
  it('fires on the connection that disables, listing the withdrawn mappings', async () => {
    const [finding, ...rest] = only(await lintFixture('shutdown-same-plan/plan.json'), 'OPG002');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'error',
      address: 'okta_app_connection.slack',
      app: 'okta_app_saml.slack',
      related: ['okta_push_group.eng', 'okta_push_group.ops'],
    });
    expect(finding!.message).toContain('removes or deactivates its push mappings (`okta_push_group.eng`, `okta_push_group.ops`)');
  });

  it('fires when the mappings are set INACTIVE instead of deleted', async () => {
    const plan = readFixture('orphan-after-deactivate/plan.json');
    const eng = changeOf(plan, 'okta_push_group.eng');
    const before = eng.change.before as Record<string, unknown>;
    eng.change = { ...eng.change, actions: ['update'], after: { ...before, status: 'INACTIVE' } };
    const report = await lintDocument(plan);
    expect(pairs(report, 'OPG002')).toEqual(['OPG002 okta_app_connection.slack']);
    expect(only(report, 'OPG002')[0]!.related).toEqual(['okta_push_group.eng']);
  });

  it.each(['orphan-after-deactivate/plan.json', 'safe-mapping-removal/plan.json', 'moved-mapping/plan.json', 'replace-create-before-destroy/plan.json'])(
    'does not fire on %s',
    async (fixture) => {
      expect(pairs(await lintFixture(fixture), 'OPG002')).toEqual([]);
    },
  );

  it('does not fire when the connection is replaced: Delete only warns and Create never deactivates', async () => {
    // fixtures/real-replace-connection-shutdown is `terraform plan -replace=okta_app_connection.slack`; with a
    // mapping removed in the same plan the shutdown would be unordered, but nothing is shut down.
    const plan = readFixture('real-replace-connection-shutdown/plan.json');
    const eng = changeOf(plan, 'okta_push_group.eng');
    eng.change = { ...eng.change, actions: ['delete'], after: null, after_unknown: false };
    expect(pairs(await lintDocument(plan), 'OPG002')).toEqual([]);
  });

  it('does not judge state files, which have no transition', async () => {
    expect(pairs(await lintFixture('state-orphan-child-module/state.json'), 'OPG002')).toEqual([]);
  });
});

describe('OPG002 and the order Terraform gives a destroy (recorded dependencies)', () => {
  type Prior = { prior_state: { values: { root_module: { resources: { address: string; depends_on?: string[] }[] } } } };
  const dependOnConnection = (plan: Record<string, unknown>): void => {
    for (const r of (plan as unknown as Prior).prior_state.values.root_module.resources) {
      if (r.address.startsWith('okta_push_group.')) r.depends_on = [...(r.depends_on ?? []), 'okta_app_connection.slack'].sort();
    }
  };

  it('holds when the destroyed mappings recorded a dependency on the disabling connection', async () => {
    expect(pairs(await lintFixture('regressions/shutdown-ordered-by-mapping-dependency.json'), 'OPG002')).toEqual([]);
  });

  it('still fires for a create_before_destroy replacement: the old mapping is destroyed after the update', async () => {
    const plan = readFixture('shutdown-same-plan/plan.json');
    dependOnConnection(plan);
    const eng = changeOf(plan, 'okta_push_group.eng');
    eng.change = { ...eng.change, actions: ['create', 'delete'], after: { ...(eng.change.before as Record<string, unknown>), id: null }, after_unknown: { id: true } };
    const report = await lintDocument(plan);
    expect(only(report, 'OPG002').map((f) => f.related)).toEqual([['okta_push_group.eng']]);
  });

  it('still fires for mappings only set INACTIVE: an update is not ordered by recorded dependencies', async () => {
    const plan = readFixture('shutdown-same-plan/plan.json');
    dependOnConnection(plan);
    for (const name of ['eng', 'ops']) {
      const m = changeOf(plan, `okta_push_group.${name}`);
      m.change = { ...m.change, actions: ['update'], after: { ...(m.change.before as Record<string, unknown>), status: 'INACTIVE' } };
    }
    expect(pairs(await lintDocument(plan), 'OPG002')).toEqual(['OPG002 okta_app_connection.slack']);
  });
});
