// OPG006: destroying a connection or feature leaves provisioning as it was.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

describe('OPG006 provisioning-resource-removal-is-noop', () => {
  it('fires on a destroyed connection and keeps its last status for OPG001', async () => {
    const report = await lintFixture('remove-connection/plan.json');
    expect(pairs(report)).toEqual(['OPG006 okta_app_connection.slack']);
    expect(only(report, 'OPG006')[0]!.message).toContain('provisioning stays enabled');
  });

  it('still counts a destroyed connection that had deactivated provisioning', async () => {
    const plan = readFixture('moved-mapping/plan.json');
    const connection = changeOf(plan, 'okta_app_connection.slack');
    connection.change = { ...connection.change, actions: ['delete'], after: null, after_unknown: {} };
    const report = await lintDocument(plan);
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.eng', 'OPG006 okta_app_connection.slack']);
    expect(only(report, 'OPG001')[0]!.message).toContain('is removed from Terraform, but Okta keeps its action = "deactivate"');
  });

  it.each(['orphan-after-deactivate/plan.json', 'features-user-vs-inbound/plan.json'])('does not fire on %s', async (fixture) => {
    expect(pairs(await lintFixture(fixture), 'OPG006')).toEqual([]);
  });
});
