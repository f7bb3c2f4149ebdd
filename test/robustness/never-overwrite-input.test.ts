// The tool is read-only on its inputs: an output that resolves to an input (the same path, a symbolic or
// hard link to it, a .tf file of a folder being linted) is refused with exit 2 before anything is written.
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { fixturePath } from '../support/fixtures';
import { captureIo } from '../support/io';

const PLAN = readFileSync(fixturePath('orphan-after-deactivate/plan.json'));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-overwrite-'));
  writeFileSync(join(dir, 'plan.json'), PLAN);
  mkdirSync(join(dir, 'infra'));
  for (const f of ['main.tf', 'variables.tf']) copyFileSync(fixturePath(`orphan-after-deactivate/${f}`), join(dir, 'infra', f));
  return dir;
}

async function lintIn(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir, env });
  const code = await main(['lint', '--no-config', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

function expectRefused(result: { code: number; out: string; err: string }, output: string): void {
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err).toBe(`okta-push-guard: error: ${output}: is an input of this run; okta-push-guard never writes over its inputs, so nothing was written\n`);
}

describe('an output that is an input', () => {
  it.each([
    ['-o', ['plan.json', '-o', 'plan.json'], 'plan.json'],
    ['--output with --format json', ['plan.json', '--format', 'json', '--output', 'plan.json'], 'plan.json'],
    ['--report', ['plan.json', '--report', 'json:plan.json'], 'plan.json'],
    ['--write-baseline', ['plan.json', '--write-baseline', 'plan.json'], 'plan.json'],
    ['another spelling of the path', ['plan.json', '-o', './infra/../plan.json'], './infra/../plan.json'],
    ['a .tf file of the folder linted', ['infra', '-o', 'infra/main.tf'], 'infra/main.tf'],
    ['a .tf file linted alone', ['infra/main.tf', '--report', 'sarif:infra/main.tf'], 'infra/main.tf'],
    ['a plan found in a folder linted', ['.', '--format', 'json', '-o', 'plan.json'], 'plan.json'],
  ])('is refused: %s', async (_name, args, output) => {
    const dir = workspace();
    const before = [readFileSync(join(dir, 'plan.json')), readFileSync(join(dir, 'infra/main.tf'))];
    expectRefused(await lintIn(dir, args), output);
    expect([readFileSync(join(dir, 'plan.json')), readFileSync(join(dir, 'infra/main.tf'))]).toEqual(before);
  });

  it('is refused through a symbolic link and a hard link', async () => {
    const dir = workspace();
    symlinkSync(join(dir, 'plan.json'), join(dir, 'soft.json'));
    linkSync(join(dir, 'plan.json'), join(dir, 'hard.json'));
    expectRefused(await lintIn(dir, ['plan.json', '-o', 'soft.json']), 'soft.json');
    expectRefused(await lintIn(dir, ['hard.json', '--report', 'junit:plan.json']), 'plan.json');
    expect(readFileSync(join(dir, 'plan.json'))).toEqual(PLAN);
  });

  it('writes none of the other outputs either', async () => {
    const dir = workspace();
    expectRefused(await lintIn(dir, ['plan.json', '--report', 'sarif:results.sarif', '--report', 'json:plan.json', '-o', 'report.txt']), 'plan.json');
    expect(existsSync(join(dir, 'results.sarif'))).toBe(false);
    expect(existsSync(join(dir, 'report.txt'))).toBe(false);
  });

  it('is refused when the run fails on that very input, instead of writing the failure report over it', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.json'), '{"format_version": ');
    expectRefused(await lintIn(dir, ['broken.json', '--format', 'json', '-o', 'broken.json']), 'broken.json');
    expect(readFileSync(join(dir, 'broken.json'), 'utf8')).toBe('{"format_version": ');
  });

  it('covers the configuration file, the baseline and variable files, and the job summary', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'prod.tfvars'), 'okta_scim_token = "x"\n');
    writeFileSync(join(dir, 'cfg.json'), '{}');
    const summary = join(dir, 'plan.json');
    expectRefused(await lintIn(dir, ['infra', '--var-file', 'prod.tfvars', '-o', 'prod.tfvars']), 'prod.tfvars');
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', 'plan.json', '--config', 'cfg.json', '-o', 'cfg.json'], io)).toBe(2);
    expect(readFileSync(join(dir, 'cfg.json'), 'utf8')).toBe('{}');
    expectRefused(await lintIn(dir, ['plan.json', '--format', 'github'], { GITHUB_STEP_SUMMARY: summary }), summary);
    expect(readFileSync(join(dir, 'plan.json'))).toEqual(PLAN);
  });

  it('still lets a report be written again into the folder being linted (it is not an input)', async () => {
    const dir = workspace();
    copyFileSync(join(dir, 'plan.json'), join(dir, 'infra', 'plan.json'));
    const first = await lintIn(dir, ['infra', '--format', 'json', '-o', 'infra/report.json']);
    expect(first.code).toBe(1);
    const second = await lintIn(dir, ['infra', '--format', 'json', '-o', 'infra/report.json']);
    expect(second).toEqual({ code: 1, out: '', err: '' });
    expect(JSON.parse(readFileSync(join(dir, 'infra/report.json'), 'utf8')).inputs.map((i: { path: string }) => i.path)).toEqual(['infra', 'infra/plan.json']);
  });

  it('still lets --write-baseline replace the baseline it is not reading', async () => {
    const dir = workspace();
    expect((await lintIn(dir, ['plan.json', '--write-baseline', 'baseline.json'])).code).toBe(0);
    expect((await lintIn(dir, ['plan.json', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json'])).code).toBe(0);
  });
});
