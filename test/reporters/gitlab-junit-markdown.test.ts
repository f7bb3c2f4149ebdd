// GitLab Code Quality, JUnit XML and the pull-request Markdown, read back as their consumers would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { render } from '../support/reports';

describe('GitLab Code Quality', () => {
  it('is a JSON array of issues with severity, stable fingerprint and location', async () => {
    const issues = JSON.parse((await render('gitlab', ['shutdown-same-plan/plan.json', 'tf-conditional-action'])).out) as Record<string, unknown>[];
    expect(issues.map((i) => [i.check_name, i.severity, i.location])).toEqual([
      ['OPG002 unordered-provisioning-shutdown', 'critical', { path: 'shutdown-same-plan/plan.json', lines: { begin: 1 } }],
      ['OPG003 push-mapping-destroy-deletes-target-group', 'major', { path: 'shutdown-same-plan/plan.json', lines: { begin: 1 } }],
      ['OPG003 push-mapping-destroy-deletes-target-group', 'major', { path: 'shutdown-same-plan/plan.json', lines: { begin: 1 } }],
      ['OPG007 provisioning-secret-in-code', 'major', { path: 'tf-conditional-action/main.tf', lines: { begin: 29 } }],
      ['OPG005 provisioning-status-unknown', 'info', { path: 'tf-conditional-action/main.tf', lines: { begin: 18 } }],
    ]);
    const fingerprints = issues.map((i) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    const again = JSON.parse((await render('gitlab', ['shutdown-same-plan/plan.json', 'tf-conditional-action'])).out) as Record<string, unknown>[];
    expect(again.map((i) => i.fingerprint)).toEqual(fingerprints);
  });
});

describe('JUnit XML', () => {
  it('has a suite per input, a failing case per finding and a passing case per rule that held', async () => {
    const text = (await render('junit', ['shutdown-same-plan/plan.json', 'safe-mapping-removal/plan.json'])).out;
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(text);
    const suites = doc.testsuites.testsuite as { name: string; tests: string; failures: string; testcase: { name: string; failure?: { message: string } }[] }[];
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['shutdown-same-plan/plan.json', '9', '3'],
      ['safe-mapping-removal/plan.json', '8', '0'],
    ]);
    expect(suites[0]!.testcase.filter((c) => c.failure).map((c) => c.name)).toEqual(['OPG002 okta_app_connection.slack', 'OPG003 okta_push_group.eng', 'OPG003 okta_push_group.ops']);
    expect(suites[1]!.testcase.map((c) => c.name)).toContain('OPG001 push-mapping-on-disabled-provisioning');
    expect(doc.testsuites.failures).toBe('3');
  });
});

describe('Markdown', () => {
  it('puts the verdict first, then a table, then how to fix', async () => {
    const text = (await render('markdown', ['orphan-after-deactivate/plan.json'])).out;
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['## okta-push-guard', '', '**Blocked:** 2 errors, 0 warnings, 0 notes.']);
    expect(text).toContain('| error | OPG001 | `okta_push_group.eng` | `okta_app_saml.slack` | `orphan-after-deactivate/main.tf:49` |');
    expect(text.indexOf('### How to fix')).toBeGreaterThan(text.indexOf('| error | OPG001'));
  });

  it('says passed without the word "fail" when clean, and collapses long lists', async () => {
    const clean = (await render('markdown', ['safe-mapping-removal/plan.json'])).out;
    expect(clean).toContain('**Passed:** no problems found.');
    expect(clean.toLowerCase()).not.toContain('fail');

    const dir = mkdtempSync(join(tmpdir(), 'opg-md-'));
    const groups = Array.from({ length: 25 }, (_, i) => `"g${String(i).padStart(2, '0')}"`).join(', ');
    writeFileSync(join(dir, 'main.tf'), `resource "okta_app_saml" "a" {\n  label = "A"\n}\nresource "okta_app_connection" "a" {\n  id       = okta_app_saml.a.id\n  base_url = "https://a"\n  action   = "deactivate"\n}\nresource "okta_push_group" "p" {\n  for_each        = toset([${groups}])\n  app_id          = okta_app_saml.a.id\n  source_group_id = each.key\n}\n`);
    const long = (await render('markdown', ['.'], {}, dir)).out;
    expect(long).toContain('<details><summary>5 more</summary>');
    expect(long.split('\n').filter((l) => l.startsWith('| error |'))).toHaveLength(25);
  });
});

describe('Markdown verdict', () => {
  it('agrees with the exit code under --fail-on', async () => {
    const { main } = await import('../../src/cli/main');
    const { captureIo } = await import('../support/io');
    const { FIXTURES } = await import('../support/fixtures');
    const warned = captureIo({ cwd: FIXTURES });
    expect(await main(['lint', 'inactive-app/plan.json', '-f', 'markdown', '--fail-on', 'warning', '--no-config'], warned)).toBe(1);
    expect(warned.out()).toContain('**Blocked:** 0 errors, 1 warning, 0 notes.');
    const lenient = captureIo({ cwd: FIXTURES });
    expect(await main(['lint', 'orphan-after-deactivate/plan.json', '-f', 'markdown', '--fail-on', 'none', '--no-config'], lenient)).toBe(0);
    expect(lenient.out()).toContain('**Passed** with 2 errors, 0 warnings, 0 notes.');
  });
});
