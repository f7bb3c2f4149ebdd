// OPG004: ACTIVE mappings on an app that is INACTIVE after the change.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

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

  it('reports an undecidable verdict when the app\'s status is known only after apply', async () => {
    const plan = readFixture('inactive-app/plan.json');
    const app = changeOf(plan, 'okta_app_saml.wiki');
    const after = { ...(app.change.after as Record<string, unknown>) };
    delete after.status;
    app.change = { ...app.change, after, after_unknown: { ...(app.change.after_unknown as Record<string, unknown>), status: true } };
    const findings = only(await lintDocument(plan), 'OPG004');
    expect(findings.map((f) => [f.address, f.verdict, f.severity])).toEqual([['okta_push_group.eng', 'unknown', 'note']]);
    expect(findings[0]!.message).toBe(
      'Cannot tell whether `okta_app_saml.wiki` is ACTIVE after this change, so ACTIVE push mapping `okta_push_group.eng` may remain on an INACTIVE app: its status is known only after apply. Remove or deactivate the mapping before deactivating the app.',
    );
  });
});
