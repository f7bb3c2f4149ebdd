// Suppressions: inline in code, configured by address pattern, expiry, reasons, unused ones.
import '@microsoft/jest-sarif';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { lint } from '../../src/core/lint';
import { addressPattern } from '../../src/policy/glob';
import { parseInlineSuppressions } from '../../src/loaders/hcl/inline-suppressions';
import { FIXTURES, pairs } from '../support/fixtures';
import { captureIo } from '../support/io';

function config(json: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-supp-'));
  writeFileSync(join(dir, '.okta-push-guard.json'), JSON.stringify(json));
  return join(dir, '.okta-push-guard.json');
}

const APP_TF =
  'resource "okta_push_group" "p" {\n  app_id          = okta_app_saml.a.id\n  source_group_id = "00g1"\n}\nresource "okta_app_saml" "a" {\n  label = "A"\n}\nresource "okta_app_connection" "a" {\n  id       = okta_app_saml.a.id\n  base_url = "https://a"\n  action   = "deactivate"\n}\n';

const open = (report: Awaited<ReturnType<typeof lint>>) => pairs(report.findings.filter((f) => !f.suppressed));

describe('address patterns', () => {
  it.each([
    ['module.legacy_app.okta_push_group.*', 'module.legacy_app.okta_push_group.this["eng"]', true],
    ['module.legacy_app.okta_push_group.*', 'okta_push_group.this', false],
    ['okta_push_group.crm', 'okta_push_group.crm["sales"]', true],
    ['okta_push_group.crm["s*"]', 'okta_push_group.crm["support"]', true],
    ['okta_push_group.crm["s*"]', 'okta_push_group.crm["eng"]', false],
    ['module.*.okta_push_group.this', 'module.apps["billing"].okta_push_group.this', true],
    ['**.okta_push_group.this', 'module.a.module.b.okta_push_group.this[0]', true],
    ['okta_push_group.*', 'module.a.okta_push_group.x', false],
  ])('%s matches %s: %s', (glob, address, expected) => {
    expect(addressPattern(glob).test(address)).toBe(expected);
  });
});

describe('inline suppressions in .tf code', () => {
  it('suppress with a reason, stop at their expiry date, and need a reason', async () => {
    const report = await lint(['tf-inline-suppression'], { cwd: FIXTURES, now: new Date('2026-11-28') });
    const accepted = report.findings.find((f) => f.address === 'okta_push_group.accepted')!;
    expect(accepted.suppressed).toEqual({ reason: 'mapping moves to the new wiki in OKTA-42', source: 'inline comment at tf-inline-suppression/main.tf:23' });
    expect(report.summary.suppressed).toBe(1);
    expect(report.findings.find((f) => f.address === 'okta_push_group.expired')!.message).toContain('A suppression ("was to be cleaned up in 2019") expired on 2020-01-01.');
    expect(report.findings.find((f) => f.ruleId === 'OPG000' && f.address === 'okta_push_group.no_reason')!.severity).toBe('error');
  });

  it('depend on the current date', async () => {
    const later = await lint(['tf-inline-suppression'], { cwd: FIXTURES, now: new Date('2100-01-01') });
    expect(later.findings.find((f) => f.address === 'okta_push_group.accepted')!.suppressed).toBeNull();
    const earlier = await lint(['tf-inline-suppression'], { cwd: FIXTURES, now: new Date('2019-06-01') });
    expect(earlier.findings.find((f) => f.address === 'okta_push_group.expired')!.suppressed).not.toBeNull();
  });

  it('written in the sources also apply to the plan made from them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-plan-inline-'));
    const main_tf = require('node:fs').readFileSync(join(FIXTURES, 'orphan-after-deactivate', 'main.tf'), 'utf8') as string;
    writeFileSync(join(dir, 'main.tf'), main_tf.replace('resource "okta_push_group" "eng" {', '# okta-push-guard:ignore OPG001 reason="OKTA-7"\nresource "okta_push_group" "eng" {'));
    require('node:fs').copyFileSync(join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    const report = await lint(['plan.json'], { cwd: dir, config: false });
    expect(open(report)).toEqual(['OPG001 okta_push_group.ops']);
  });
  // The grammar puts comments before a file's first block beside its body, not in it.
  it.each([
    ['on the first line', ''],
    ['after blank lines', '\n\n'],
    ['after a header comment and a blank line', '# Okta apps of the wiki team\n\n'],
  ])('apply to the first block of a file, written %s', async (_, before) => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-first-block-'));
    writeFileSync(join(dir, 'main.tf'), `${before}# okta-push-guard:ignore OPG001 reason="OKTA-9"\n${APP_TF}`);
    const report = await lint(['.'], { cwd: dir, config: false, env: {} });
    const line = before.split('\n').length + 1;
    expect(report.findings.map((f) => [f.ruleId, f.address, f.suppressed])).toEqual([['OPG001', 'okta_push_group.p', { reason: 'OKTA-9', source: `inline comment at main.tf:${line}` }]]);
  });

  it('leave the first block alone when a blank line parts the comment from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-first-block-'));
    writeFileSync(join(dir, 'main.tf'), '# okta-push-guard:ignore OPG001 reason="OKTA-9"\n\n' + APP_TF);
    const report = await lint(['.'], { cwd: dir, config: false, env: {} });
    expect(open(report)).toEqual(['OPG001 okta_push_group.p']);
  });
});

