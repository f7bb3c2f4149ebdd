// OPG007: literal provisioning credentials in code, never echoed.
import { readFileSync } from 'node:fs';
import { lint } from '../../src/core/lint';
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

describe('OPG007 on literals wrapped in functions and heredocs', () => {
  const { mkdtempSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { join } = require('node:path') as typeof import('node:path');
  const connection = (token: string): string =>
    `resource "okta_app_saml" "a" {\n  label = "A"\n}\nresource "okta_app_connection" "a" {\n  id       = okta_app_saml.a.id\n  base_url = "https://a"\n  action   = "activate"\n  profile {\n    auth_scheme = "TOKEN"\n    token       = ${token}\n  }\n}\n`;
  const lintCode = async (token: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-secret-'));
    writeFileSync(join(dir, 'main.tf'), `variable "t" {\n  sensitive = true\n  default   = "x"\n}\n${connection(token)}`);
    return lint(['.'], { cwd: dir, env: {}, config: false });
  };

  it.each([
    'sensitive("Tok3n-Literal-1")',
    'base64decode("VG9rM24tTGl0ZXJhbC0x")',
    'trimspace("  Tok3n-Literal-1  ")',
    '<<-EOT\n      Tok3n-Literal-1\n    EOT',
    'trimspace(<<EOT\nTok3n-Literal-1\nEOT\n    )',
    'nonsensitive(sensitive("Tok3n-Literal-1"))',
  ])('flags %s, never showing the value', async (token) => {
    const report = await lintCode(token);
    expect(pairs(report, 'OPG007')).toEqual(['OPG007 okta_app_connection.a']);
    const text = JSON.stringify(report);
    expect(text).not.toContain('Tok3n-Literal');
    expect(text).not.toContain('VG9rM24tTGl0ZXJhbC0x');
  });

  it.each(['var.t', 'sensitive(var.t)', 'trimspace(var.t)', 'file("${path.module}/token.txt")', 'trimspace(file("/run/secrets/okta-scim"))', '""'])('does not flag %s', async (token) => {
    expect(pairs(await lintCode(token), 'OPG007')).toEqual([]);
  });

  it('reports an undecidable verdict for a plan, whose configuration records a function of literals and a file read alike as {}', async () => {
    const plan = JSON.parse(require('node:fs').readFileSync(fixturePath('data-source-app/plan.json'), 'utf8'));
    const walk = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
        if (k === 'token' && v && typeof v === 'object' && 'references' in (v as object)) (o as Record<string, unknown>)[k] = {};
        else walk(v);
      }
    };
    walk(plan.configuration);
    const dir = mkdtempSync(join(tmpdir(), 'opg-secret-plan-'));
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const findings = only(await lint(['plan.json'], { cwd: dir, config: false }), 'OPG007');
    expect(findings.map((f) => [f.verdict, f.severity])).toEqual([['unknown', 'note']]);
    expect(findings[0]!.message).toMatch(/^Cannot tell whether `okta_app_connection\.\w+` sets `profile\.token` to a literal in code: the plan records an expression without references/);
  });
});
