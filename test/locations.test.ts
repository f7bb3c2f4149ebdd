// Plan and state findings are put on the .tf line that declares the resource, through modules and instances.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '../src/core/lint';
import { FIXTURES } from './support/fixtures';

function locations(report: Awaited<ReturnType<typeof lint>>, ruleId = 'OPG001'): [string, string | null][] {
  return report.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => [f.address, f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : null]);
}

describe('source locations for plans', () => {
  it('uses the .tf files beside the plan, every for_each instance on its block', async () => {
    expect(locations(await lint(['module-app-same-plan/plan.json'], { cwd: FIXTURES }))).toEqual([
      ['okta_push_group.crm["sales"]', 'module-app-same-plan/main.tf:30:1'],
      ['okta_push_group.crm["support"]', 'module-app-same-plan/main.tf:30:1'],
    ]);
  });

  it('follows module calls into module folders, for each count instance', async () => {
    expect(locations(await lint(['module-variable-app-id/plan.json'], { cwd: FIXTURES }))).toEqual([
      ['module.jira_push.okta_push_group.this[0]', 'module-variable-app-id/modules/push-groups/main.tf:17:1'],
      ['module.jira_push.okta_push_group.this[1]', 'module-variable-app-id/modules/push-groups/main.tf:17:1'],
    ]);
  });

  it('takes --source for a plan kept elsewhere, and the working folder when it holds .tf files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-loc-'));
    copyFileSync(join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    const viaSource = await lint([join(dir, 'plan.json')], { cwd: FIXTURES, source: 'orphan-after-deactivate' });
    expect(locations(viaSource)).toEqual([
      ['okta_push_group.eng', 'orphan-after-deactivate/main.tf:49:1'],
      ['okta_push_group.ops', 'orphan-after-deactivate/main.tf:55:1'],
    ]);
    const viaCwd = await lint([join(dir, 'plan.json')], { cwd: join(FIXTURES, 'orphan-after-deactivate') });
    expect(locations(viaCwd)).toEqual([
      ['okta_push_group.eng', 'main.tf:49:1'],
      ['okta_push_group.ops', 'main.tf:55:1'],
    ]);
  });

  it('leaves location null without sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-noloc-'));
    copyFileSync(join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    expect(locations(await lint(['plan.json'], { cwd: dir }))).toEqual([
      ['okta_push_group.eng', null],
      ['okta_push_group.ops', null],
    ]);
  });
});

describe('sources beside a plan that cannot be read', () => {
  it('judge the plan in full, without locations, and say why in a note', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { lint } = await import('../src/core/lint');
    const dir = mkdtempSync(join(tmpdir(), 'opg-broken-src-'));
    copyFileSync(join(__dirname, '..', 'fixtures', 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    writeFileSync(join(dir, 'main.tf'), 'resource "okta_push_group" "eng" {\n  app_id = \n}\n');
    const report = await lint(['plan.json'], { cwd: dir, config: false });
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.address, f.location])).toEqual([
      ['OPG001', 'error', 'okta_push_group.eng', null],
      ['OPG001', 'error', 'okta_push_group.ops', null],
      ['OPG000', 'note', '.', null],
    ]);
    expect(report.findings[2]!.message).toMatch(/^The \.tf sources in \. could not be read \(main\.tf:\d+:\d+: .*\), so the findings of this input carry no source locations/);
  });
});
