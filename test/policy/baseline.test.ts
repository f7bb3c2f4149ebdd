// Baselines: record today's findings, then report only new ones.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';

async function run(cwd: string, ...args: string[]) {
  const io = captureIo({ cwd });
  const code = await main(['lint', ...args, '--no-config'], io);
  return { code, out: io.out(), err: io.err() };
}

describe('baseline', () => {
  it('round trip: record, add one violation, and only the new one fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-baseline-'));
    cpSync(join(FIXTURES, 'tf-module-default'), dir, { recursive: true });
    const written = await run(dir, '.', '--write-baseline', 'baseline.json');
    expect(written).toEqual({ code: 0, out: 'Recorded 2 findings in the baseline baseline.json.\n', err: '' });
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { address: string }) => f.address)).toEqual(['okta_push_group.crm["sales"]', 'okta_push_group.crm["support"]']);

    const again = await run(dir, '.', '--baseline', 'baseline.json');
    expect(again.code).toBe(0);
    expect(again.out.split('\n').slice(-2)).toEqual(['✔ No problems in 1 input, 2 suppressed.', '']);

    // Lines shift and a new team is pushed: only the new mapping is reported.
    writeFileSync(join(dir, 'main.tf'), `# a new comment moves every line\n\n${readFileSync(join(dir, 'main.tf'), 'utf8')}`);
    writeFileSync(join(dir, 'terraform.tfvars'), 'teams = {\n  sales   = "00g1salesQz8Lm3Np7r2"\n  support = "00g2supptWx4Kj6Hb9t3"\n  finance = "00g7finance"\n}\n');
    const after = await run(dir, '.', '--baseline', 'baseline.json', '--format', 'json');
    expect(after.code).toBe(1);
    const report = JSON.parse(after.out) as { findings: { address: string; suppressed: { source: string } | null }[]; summary: { error: number; suppressed: number } };
    expect(report.findings.filter((f) => !f.suppressed).map((f) => f.address)).toEqual(['okta_push_group.crm["finance"]']);
    expect(report.summary).toMatchObject({ error: 1, suppressed: 2 });
    expect(report.findings.find((f) => f.suppressed)!.suppressed!.source).toBe('baseline baseline.json');
  });

  it('names a missing or foreign baseline file', async () => {
    expect((await run(FIXTURES, 'orphan-after-deactivate/plan.json', '--baseline', 'nope.json')).err).toBe(
      'okta-push-guard: error: nope.json: no such baseline file; create it with --write-baseline\n',
    );
    expect((await run(FIXTURES, 'orphan-after-deactivate/plan.json', '--baseline', 'orphan-after-deactivate/plan.json')).err).toBe(
      'okta-push-guard: error: orphan-after-deactivate/plan.json: not an okta-push-guard baseline (version 1)\n',
    );
  });
});

describe('baseline details', () => {
  it('writes every current finding even when a baseline is in force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-rewrite-'));
    cpSync(join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    writeFileSync(join(dir, '.okta-push-guard.json'), '{ "baseline": "b.json" }');
    const io = captureIo({ cwd: dir });
    await main(['lint', 'plan.json', '--write-baseline', 'b.json', '--no-config'], io);
    const again = captureIo({ cwd: dir });
    await main(['lint', 'plan.json', '--write-baseline', 'b.json'], again);
    expect(again.out()).toBe('Recorded 2 findings in the baseline b.json.\n');
  });

  it('names an input the same way however its path is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-paths-'));
    cpSync(join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    await main(['lint', 'plan.json', '--write-baseline', 'b.json', '--no-config'], captureIo({ cwd: dir }));
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', './plan.json', '--baseline', 'b.json', '--no-config'], io)).toBe(0);
  });
});
