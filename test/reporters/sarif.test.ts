// SARIF 2.1.0: valid against the official schema, with rules, locations and stable fingerprints.
import '@microsoft/jest-sarif';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { rules } from '../../rules';
import { FIXTURES } from '../support/fixtures';
import { render } from '../support/reports';

async function sarif(paths: string[], cwd = FIXTURES): Promise<Sarif.Log> {
  return JSON.parse((await render('sarif', paths, {}, cwd)).out) as Sarif.Log;
}

describe('SARIF', () => {
  it.each([
    [['orphan-after-deactivate/plan.json']],
    [['shutdown-same-plan/plan.json', 'state-orphan-child-module']],
    [['tf-module-default', 'tf-conditional-action', 'tf-json-config']],
    [['safe-mapping-removal/plan.json']],
    [['sensitive-values/plan.json', 'regressions/create-then-forget.json']],
  ])('is a valid SARIF 2.1.0 log for %j', async (paths) => {
    expect(await sarif(paths)).toBeValidSarifLog();
  });

  it('describes every rule and points each result at its rule', async () => {
    const log = await sarif(['shutdown-same-plan/plan.json', 'tf-conditional-action']);
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: 'okta-push-guard', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([...rules.map((r) => r.meta.id), 'OPG000']);
    for (const rule of run.tool.driver.rules!) {
      expect(rule).toMatchObject({ name: expect.any(String), shortDescription: { text: expect.any(String) }, fullDescription: { text: expect.any(String) }, helpUri: expect.stringMatching(/^https:\/\//), defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) } });
      expect(rule.help!.markdown).toMatch(/^# /);
      expect(rule.properties!.tags).toContain('okta');
    }
    for (const result of run.results!) expect(run.tool.driver.rules![result.ruleIndex!]!.id).toBe(result.ruleId);
    expect(run.results!.map((r) => [r.ruleId, r.level])).toEqual([
      ['OPG002', 'error'],
      ['OPG003', 'warning'],
      ['OPG003', 'warning'],
      ['OPG007', 'warning'],
      ['OPG005', 'note'],
    ]);
  });

  it('puts a result on its .tf line when known, else on the input with the address as a logical location', async () => {
    const log = await sarif(['tf-conditional-action', 'shutdown-same-plan/plan.json']);
    const [onLine, onInput] = [log.runs[0]!.results!.find((r) => r.ruleId === 'OPG007')!, log.runs[0]!.results!.find((r) => r.ruleId === 'OPG002')!];
    expect(onLine.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'tf-conditional-action/main.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 29, startColumn: 1 } });
    expect(onInput.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'shutdown-same-plan/plan.json', uriBaseId: '%SRCROOT%' } });
    expect(onInput.locations![0]!.logicalLocations).toEqual([{ fullyQualifiedName: 'okta_app_connection.slack', kind: 'resource' }]);
    expect(onInput.relatedLocations!.map((l) => l.logicalLocations![0]!.fullyQualifiedName)).toEqual(['okta_app_saml.slack', 'okta_push_group.eng', 'okta_push_group.ops']);
  });

  it('keeps fingerprints when lines move and when unrelated resources or for_each keys are added', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-fp-'));
    cpSync(join(FIXTURES, 'tf-module-default'), dir, { recursive: true });
    const before = await sarif(['.'], dir);
    const fingerprints = (log: Sarif.Log): Record<string, string> =>
      Object.fromEntries(log.runs[0]!.results!.map((r) => [r.locations![0]!.logicalLocations![0]!.fullyQualifiedName!, r.partialFingerprints!['oktaPushGuard/v1']!]));
    const lines = (log: Sarif.Log): number[] => log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.region!.startLine!);

    writeFileSync(join(dir, 'main.tf'), `# moved down by a comment\n\nresource "okta_group" "unrelated" {\n  name = "x"\n}\n\n${readFileSync(join(dir, 'main.tf'), 'utf8')}`);
    writeFileSync(join(dir, 'terraform.tfvars'), 'teams = {\n  aaa     = "00g0"\n  support = "00g2supptWx4Kj6Hb9t3"\n  sales   = "00g1salesQz8Lm3Np7r2"\n}\n');
    const after = await sarif(['.'], dir);
    expect(lines(after)).not.toEqual(lines(before));
    const kept = fingerprints(after);
    for (const [address, fp] of Object.entries(fingerprints(before))) expect(kept[address]).toBe(fp);
    expect(Object.keys(kept)).toHaveLength(3);
    expect(await sarif(['.'], dir)).toEqual(after);
  });
});

describe('SARIF paths', () => {
  it('uses a file URI for an input given by absolute path', async () => {
    const input = join(FIXTURES, 'safe-mapping-removal', 'plan.json');
    const log = await sarif([join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), input], tmpdir());
    expect(log).toBeValidSarifLog();
    expect(log.runs[0]!.artifacts![1]!.location).toEqual({ uri: `file://${input}` });
  });
});
