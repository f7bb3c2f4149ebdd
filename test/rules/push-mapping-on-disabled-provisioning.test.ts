// OPG001: mappings left on an app whose provisioning is disabled, in plans and in state.
import { changeOf, lintDocument, lintFixture, only, pairs, readFixture } from '../support/fixtures';

describe('OPG001 push-mapping-on-disabled-provisioning', () => {
  describe('fires', () => {
    it.each([
      ['orphan-after-deactivate/plan.json', ['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']],
      ['hcp-redacted-plan/plan-redacted.json', ['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']],
      ['sensitive-values/plan.json', ['OPG001 okta_push_group.eng']],
      ['external-app-literal-id/plan.json', ['OPG001 okta_push_group.legacy_eng']],
      ['features-user-vs-inbound/plan.json', ['OPG001 okta_push_group.crm_eng']],
      ['moved-mapping/plan.json', ['OPG001 okta_push_group.eng']],
      ['module-app-same-plan/plan.json', ['OPG001 okta_push_group.crm["sales"]', 'OPG001 okta_push_group.crm["support"]']],
      ['module-for-each-apps/plan.json', ['OPG001 okta_push_group.team["billing"]']],
      [
        'state-orphan-child-module/state.json',
        ['OPG001 module.legacy_app.okta_push_group.this["eng"]', 'OPG001 module.legacy_app.okta_push_group.this["ops"]'],
      ],
      [
        'state-orphan-child-module/terraform.tfstate',
        ['OPG001 module.legacy_app.okta_push_group.this["eng"]', 'OPG001 module.legacy_app.okta_push_group.this["ops"]'],
      ],
    ])('on %s', async (fixture, expected) => {
      expect(pairs(await lintFixture(fixture), 'OPG001')).toEqual(expected);
    });

    it('names the mapping, the app and the evidence', async () => {
      const [finding] = only(await lintFixture('orphan-after-deactivate/plan.json'), 'OPG001');
      expect(finding).toMatchObject({
        severity: 'error',
        rule: 'push-mapping-on-disabled-provisioning',
        address: 'okta_push_group.eng',
        app: 'okta_app_saml.slack',
        related: ['okta_app_connection.slack'],
        location: { file: 'orphan-after-deactivate/main.tf', line: 49, column: 1 },
      });
      expect(finding!.message).toBe(
        'Push mapping `okta_push_group.eng` remains on `okta_app_saml.slack` while its provisioning is disabled: ' +
          '`okta_app_connection.slack` sets action = "deactivate". Remove the mapping before disabling provisioning.',
      );
      expect(finding!.remediation).toMatch(/^1\. Remove every okta_push_group of okta_app_saml\.slack.*2\. Only then disable provisioning/);
    });

    it('is undecidable when only a connection the plan creates or replaces disables provisioning: its Create never deactivates', async () => {
      // Real Terraform with the provider double (fixtures/real-sensitive-values, real-replace-connection-shutdown):
      // the apply fails with "Provider returned invalid result object after apply", the connection is left
      // tainted, and Okta keeps provisioning ENABLED, so the mapping is not left on a disabled app.
      for (const fixture of ['sensitive-values/plan.json', 'real-sensitive-values/plan.json', 'real-replace-connection-shutdown/plan.json']) {
        const [finding, ...rest] = only(await lintFixture(fixture), 'OPG001');
        expect(rest).toEqual([]);
        expect(finding).toMatchObject({ verdict: 'unknown', severity: 'note', address: 'okta_push_group.eng', related: ['okta_app_connection.slack'] });
        expect(finding!.message).toContain("the connection is created, and the provider's Create never deactivates");
      }
      // An update of the same connection does deactivate: a violation.
      const [updated] = only(await lintFixture('real-orphan-after-deactivate/plan.json'), 'OPG001');
      expect(updated).toMatchObject({ verdict: 'violation', severity: 'error' });
    });

    it('counts INACTIVE mappings too', async () => {
      const ops = only(await lintFixture('orphan-after-deactivate/plan.json'), 'OPG001').find((f) => f.address === 'okta_push_group.ops');
      expect(ops).toBeDefined();
    });

    it('names a USER_PROVISIONING feature as the evidence', async () => {
      const [finding] = only(await lintFixture('features-user-vs-inbound/plan.json'), 'OPG001');
      expect(finding!.message).toContain('`okta_app_features.crm_user_provisioning` sets USER_PROVISIONING status = "DISABLED"');
    });

    it('names an external app by its literal id', async () => {
      const [finding] = only(await lintFixture('external-app-literal-id/plan.json'), 'OPG001');
      expect(finding!.app).toBe('0oa1legacyExtApp0001');
    });

    it('treats a mapping forgotten by Terraform (removed, destroy = false) as still in Okta', async () => {
      const plan = readFixture('orphan-after-deactivate/plan.json');
      const eng = changeOf(plan, 'okta_push_group.eng');
      eng.change = { ...eng.change, actions: ['forget'], after: null };
      const findings = only(await lintDocument(plan), 'OPG001');
      expect(findings.map((f) => f.address).sort()).toEqual(['okta_push_group.eng', 'okta_push_group.ops']);
      expect(findings.find((f) => f.address === 'okta_push_group.eng')!.message).toContain('destroy = false');
    });
  });

  describe('does not fire', () => {
    it.each([
      'safe-mapping-removal/plan.json',
      'remove-connection/plan.json',
      'replace-create-before-destroy/plan.json',
      'inactive-app/plan.json',
      'shutdown-same-plan/plan.json',
    ])('on %s', async (fixture) => {
      expect(pairs(await lintFixture(fixture), 'OPG001')).toEqual([]);
    });

    it('when the connection keeps provisioning active', async () => {
      const plan = readFixture('orphan-after-deactivate/plan.json');
      const connection = changeOf(plan, 'okta_app_connection.slack');
      const before = connection.change.before as Record<string, unknown>;
      connection.change = { ...connection.change, actions: ['no-op'], after: before, after_unknown: {} };
      expect(pairs(await lintDocument(plan), 'OPG001')).toEqual([]);
    });

    it('for INBOUND_PROVISIONING features and apps without any provisioning resource', async () => {
      const report = await lintFixture('features-user-vs-inbound/plan.json', 'external-app-literal-id/plan.json');
      const addresses = only(report, 'OPG001').map((f) => f.address);
      expect(addresses).not.toContain('okta_push_group.hr_eng');
      expect(addresses).not.toContain('okta_push_group.other');
    });
  });
});

