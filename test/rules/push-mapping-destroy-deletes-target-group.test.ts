// OPG003: destroying or replacing a mapping deletes the downstream group unless state says false.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

describe('OPG003 push-mapping-destroy-deletes-target-group', () => {
  it('fires on each destroyed mapping with the flag true in state', async () => {
    expect(pairs(await lintFixture('shutdown-same-plan/plan.json'), 'OPG003')).toEqual([
      'OPG003 okta_push_group.eng',
      'OPG003 okta_push_group.ops',
    ]);
  });

  it('fires on a create_before_destroy replacement and says so', async () => {
    const [finding, ...rest] = only(await lintFixture('replace-create-before-destroy/plan.json'), 'OPG003');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', address: 'okta_push_group.eng' });
    expect(finding!.message).toContain('after creating the new one (create_before_destroy)');
  });

  it('does not fire when the flag is null in state (an imported mapping: the provider sends deleteTargetGroup=false)', async () => {
    const plan = readFixture('shutdown-same-plan/plan.json');
    const eng = changeOf(plan, 'okta_push_group.eng');
    eng.change = { ...eng.change, before: { ...(eng.change.before as Record<string, unknown>), delete_target_group_on_destroy: null } };
    const ops = changeOf(plan, 'okta_push_group.ops');
    const before = { ...(ops.change.before as Record<string, unknown>) };
    delete before.delete_target_group_on_destroy;
    ops.change = { ...ops.change, before };
    const report = await lintDocument(plan);
    expect(pairs(report, 'OPG003')).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'OPG003')).toEqual([]);
  });

  it('reports an undecidable verdict when the flag in state is redacted, never a pass', async () => {
    const plan = readFixture('shutdown-same-plan/plan.json');
    const eng = changeOf(plan, 'okta_push_group.eng');
    // HCP Terraform's redacted plans leave a sensitive value out and keep only its marker.
    const before = { ...(eng.change.before as Record<string, unknown>) };
    delete before.delete_target_group_on_destroy;
    eng.change = { ...eng.change, before, before_sensitive: { delete_target_group_on_destroy: true } };
    const [finding, ...rest] = only(await lintDocument(plan), 'OPG003').filter((f) => f.address === 'okta_push_group.eng');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ verdict: 'unknown', severity: 'note', messageId: 'unknownFlag' });
    expect(finding!.message).toMatch(/^Cannot tell whether destroying push mapping `okta_push_group\.eng` on `okta_app_saml\.slack` deletes its target group/);
    expect(finding!.message).toContain('(sensitive value)');
  });

  it('does not fire when state says false', async () => {
    expect(pairs(await lintFixture('safe-mapping-removal/plan.json'), 'OPG003')).toEqual([]);
  });

  it('uses the value in state, not the planned one', async () => {
    const plan = readFixture('replace-create-before-destroy/plan.json');
    const eng = changeOf(plan, 'okta_push_group.eng');
    eng.change = { ...eng.change, after: { ...(eng.change.after as Record<string, unknown>), delete_target_group_on_destroy: false } };
    expect(pairs(await lintDocument(plan), 'OPG003')).toEqual(['OPG003 okta_push_group.eng']);
  });

  it('does not fire on a moved mapping (no destroy)', async () => {
    expect(pairs(await lintFixture('moved-mapping/plan.json'), 'OPG003')).toEqual([]);
  });
});

describe('OPG003 deposed objects', () => {
  it('fires on a deposed mapping that the plan finally destroys, naming the deposed object', async () => {
    const report = await lintFixture('deposed-mapping/plan.json');
    expect(pairs(report)).toEqual(['OPG003 okta_push_group.eng (deposed 5d2f9a1c)']);
  });
});
