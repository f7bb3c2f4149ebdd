// OPG004: ACTIVE mappings on an app that is INACTIVE after the change.
import { lintFixture, only, pairs } from '../support/fixtures';

describe('OPG004 push-mapping-on-inactive-app', () => {
  it('fires on the ACTIVE mapping only', async () => {
    const report = await lintFixture('inactive-app/plan.json');
    expect(pairs(report, 'OPG004')).toEqual(['OPG004 okta_push_group.eng']);
    expect(only(report, 'OPG004')[0]).toMatchObject({ severity: 'warning', app: 'okta_app_saml.wiki', related: ['okta_app_saml.wiki'] });
  });

  it.each(['orphan-after-deactivate/plan.json', 'module-app-same-plan/plan.json', 'state-orphan-child-module/state.json'])(
    'does not fire on %s',
    async (fixture) => {
      expect(pairs(await lintFixture(fixture), 'OPG004')).toEqual([]);
    },
  );
});
