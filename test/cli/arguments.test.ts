// Every way a user types the command line: each form is read as meant or refused (exit 2, one line
// naming it), never misread into a run that judges something else and passes. The fixture's orphan
// appears only through its variable file, so a dropped or swallowed --var-file shows as exit 0.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';

const CONFIG = 'tf-var-file-orphan';
const VARS = `${CONFIG}/prod.tfvars`;
const PLAN = 'orphan-after-deactivate/plan.json';
const ORPHANS = ['OPG001 okta_push_group.wiki_eng', 'OPG001 okta_push_group.wiki_ops'];

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], stdin?: Buffer): Promise<Run> {
  const io = captureIo({ cwd: FIXTURES, ...(stdin ? { readStdin: () => stdin } : {}) });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Findings of a JSON run, as `RULE address`, and the inputs it read. */
async function judged(args: string[], stdin?: Buffer): Promise<{ code: number; inputs: string[]; findings: string[]; err: string }> {
  const end = args.includes('--') ? args.indexOf('--') : args.length;
  const result = await run([...args.slice(0, end), '--format', 'json', ...args.slice(end)], stdin);
  if (result.code === 2) return { code: 2, inputs: [], findings: [], err: result.err };
  const report = JSON.parse(result.out) as { inputs: { path: string }[]; findings: { ruleId: string; address: string }[] };
  return {
    code: result.code,
    inputs: report.inputs.map((i) => i.path),
    findings: report.findings.map((f) => `${f.ruleId} ${f.address}`).sort(),
    err: result.err,
  };
}

describe('variable files and variables', () => {
  it('finds nothing without the variable file (the orphan is only in production)', async () => {
    expect(await judged(['lint', CONFIG])).toMatchObject({ code: 0, inputs: [CONFIG], findings: [] });
  });

  it.each([
    ['--var-file after the path', ['lint', CONFIG, '--var-file', VARS]],
    ['--var-file before the path', ['lint', '--var-file', VARS, CONFIG]],
    ['--var-file=FILE before the path', ['lint', `--var-file=${VARS}`, CONFIG]],
    ["Terraform's -var-file=FILE", ['lint', CONFIG, `-var-file=${VARS}`]],
    ["Terraform's -var-file FILE, before the path", ['lint', '-var-file', VARS, CONFIG]],
    ['--var NAME=VALUE before the path', ['lint', '--var', 'wiki_provisioning=deactivate', CONFIG]],
    ["Terraform's -var NAME=VALUE", ['lint', CONFIG, '-var', 'wiki_provisioning=deactivate']],
    ["Terraform's -var=NAME=VALUE", ['lint', '-var=wiki_provisioning=deactivate', CONFIG]],
    ['the default command', [CONFIG, '--var-file', VARS]],
    ['a path after --', ['lint', '--var-file', VARS, '--', CONFIG]],
  ])('%s: the variable file is read and the path linted', async (_name, args) => {
    expect(await judged(args)).toEqual({ code: 1, inputs: [CONFIG], findings: ORPHANS, err: '' });
  });

  it('lets the later of --var-file and --var win, as Terraform does', async () => {
    expect((await judged(['lint', CONFIG, '--var-file', VARS, '--var', 'wiki_provisioning=activate'])).findings).toEqual([]);
    expect((await judged(['lint', CONFIG, '--var', 'wiki_provisioning=activate', '-var-file', VARS])).findings).toEqual(ORPHANS);
  });

  it('takes one value per occurrence: repeated options add values and swallow no path', async () => {
    const result = await judged(['lint', '--var', 'wiki_provisioning=activate', '--var', 'wiki_provisioning=deactivate', CONFIG, PLAN]);
    expect(result.inputs).toEqual([CONFIG, PLAN]);
    expect(result.findings).toEqual([...ORPHANS, 'OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops'].sort());
  });

  it('refuses variables when no input is a configuration that would read them', async () => {
    const result = await run(['lint', PLAN, '--var-file', VARS]);
    expect(result).toEqual({
      code: 2,
      out: '',
      err: `okta-push-guard: error: --var-file ${VARS}: no input is a .tf or Terraform JSON configuration, so variables would not be read (a plan or state already holds its values)\n`,
    });
    // A --var value may be a secret: only the variable's name is shown.
    expect((await run(['lint', PLAN, '--var', 'wiki_scim_token=s3cr3t-value'])).err).toContain('--var wiki_scim_token: no input is');
    expect((await run(['lint', PLAN, '--var', 'wiki_scim_token=s3cr3t-value'])).err).not.toContain('s3cr3t');
  });
});

describe('--report and --output', () => {
  it('--report FORMAT:FILE before the path writes the file and lints the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-args-'));
    const sarif = join(dir, 'x.sarif');
    const result = await run(['lint', '--report', `sarif:${sarif}`, '--report', `junit:${join(dir, 'x.xml')}`, PLAN]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${PLAN} (plan)`);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results).toHaveLength(2);
    expect(existsSync(join(dir, 'x.xml'))).toBe(true);
  });

  it('-o FILE before the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-args-'));
    const result = await run(['lint', '-o', join(dir, 'r.txt'), PLAN]);
    expect(result).toEqual({ code: 1, out: '', err: '' });
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toContain('OPG001  okta_push_group.eng');
  });
});

describe('arguments that are refused', () => {
  it.each([
    ['a camel-case spelling', ['lint', CONFIG, '--varFile', VARS], 'Unknown argument: varFile'],
    ['another camel-case spelling', ['lint', PLAN, '--failOn', 'note'], 'Unknown argument: failOn'],
    ['an unknown option', ['lint', PLAN, '--strict'], 'Unknown argument: strict'],
    ['an option with one dash', ['lint', PLAN, '-format', 'json'], 'unknown option "-format"; did you mean --format?'],
    ["a Terraform option this tool does not have", ['lint', PLAN, '-json'], 'unknown option "-json" (options take two dashes; see okta-push-guard --help)'],
    ['short options run together', ['lint', PLAN, '-fo', 'json'], 'unknown option "-fo"'],
    ['-v among other arguments (not "verbose")', ['lint', PLAN, '-v'], '--version takes no other arguments'],
    ['--no- on an option that is not a switch', ['lint', CONFIG, '--no-var-file'], 'unknown option "--no-var-file": --var-file is not a switch'],
    ['a value for a switch', ['lint', PLAN, '--color=yes'], '--color takes no value'],
    ['an option given twice that takes one value', ['lint', PLAN, '--format', 'json', '--format', 'text'], '--format may be given only once'],
    ['an option without its value', ['lint', CONFIG, '--var-file'], '--var-file needs a value'],
    ['a value that is not one of the choices', ['lint', PLAN, '--fail-on', 'critical'], 'Invalid values'],
    ['an unknown command', ['deploy', CONFIG], 'unknown command "deploy" (commands: lint, audit, remediate, rules, explain); a path to lint must exist'],
    ['an argument to rules', ['rules', 'extra'], 'Unknown argument: extra'],
    ['an option of lint given to rules', ['rules', '--var-file', VARS], 'Unknown argument: var-file'],
  ])('%s', async (_name, args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    const lines = result.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });

  it('still answers --version and --help alone', async () => {
    expect(await run(['--version'])).toMatchObject({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    expect(await run(['-v'])).toMatchObject({ code: 0 });
    expect((await run(['lint', '--help'])).out).toContain('--var-file');
  });
});

describe('--pre-commit (the hook passes changed files)', () => {
  it('lints the folder of each changed file once', async () => {
    const result = await judged(['lint', '--pre-commit', `${CONFIG}/main.tf`, `${CONFIG}/main.tf`, 'tf-module-default/main.tf', '--var-file', VARS]);
    expect(result.inputs).toEqual([CONFIG, 'tf-module-default']);
    expect(result.findings).toEqual(expect.arrayContaining(ORPHANS));
  });

  it('lints only the folders given, when there are any', async () => {
    expect((await judged(['lint', '--pre-commit', 'tf-module-default', `${CONFIG}/main.tf`])).inputs).toEqual(['tf-module-default']);
  });

  it('keeps a path that does not exist, so the run fails instead of guessing', async () => {
    expect((await run(['lint', '--pre-commit', 'infar', `${CONFIG}/main.tf`])).err).toBe('okta-push-guard: error: infar: no such file or directory\n');
  });
});

describe('standard input (-)', () => {
  const plan = readFileSync(join(FIXTURES, PLAN));

  it('lints a plan piped in, reported as <stdin>', async () => {
    expect(await judged(['lint', '-'], plan)).toEqual({ code: 1, inputs: ['<stdin>'], findings: ['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops'], err: '' });
  });

  it('reads every encoding and wrapper that files may have', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan.toString('utf8'), 'utf16le')]);
    const wrapped = Buffer.from(`[command]/home/runner/terraform-bin show -json tfplan\n${plan.toString('utf8').trimEnd()}%0A\n::debug::exitcode: 0\n`);
    for (const bytes of [utf16, wrapped]) expect((await judged(['lint', '-'], bytes)).findings).toEqual(['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']);
  });

  it('lints standard input beside other paths, with their variable files', async () => {
    const result = await judged(['lint', CONFIG, '-', '--var-file', VARS], plan);
    expect(result.inputs).toEqual([CONFIG, '<stdin>']);
    expect(result.findings).toHaveLength(4);
  });

  it.each([
    ['nothing piped in', Buffer.alloc(0), '<stdin>: standard input is empty'],
    ['a Terraform JSON configuration', Buffer.from(JSON.stringify({ resource: { okta_push_group: { a: { app_id: 'x', source_group_id: 'y' } } } })), '<stdin>: a Terraform JSON configuration cannot be read from standard input'],
    ['something that is not Terraform', Buffer.from('{"name":"x"}'), '<stdin>: not a Terraform plan or state'],
    ['truncated JSON', plan.subarray(0, 300), '<stdin>: truncated JSON'],
  ])('refuses %s', async (_name, bytes, message) => {
    const result = await run(['lint', '-'], bytes);
    expect(result.code).toBe(2);
    expect(result.err.trimEnd().split('\n')).toEqual([expect.stringContaining(message)]);
  });
});

describe('the installed command, as a shell runs it', () => {
  const bin = join(__dirname, '..', '..', 'bin', 'okta-push-guard.js');
  const shell = (command: string) =>
    spawnSync('sh', ['-c', command], { cwd: FIXTURES, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', OKTA_PUSH_GUARD_BIN: bin } });

  it('terraform show -json tfplan | okta-push-guard lint -', () => {
    const result = shell(`cat ${PLAN} | "${process.execPath}" "$OKTA_PUSH_GUARD_BIN" lint -`);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('<stdin> (plan)\n  error    OPG001  okta_push_group.eng');
  });

  it('-var-file=FILE after the path, as typed in a pipeline', () => {
    const result = shell(`"${process.execPath}" "$OKTA_PUSH_GUARD_BIN" lint ${CONFIG} -var-file=${VARS}`);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('OPG001  okta_push_group.wiki_eng');
  });

  it('refuses to wait on a terminal for standard input', () => {
    // script(1) gives the command a terminal as standard input.
    const result = shell(`script -eqc '"${process.execPath}" "$OKTA_PUSH_GUARD_BIN" lint -' /dev/null`);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('<stdin>: standard input is a terminal');
  });
});