describe('the inline comment', () => {
  it.each([
    ['# okta-push-guard:ignore OPG001,OPG002 reason="x"', ['OPG001', 'OPG002']],
    ['# okta-push-guard:ignore OPG001, OPG002 reason="x"', ['OPG001', 'OPG002']],
    ['// okta-push-guard:ignore opg001 ,  OPG004 reason="x" until=2027-01-31 owner=iam', ['OPG001', 'OPG004']],
  ])('%s names %j', (comment, rules) => {
    const [s] = parseInlineSuppressions([comment]);
    expect(s).toMatchObject({ rules, reason: 'x' });
    expect(s!.problem).toBeUndefined();
  });

  it.each([
    ['# okta-push-guard:ignore OPG001 OPG002 reason="x"', 'unexpected "OPG002"'],
    ['# okta-push-guard:ignore OPG001 reason=two words', 'unexpected "words"'],
    ['# okta-push-guard:ignore OPG001 reason="x" untill=2027-01-01', 'unexpected "untill="'],
  ])('refuses %s instead of dropping part of it', (comment, problem) => {
    expect(parseInlineSuppressions([comment])[0]!.problem).toContain(problem);
  });
});

describe('configured suppressions', () => {
  it.each([
    ['a plan', 'orphan-after-deactivate/plan.json', 'okta_push_group.*', ['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']],
    ['a state file', 'state-orphan-child-module/state.json', 'module.legacy_app.okta_push_group.this["eng"]', ['OPG001 module.legacy_app.okta_push_group.this["eng"]']],
    ['a raw tfstate', 'state-orphan-child-module/terraform.tfstate', 'module.legacy_app.**', ['OPG001 module.legacy_app.okta_push_group.this["eng"]', 'OPG001 module.legacy_app.okta_push_group.this["ops"]']],
    ['a .tf configuration', 'tf-module-default', 'okta_push_group.crm["s*"]', ['OPG001 okta_push_group.crm["sales"]', 'OPG001 okta_push_group.crm["support"]']],
    ['a cdk.tf.json', 'tf-json-config/main.tf.json', 'okta_push_group.team', ['OPG001 okta_push_group.team["eng"]', 'OPG001 okta_push_group.team["ops"]']],
  ])('suppress findings on %s by rule and address pattern', async (_kind, input, address, suppressed) => {
    const file = config({ suppressions: [{ rule: 'OPG001', address, reason: 'accepted until the migration', until: '2099-01-01', owner: 'iam-team' }] });
    const report = await lint([input], { cwd: FIXTURES, config: file, env: {} });
    expect(pairs(report.findings.filter((f) => f.suppressed))).toEqual(suppressed);
    expect(report.findings.find((f) => f.suppressed)!.suppressed).toEqual({ reason: 'accepted until the migration', source: expect.stringMatching(/\.okta-push-guard\.json \(owner iam-team\)$/) });
    expect(report.summary.suppressed).toBe(suppressed.length);
  });

  it('stop suppressing after their date and say so', async () => {
    const file = config({ suppressions: [{ rule: 'OPG001', address: 'okta_push_group.eng', reason: 'temporary', until: '2026-01-31' }] });
    const report = await lint(['orphan-after-deactivate/plan.json'], { cwd: FIXTURES, config: file, now: new Date('2026-11-28') });
    expect(open(report)).toEqual(['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']);
    expect(report.findings.find((f) => f.address === 'okta_push_group.eng')!.message).toContain('A suppression ("temporary") expired on 2026-01-31.');
  });

  it('that match nothing are reported as notes', async () => {
    const file = config({ suppressions: [{ rule: 'OPG003', address: 'okta_push_group.gone', reason: 'old' }] });
    const report = await lint(['orphan-after-deactivate/plan.json'], { cwd: FIXTURES, config: file });
    const note = report.findings.find((f) => f.ruleId === 'OPG000')!;
    expect(note).toMatchObject({ severity: 'note', address: 'okta_push_group.gone' });
    expect(note.message).toContain('matched nothing; remove it');
  });

  it('stay in the JSON and SARIF reports with their reason', async () => {
    const file = config({ suppressions: [{ rule: 'OPG001', address: 'okta_push_group.eng', reason: 'OKTA-42' }] });
    const io = captureIo({ cwd: FIXTURES });
    await main(['lint', 'orphan-after-deactivate/plan.json', '--config', file, '--format', 'sarif'], io);
    const sarif = JSON.parse(io.out());
    expect(sarif).toBeValidSarifLog();
    const results = sarif.runs[0].results as { locations: { logicalLocations: { fullyQualifiedName: string }[] }[]; suppressions?: unknown }[];
    expect(results.find((r) => r.locations[0]!.logicalLocations[0]!.fullyQualifiedName === 'okta_push_group.eng')!.suppressions).toEqual([{ kind: 'external', justification: 'OKTA-42' }]);
    const text = captureIo({ cwd: FIXTURES });
    expect(await main(['lint', 'orphan-after-deactivate/plan.json', '--config', file], text)).toBe(1);
    expect(text.out()).toContain('in 1 input, 1 suppressed.');
  });
});
