// OPG008: a planned okta_app_features status changes nothing in Okta; the other rules read the
// feature's status as Okta keeps it, not as the plan writes it.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

describe('OPG008 provisioning-feature-status-not-sent', () => {
  it('fires on each feature whose planned status differs from state, and the shutdown is not taken for real', async () => {
    const report = await lintFixture('feature-status-change/plan.json');
    expect(pairs(report)).toEqual(['OPG008 okta_app_features.crm_user_provisioning', 'OPG008 okta_app_features.hr_inbound']);
    expect(only(report, 'OPG008')[0]).toMatchObject({ severity: 'warning', verdict: 'violation', messageId: 'change', app: 'okta_app_saml.crm' });
  });

  it('reads a DISABLED status in state as evidence (OPG001), and does not fire on it', async () => {
    expect(pairs(await lintFixture('features-user-vs-inbound/plan.json'))).toEqual(['OPG001 okta_push_group.crm_eng']);
  });

  it('makes a feature created in the plan undecidable for its app\'s mappings, and fires when it plans DISABLED', async () => {
    const plan = readFixture('feature-status-change/plan.json');
    const feature = changeOf(plan, 'okta_app_features.crm_user_provisioning');
    feature.change = { ...feature.change, actions: ['create'], before: null };
    const report = await lintDocument(plan);
    expect(pairs(report).filter((p) => p.includes('crm'))).toEqual(['OPG005 okta_push_group.crm_eng', 'OPG008 okta_app_features.crm_user_provisioning']);
    expect(only(report, 'OPG005')[0]!.message).toContain('has whatever Okta holds (status is not sent), so USER_PROVISIONING status = (known after apply)');
  });

  it('does not fire on a replaced feature that now names another feature', async () => {
    expect(pairs(await lintFixture('regressions/feature-renamed-on-replace.json'), 'OPG008')).toEqual([]);
  });

  it('does not fire on state', async () => {
    expect(pairs(await lintFixture('state-orphan-child-module/state.json'), 'OPG008')).toEqual([]);
  });
});