describe('OPG001 linking', () => {
  it('follows a module variable from a module call back to the root app, per count instance', async () => {
    const report = await lintFixture('module-variable-app-id/plan.json');
    expect(pairs(report)).toEqual(['OPG001 module.jira_push.okta_push_group.this[0]', 'OPG001 module.jira_push.okta_push_group.this[1]']);
    expect(only(report, 'OPG001').map((f) => f.app)).toEqual(['okta_app_saml.jira', 'okta_app_saml.jira']);
  });

  it('links an app created in a module through its output, for each for_each instance', async () => {
    const findings = only(await lintFixture('module-app-same-plan/plan.json'), 'OPG001');
    expect(findings.map((f) => f.app)).toEqual(['module.crm_app.okta_app_saml.this', 'module.crm_app.okta_app_saml.this']);
    expect(findings[0]!.related).toEqual(['module.crm_app.okta_app_connection.this']);
  });

  it('links each.value of a for_each over module instances to the instance with the same key', async () => {
    const [finding] = only(await lintFixture('module-for-each-apps/plan.json'), 'OPG001');
    expect(finding!.app).toBe('module.apps["billing"].okta_app_saml.this');
  });
});

describe('OPG001 linking to apps managed elsewhere', () => {
  it('links through a data source and names it as the app', async () => {
    const report = await lintFixture('data-source-app/plan.json');
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.eng']);
    expect(only(report, 'OPG001')[0]!.app).toBe('data.okta_app.slack');
  });

  it('follows a mapping whose app_id is the connection id to the app the connection names', async () => {
    const report = await lintFixture('mapping-via-connection-id/plan.json');
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.eng']);
    expect(only(report, 'OPG001')[0]!.app).toBe('okta_app_oauth.portal');
  });
});
