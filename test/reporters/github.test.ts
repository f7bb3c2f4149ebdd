// GitHub workflow commands, escaped as the runner reads them, and the step summary.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeData, escapeProperty } from '../../src/reporters/github';
import { render } from '../support/reports';

describe('GitHub annotations', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('annotates each finding on its line with a level by severity', async () => {
    const { out } = await render('github', ['tf-conditional-action', 'shutdown-same-plan/plan.json']);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      '::warning file=tf-conditional-action/main.tf,line=29,col=1,title=OPG007 provisioning-secret-in-code%3A okta_app_connection.wiki::`okta_app_connection.wiki` sets `profile.token` to a literal in code. Pass it through a sensitive variable or a secrets manager instead, and rotate the exposed value.',
    );
    expect(lines.filter((l) => l.startsWith('::notice ')).length).toBe(1);
    expect(lines.filter((l) => l.startsWith('::error file=shutdown-same-plan/plan.json,title=OPG002')).length).toBe(1);
    expect(lines[lines.length - 1]).toBe('okta-push-guard: 1 errors, 3 warnings, 1 notes in 2 inputs');
  });

  it('keeps hostile addresses and messages inside one command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-gh-'));
    writeFileSync(
      join(dir, 'main.tf'),
      // An external app id (printed raw in messages) with a newline, %, : and , in it.
      'locals {\n  app = "0oa,1:100%\\n::error::injected"\n}\nresource "okta_app_connection" "a" {\n  id       = local.app\n  base_url = "https://a"\n  action   = "deactivate"\n}\nresource "okta_push_group" "p" {\n  for_each        = toset(["x,y:z"])\n  app_id          = local.app\n  source_group_id = each.key\n}\n',
    );
    const { out } = await render('github', ['.'], {}, dir);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '::error file=main.tf,line=9,col=1,title=OPG001 push-mapping-on-disabled-provisioning%3A okta_push_group.p["x%2Cy%3Az"]::' +
        'Push mapping `okta_push_group.p["x,y:z"]` remains on `0oa,1:100%25%0A::error::injected` while its provisioning is disabled: ' +
        '`okta_app_connection.a` sets action = "deactivate". Remove the mapping before disabling provisioning.',
    );
    expect(out).not.toMatch(/^::error::injected/m);
  });

  it('appends a Markdown summary to GITHUB_STEP_SUMMARY', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'opg-summary-')), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    await render('github', ['orphan-after-deactivate/plan.json'], { GITHUB_STEP_SUMMARY: summary });
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## okta-push-guard\n\n**Blocked:** 2 errors')).toBe(true);
  });
});
