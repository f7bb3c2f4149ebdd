// OPG007: literal provisioning credentials in code, never echoed.
import { readFileSync } from 'node:fs';
import { lint } from '../../src/lint';
import { FIXTURES, fixturePath, lintFixture, only, pairs } from '../support/fixtures';

describe('OPG007 provisioning-secret-in-code', () => {
  it('fires on a literal token written as a heredoc in .tf code, on the resource line', async () => {
    const [finding, ...rest] = only(await lint(['tf-conditional-action'], { cwd: FIXTURES, env: {} }), 'OPG007');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'warning',
      address: 'okta_app_connection.wiki',
      app: 'okta_app_saml.wiki',
      location: { file: 'tf-conditional-action/main.tf', line: 29, column: 1 },
    });
    expect(finding!.message).toBe(
      '`okta_app_connection.wiki` sets `profile.token` to a literal in code. Pass it through a sensitive variable or a secrets manager instead, and rotate the exposed value.',
    );
    expect(readFileSync(fixturePath('tf-conditional-action/main.tf'), 'utf8')).toContain('wiki-scim-literal-7Kq2');
    expect(JSON.stringify(finding)).not.toContain('wiki-scim-literal-7Kq2');
  });

  it('fires on a literal admin password recorded in a plan configuration', async () => {
    const findings = only(await lintFixture('sensitive-values/plan.json'), 'OPG007');
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('`profile.settings.admin_password` to a literal')]);
  });

  it.each(['tf-module-default', 'tf-json-config'])('does not fire when the token comes from a variable (%s)', async (fixture) => {
    expect(pairs(await lint([fixture], { cwd: FIXTURES, env: {} }), 'OPG007')).toEqual([]);
  });

  it.each(['module-app-same-plan/plan.json', 'orphan-after-deactivate/plan.json', 'state-orphan-child-module/state.json'])(
    'does not fire on %s (OAUTH2, a variable, or no code at all)',
    async (fixture) => {
      expect(pairs(await lintFixture(fixture), 'OPG007')).toEqual([]);
    },
  );
});
