// Every door judges alike: the same stacks through the CLI, the library call and the CDKTF guard
// give the same report, with the configuration's suppressions (used and unused) and its baseline.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { OktaPushGuard } from '../src/cdktf';
import { main } from '../src/cli/main';
import type { Report } from '../src/engine/report';
import { lint } from '../src/core/lint';
import { oktaStack } from './support/cdktf-app';
import { captureIo } from './support/io';

/** What every door must agree on; a finding's source line is known only once cdk.tf.json is written. */
function comparable(report: Report): unknown {
  return { ...report, findings: report.findings.map((f) => ({ ...f, location: f.location?.constructPath ?? null })) };
}

describe('the doors', () => {
  const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  const dir = mkdtempSync(join(tmpdir(), 'opg-doors-'));
  let fromGuard: Report;
  let guard: OktaPushGuard;

  beforeAll(() => {
    // Write the synth output despite the guard's errors, so the CLI can read the same stacks.
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    writeFileSync(
      join(dir, '.okta-push-guard.json'),
      JSON.stringify({
        suppressions: [
          { rule: 'OPG001', address: 'okta_push_group.push_ops', reason: 'moves to the new app in OKTA-42' },
          { rule: 'OPG004', address: 'okta_push_group.gone', reason: 'matches nothing: reported as unused' },
        ],
      }),
    );
    const app = new App({ outdir: join(dir, 'cdktf.out') });
    oktaStack(app, 'first', { action: 'deactivate', groups: ['eng', 'ops'] });
    oktaStack(app, 'second', { action: 'activate', groups: ['qa'] });
    guard = OktaPushGuard.applyTo(app, { cwd: dir });
    app.synth();
    fromGuard = guard.report();
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
  });

  it('the guard reports what the configuration says: a suppressed finding, an unused suppression', () => {
    expect(fromGuard.findings.map((f) => [f.input, f.ruleId, f.address, f.suppressed?.reason ?? null])).toEqual([
      ['cdktf.out/stacks/first/cdk.tf.json', 'OPG001', 'okta_push_group.push_eng', null],
      ['cdktf.out/stacks/first/cdk.tf.json', 'OPG001', 'okta_push_group.push_ops', 'moves to the new app in OKTA-42'],
      ['.okta-push-guard.json', 'OPG000', 'okta_push_group.gone', null],
    ]);
  });

  it('the CLI, the library and the guard give the same report', async () => {
    const io = captureIo({ cwd: dir });
    await main(['lint', 'cdktf.out', '--format', 'json'], io);
    const fromCli = JSON.parse(io.out()) as Report;
    const fromLibrary = await lint(['cdktf.out'], { cwd: dir });
    expect(comparable(fromCli)).toEqual(comparable(fromLibrary));
    expect(comparable(fromGuard)).toEqual(comparable(fromLibrary));
  });

  it('the guard honours the configuration\'s baseline', async () => {
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', 'cdktf.out', '--write-baseline', 'baseline.json'], io)).toBe(0);
    writeFileSync(join(dir, 'with-baseline.json'), JSON.stringify({ baseline: 'baseline.json' }));
    const app = new App({ outdir: join(dir, 'again') });
    oktaStack(app, 'first', { action: 'deactivate', groups: ['eng'] });
    const again = OktaPushGuard.applyTo(app, { cwd: dir, config: join(dir, 'with-baseline.json') });
    // Named as `lint again` would name it, so the baseline written from cdktf.out does not match it.
    app.synth();
    expect(again.report().findings.map((f) => [f.input, f.suppressed?.source ?? null])).toEqual([['again/stacks/first/cdk.tf.json', null]]);
    const same = new App({ outdir: join(dir, 'cdktf.out') });
    oktaStack(same, 'first', { action: 'deactivate', groups: ['eng'] });
    const third = OktaPushGuard.applyTo(same, { cwd: dir, config: join(dir, 'with-baseline.json') });
    same.synth();
    expect(third.report().findings.map((f) => [f.address, f.suppressed?.source ?? null])).toEqual([['okta_push_group.push_eng', 'baseline baseline.json']]);
  });

  it('an acknowledgement is one more suppression source of the same policy: used, or reported as unused', () => {
    const app = new App({ outdir: join(dir, 'acks') });
    const stack = oktaStack(app, 'first', { action: 'deactivate', groups: ['eng'] });
    const acked = OktaPushGuard.applyTo(app, {
      cwd: dir,
      config: false,
      acknowledgements: [
        { rule: 'OPG001', address: 'okta_push_group.push_eng', reason: 'decommissioned with the app in OKTA-7' },
        { rule: 'OPG004', address: 'okta_push_group.nothing', reason: 'left over' },
      ],
    });
    app.synth();
    expect(acked.report().findings.map((f) => [f.ruleId, f.address, f.suppressed?.source ?? null, f.severity])).toEqual([
      ['OPG001', 'okta_push_group.push_eng', 'OktaPushGuard acknowledgement', 'error'],
      ['OPG000', 'okta_push_group.nothing', null, 'note'],
    ]);
    const infos = stack.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
    expect(infos).toEqual([expect.stringMatching(/^OPG000: The suppression of OPG004 for `okta_push_group.nothing` \(OktaPushGuard acknowledgement\) matched nothing/)]);
  });
});
