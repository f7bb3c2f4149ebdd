// Undecidable verdicts are findings of the rule that could not decide (verdict `unknown`): counted,
// reported in every format, and failing a strict gate (--fail-on-unknown), whatever the rule.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { main } from '../../src/cli/main';
import { changeOf, readFixture } from '../support/fixtures';
import { captureIo } from '../support/io';

/**
 * An HCP Terraform redacted plan whose provisioning stays on while it destroys a mapping whose
 * delete_target_group_on_destroy is marked sensitive, and so left out of the redacted `before`.
 */
function redactedDestroy(): string {
  const plan = readFixture('hcp-redacted-plan/plan-redacted.json');
  const connection = changeOf(plan, 'okta_app_connection.slack');
  connection.change = { ...connection.change, actions: ['no-op'], after: connection.change.before, after_unknown: {} };
  const eng = changeOf(plan, 'okta_push_group.eng');
  const before = { ...(eng.change.before as Record<string, unknown>) };
  delete before.delete_target_group_on_destroy;
  eng.change = { ...eng.change, actions: ['delete'], before, after: null, before_sensitive: { delete_target_group_on_destroy: true }, after_sensitive: false, after_unknown: {} };
  const dir = mkdtempSync(join(tmpdir(), 'opg-unknown-'));
  writeFileSync(join(dir, 'plan-redacted.json'), JSON.stringify(plan));
  return dir;
}

async function run(cwd: string, ...args: string[]) {
  const io = captureIo({ cwd });
  const code = await main(['lint', 'plan-redacted.json', '--no-config', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('undecidable verdicts of any rule', () => {
  const dir = redactedDestroy();

  it('are findings with verdict unknown at the unknown severity (note)', async () => {
    const { code, out } = await run(dir, '--format', 'json');
    expect(code).toBe(0);
    const findings = (JSON.parse(out) as { findings: { ruleId: string; verdict: string; severity: string; address: string }[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.address, f.verdict, f.severity])).toEqual([['OPG003', 'okta_push_group.eng', 'unknown', 'note']]);
  });

  it('fail the gate with --fail-on-unknown, and only then', async () => {
    expect((await run(dir, '--fail-on', 'warning')).code).toBe(0);
    expect((await run(dir, '--fail-on-unknown')).code).toBe(1);
    expect((await run(dir, '--fail-on', 'note')).code).toBe(1);
  });

  it('take the configuration\'s unknown severity, and --fail-on-unknown keeps them when it is off', async () => {
    writeFileSync(join(dir, 'strict.json'), JSON.stringify({ unknown: 'error' }));
    writeFileSync(join(dir, 'quiet.json'), JSON.stringify({ unknown: 'off' }));
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', 'plan-redacted.json', '--config', 'strict.json'], io)).toBe(1);
    expect(io.out()).toContain('error    OPG003  okta_push_group.eng');
    expect(await main(['lint', 'plan-redacted.json', '--config', 'quiet.json'], captureIo({ cwd: dir }))).toBe(0);
    expect(await main(['lint', 'plan-redacted.json', '--config', 'quiet.json', '--fail-on-unknown'], captureIo({ cwd: dir }))).toBe(1);
  });

  it('are not listed as rules that held in JUnit', async () => {
    const { out } = await run(dir, '--format', 'junit');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(out) as {
      testsuites: { testsuite: { testcase: { classname: string; name: string; failure?: { type: string } }[] } };
    };
    const cases = parsed.testsuites.testsuite.testcase.filter((c) => c.classname === 'OPG003');
    expect(cases).toEqual([expect.objectContaining({ name: 'OPG003 okta_push_group.eng', failure: expect.objectContaining({ type: 'note' }) })]);
  });

  it('carry the verdict in SARIF', async () => {
    const { out } = await run(dir, '--format', 'sarif');
    const results = (JSON.parse(out) as { runs: { results: { ruleId: string; level: string; properties: { verdict: string } }[] }[] }).runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level, r.properties.verdict])).toEqual([['OPG003', 'note', 'unknown']]);
  });
});
