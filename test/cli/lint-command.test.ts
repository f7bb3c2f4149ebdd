// The lint command: exit codes by --fail-on, formats, --output, colour, several inputs.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

async function run(args: string[], env: NodeJS.ProcessEnv = {}, isTTY = false) {
  const io = captureIo({ cwd: FIXTURES, env, isTTY });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('lint exit codes', () => {
  it.each([
    // fixture, --fail-on, exit code
    ['orphan-after-deactivate/plan.json', 'error', 1],
    ['orphan-after-deactivate/plan.json', 'none', 0],
    ['remove-connection/plan.json', 'error', 0],
    ['remove-connection/plan.json', 'warning', 1],
    ['unknown-app-reference/plan.json', 'warning', 0],
    ['unknown-app-reference/plan.json', 'note', 1],
    ['safe-mapping-removal/plan.json', 'note', 0],
  ])('%s with --fail-on %s exits %i', async (fixture, failOn, code) => {
    expect((await run(['lint', fixture, '--fail-on', failOn])).code).toBe(code);
  });

  it('defaults to failing on errors', async () => {
    expect((await run(['orphan-after-deactivate/plan.json'])).code).toBe(1);
    expect((await run(['lint', 'inactive-app/plan.json'])).code).toBe(0);
  });
});

describe('text output', () => {
  it('groups findings by input, then severity, with a summary line', async () => {
    // Three inputs about three different apps (inputs about the same app are judged together).
    const { out, err } = await run(['lint', 'shutdown-same-plan/plan.json', 'inactive-app/plan.json', 'tf-var-file-orphan']);
    expect(err).toBe('');
    const lines = out.split('\n');
    expect(lines[0]).toBe('shutdown-same-plan/plan.json (plan)');
    expect(lines[1]).toBe('  error    OPG002  okta_app_connection.slack');
    expect(lines[3]).toBe('  warning  OPG003  okta_push_group.eng');
    expect(lines).toContain('inactive-app/plan.json (plan)');
    // No section for an input without findings; it is only named in the summary.
    expect(lines).not.toContain('tf-var-file-orphan (config)');
    expect(out).toContain('✖ 4 problems (1 error, 3 warnings, 0 notes) in 3 inputs.');
  });

  it('names every input it read and the Okta objects in each, before the verdict', async () => {
    const { out } = await run(['lint', 'shutdown-same-plan/plan.json', 'features-user-vs-inbound/plan.json', 'tf-module-default']);
    const lines = out.split('\n');
    const read = lines.indexOf('Read 3 inputs:');
    expect(lines.slice(read, read + 5)).toEqual([
      'Read 3 inputs:',
      '  shutdown-same-plan/plan.json (plan): 1 app, 1 connection, 0 features, 2 push mappings',
      expect.stringMatching(/^  features-user-vs-inbound\/plan\.json \(plan\): \d+ apps?, 0 connections, [1-9]\d* features?, \d+ push mappings?$/),
      '  tf-module-default (config): 1 app, 1 connection, 0 features, 2 push mappings',
      expect.stringMatching(/^✖ /),
    ]);
  });

  it('says when a configuration holds nothing to judge, without failing the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-empty-'));
    writeFileSync(join(dir, 'main.tf'), 'variable "region" {}\nresource "null_resource" "x" {}\n');
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.'], io)).toBe(0);
    expect(io.out()).toBe('Read 1 input:\n  . (config): no Okta apps, connections, features or push mappings: nothing to judge\n✔ No problems in 1 input.\n');
  });

  it('says so when there is nothing to report, without the word "fail"', async () => {
    const { code, out } = await run(['lint', 'safe-mapping-removal/plan.json']);
    expect(code).toBe(0);
    expect(out).toBe('Read 1 input:\n  safe-mapping-removal/plan.json (plan): 1 app, 1 connection, 0 features, 2 push mappings\n✔ No problems in 1 input.\n');
    expect(out.toLowerCase()).not.toContain('fail');
  });

  it('colours only when asked or on a terminal, and never with NO_COLOR', async () => {
    const esc = '\u001b[';
    expect((await run(['lint', 'orphan-after-deactivate/plan.json'])).out).not.toContain(esc);
    expect((await run(['lint', 'orphan-after-deactivate/plan.json'], {}, true)).out).toContain(esc);
    expect((await run(['lint', 'orphan-after-deactivate/plan.json'], { NO_COLOR: '1' }, true)).out).not.toContain(esc);
    expect((await run(['lint', 'orphan-after-deactivate/plan.json', '--no-color'], {}, true)).out).not.toContain(esc);
    expect((await run(['lint', 'orphan-after-deactivate/plan.json', '--color'])).out).toContain(esc);
  });
});

