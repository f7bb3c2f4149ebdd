// OPG005: what cannot be linked or decided before apply is reported.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

describe('OPG005 provisioning-status-unknown', () => {
  it('fires on a mapping and a connection tied to their app only through a local', async () => {
    const report = await lintFixture('unknown-app-reference/plan.json');
    expect(pairs(report)).toEqual(['OPG005 okta_app_connection.new', 'OPG005 okta_push_group.eng']);
    const mapping = only(report, 'OPG005').find((f) => f.address === 'okta_push_group.eng')!;
    expect(mapping.severity).toBe('note');
    expect(mapping.message).toContain('local.app_id');
  });

  it('fires when the connection action is known only after apply', async () => {
    const plan = readFixture('orphan-after-deactivate/plan.json');
    const connection = changeOf(plan, 'okta_app_connection.slack');
    const after = { ...(connection.change.after as Record<string, unknown>) };
    delete after.action;
    connection.change = { ...connection.change, after, after_unknown: { action: true, status: true } };
    const report = await lintDocument(plan);
    expect(pairs(report)).toEqual(['OPG005 okta_push_group.eng', 'OPG005 okta_push_group.ops']);
    expect(only(report, 'OPG005')[0]!.message).toContain('has an action known only after apply');
  });

  it.each(['module-app-same-plan/plan.json', 'module-for-each-apps/plan.json', 'orphan-after-deactivate/plan.json'])(
    'does not fire when references can be followed (%s)',
    async (fixture) => {
      expect(pairs(await lintFixture(fixture), 'OPG005')).toEqual([]);
    },
  );
});