describe('JSON report', () => {
  const every = readdirSync(FIXTURES).flatMap((d) =>
    readdirSync(join(FIXTURES, d))
      .filter((f) => /\.(json|tfstate)$/.test(f))
      .map((f) => join(d, f)),
  );

  it.each(every)('for %s validates against schema/report.schema.json', async (fixture) => {
    const { out } = await run(['lint', fixture, '--format', 'json']);
    const report = JSON.parse(out) as unknown;
    const valid = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('lists each input under its own path and counts findings', async () => {
    const { out } = await run(['lint', 'shutdown-same-plan/plan.json', 'state-orphan-child-module', '--format', 'json']);
    const report = JSON.parse(out) as { inputs: unknown[]; findings: { input: string }[]; summary: unknown };
    // Counts per input: the child-module state holds two apps with connections and three mappings.
    const both = { apps: 2, connections: 2, features: 0, mappings: 3 };
    expect(report.inputs).toEqual([
      { path: 'shutdown-same-plan/plan.json', kind: 'plan', resources: { apps: 1, connections: 1, features: 0, mappings: 2 } },
      { path: 'state-orphan-child-module/state.json', kind: 'state', resources: both },
      { path: 'state-orphan-child-module/terraform.tfstate', kind: 'tfstate', resources: both },
    ]);
    expect(new Set(report.findings.map((f) => f.input))).toEqual(
      new Set(['shutdown-same-plan/plan.json', 'state-orphan-child-module/state.json', 'state-orphan-child-module/terraform.tfstate']),
    );
    expect(report.summary).toEqual({ error: 5, warning: 2, note: 0, suppressed: 0 });
  });
});

describe('library', () => {
  it('lint() returns the report the CLI prints', async () => {
    const { lint } = await import('../../src');
    const paths = ['shutdown-same-plan/plan.json', 'state-orphan-child-module'];
    const report = await lint(paths, { cwd: FIXTURES });
    expect(JSON.parse((await run(['lint', ...paths, '--format', 'json'])).out)).toEqual(report);
    expect(validate(report)).toBe(true);
  });

  it('lint() rejects with a LoadError naming the file for unreadable input', async () => {
    const { lint, LoadError } = await import('../../src');
    await expect(lint(['missing.json'], { cwd: FIXTURES })).rejects.toBeInstanceOf(LoadError);
    await expect(lint(['missing.json'], { cwd: FIXTURES })).rejects.toMatchObject({ code: 'not-found', file: 'missing.json' });
  });
});

describe('--output', () => {
  it('writes the report to the file, not stdout, and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-out-'));
    const file = join(dir, 'report.json');
    const { code, out } = await run(['lint', 'orphan-after-deactivate/plan.json', '--format', 'json', '--output', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(validate(JSON.parse(readFileSync(file, 'utf8')))).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('fails with exit 2 when the file cannot be written', async () => {
    const { code, err } = await run(['lint', 'orphan-after-deactivate/plan.json', '-o', '/nonexistent-dir/report.txt']);
    expect(code).toBe(2);
    expect(err).toBe('okta-push-guard: error: /nonexistent-dir/report.txt: cannot write the report (ENOENT)\n');
    expect(existsSync('/nonexistent-dir')).toBe(false);
  });
});
