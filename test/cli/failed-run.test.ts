// A run that judged nothing (exit 2) still writes every output it was asked for, each saying the run
// failed, so that no later step reads an earlier run's report (or an empty one) as this run's verdict.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { LoadErrorCode } from '../../src/inputs/load-error';
import { main } from '../../src/cli/main';
import { FORMATS } from '../../src/reporters';
import { INTERNAL_ERROR_MESSAGE } from '../../src/reporters/failure';
import { expectFailedSarif } from '../support/failure';
import { captureIo } from '../support/io';

const schemaText = readFileSync(join(__dirname, '..', '..', 'schema', 'report.schema.json'), 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(schemaText) as object);

const MESSAGE = "bad.json: invalid JSON at line 1, column 26: unexpected ','";
const STALE = 'a report from an earlier, clean run\n';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-failed-'));
  writeFileSync(join(dir, 'bad.json'), '{"format_version": "1.2",, }');
  return dir;
}

async function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = captureIo({ cwd: dir, env });
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');

describe('a run that could not read its input', () => {
  const files: Record<(typeof FORMATS)[number], string> = {
    text: 'r.txt',
    json: 'r.json',
    sarif: 'r.sarif',
    github: 'r.github',
    gitlab: 'r.gitlab.json',
    junit: 'r.xml',
    markdown: 'r.md',
  };

  let dir: string;
  let result: { code: number; out: string; err: string };
  beforeAll(async () => {
    dir = folder();
    for (const name of Object.values(files)) writeFileSync(join(dir, name), STALE);
    const reports = FORMATS.filter((f) => f !== 'text').flatMap((f) => ['--report', `${f}:${files[f]}`]);
    result = await run(dir, ['bad.json', '--format', 'text', '-o', files.text, ...reports]);
  });

  it('exits 2 with the one-line error on stderr, as before', () => {
    expect(result.code).toBe(2);
    expect(result.err).toBe(`okta-push-guard: error: ${MESSAGE}\n`);
    expect(result.out).toBe('');
  });

  it('replaces every requested file, whatever its format', () => {
    for (const name of Object.values(files)) expect([name, read(dir, name)]).not.toEqual([name, STALE]);
  });

  it('JSON: a failure document the schema accepts, with no findings or summary to misread', () => {
    const doc = JSON.parse(read(dir, files.json)) as Record<string, unknown>;
    expect(validate(doc)).toBe(true);
    expect(doc).toEqual({
      version: 1,
      tool: { name: 'okta-push-guard', version: expect.any(String) },
      error: { code: 'invalid-json', message: MESSAGE, location: { file: 'bad.json', line: 1, column: 26 } },
    });
  });

  it('SARIF: a failed run with the error as a notification on the file', () => {
    expectFailedSarif(read(dir, files.sarif), { message: MESSAGE, file: 'bad.json' });
    const region = (JSON.parse(read(dir, files.sarif)) as { runs: { invocations: { toolExecutionNotifications: { locations: { physicalLocation: { region: unknown } }[] }[] }[] }[] }).runs[0]!
      .invocations[0]!.toolExecutionNotifications[0]!.locations[0]!.physicalLocation.region;
    expect(region).toEqual({ startLine: 1, startColumn: 26 });
  });

  it('GitHub: an error annotation on the file and position', () => {
    expect(read(dir, files.github).split('\n')[0]).toBe(`::error file=bad.json,line=1,col=26,title=okta-push-guard%3A an input could not be read::${MESSAGE}`);
  });

  it('JUnit: one errored test case, no failures', () => {
    const text = read(dir, files.junit);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
    expect(doc.testsuites).toMatchObject({ tests: '1', failures: '0', errors: '1' });
    expect(doc.testsuites.testsuite.testcase).toMatchObject({ name: 'read bad.json', file: 'bad.json', error: { message: MESSAGE, type: 'invalid-json' } });
  });

  it('Markdown: a verdict saying nothing was judged, never a pass', () => {
    const text = read(dir, files.markdown);
    expect(text.split('\n').slice(0, 3)).toEqual(['## okta-push-guard', '', '**Not judged:** an input could not be read, so no rule ran and nothing was checked; the gate fails.']);
    expect(text).toContain(`\n${MESSAGE}\n`);
    expect(text).not.toMatch(/passed/i);
  });

  it('GitLab: one blocker issue, since an empty list reads as clean code', () => {
    const issues = JSON.parse(read(dir, files.gitlab)) as Record<string, unknown>[];
    expect(issues).toEqual([
      expect.objectContaining({ type: 'issue', severity: 'blocker', check_name: 'okta-push-guard invalid-json', description: `Nothing was judged: ${MESSAGE}`, location: { path: 'bad.json', lines: { begin: 1 } }, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    ]);
  });

  it('text: says nothing was judged', () => {
    expect(read(dir, files.text)).toBe(`✖ Nothing was judged: ${MESSAGE}\nThe gate fails closed: fix the input and run again.\n`);
  });
});

describe('stdout of a failed run', () => {
  it('carries the annotation with --format github, and the Markdown failure goes to the step summary', async () => {
    const dir = folder();
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const { code, out, err } = await run(dir, ['bad.json', '--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(2);
    expect(err).toBe(`okta-push-guard: error: ${MESSAGE}\n`);
    expect(out).toBe(`::error file=bad.json,line=1,col=26,title=okta-push-guard%3A an input could not be read::${MESSAGE}\nokta-push-guard: nothing was judged, an input could not be read\n`);
    const written = read(dir, 'summary.md');
    expect(written.startsWith('earlier step\n## okta-push-guard\n')).toBe(true);
    expect(written).toContain('**Not judged:**');
  });

  it.each(['json', 'sarif', 'gitlab', 'junit', 'markdown'] as const)('carries the %s failure rendering', async (format) => {
    const dir = folder();
    const { code, out } = await run(dir, ['bad.json', '--format', format]);
    expect(code).toBe(2);
    expect(out).toContain(format === 'junit' ? 'errors="1"' : format === 'markdown' ? '**Not judged:**' : 'invalid-json');
  });

  it('stays empty with --format text: the stderr line is the rendering', async () => {
    const { out } = await run(folder(), ['bad.json']);
    expect(out).toBe('');
  });
});

describe('where the failure is located', () => {
  it('on the line and column of an HCL syntax error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-failed-hcl-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "okta_push_group" "p" {\n  app_id = \n}\n');
    const { code, out, err } = await run(dir, ['.', '--format', 'github']);
    expect(code).toBe(2);
    const m = /^okta-push-guard: error: (main\.tf):(\d+):(\d+): /.exec(err);
    expect(m).not.toBeNull();
    expect(out.split('\n')[0]).toMatch(new RegExp(`^::error file=main\\.tf,line=${m![2]},col=${m![3]},title=`));
  });

  it('on the file alone when no position is known, escaped as a property', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-failed-name-'));
    writeFileSync(join(dir, 'a,b:c.json'), '');
    const { out } = await run(dir, ['a,b:c.json', '--format', 'github']);
    expect(out.split('\n')[0]).toBe('::error file=a%2Cb%3Ac.json,title=okta-push-guard%3A an input could not be read::a,b:c.json: the file is empty');
  });

  it('nowhere when the problem is not in one file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-failed-none-'));
    mkdirSync(join(dir, 'empty'));
    const sarif = join(dir, 'r.sarif');
    const { code, out } = await run(dir, ['empty', '--format', 'github', '--report', `sarif:${sarif}`]);
    expect(code).toBe(2);
    expect(out.split('\n')[0]).toMatch(/^::error title=okta-push-guard%3A an input could not be read::empty: no Terraform configuration/);
    expectFailedSarif(readFileSync(sarif, 'utf8'), { message: /^empty: no Terraform configuration/ });
  });

  it('nowhere for a malformed --var', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-failed-var-'));
    writeFileSync(join(dir, 'main.tf'), 'variable "x" {}\n');
    const { code, out } = await run(dir, ['.', '--var', 'novalue', '--format', 'json']);
    expect(code).toBe(2);
    expect((JSON.parse(out) as { error: unknown }).error).toEqual({ code: 'bad-shape', message: '--var: expected --var NAME=VALUE', location: null });
  });
});

describe('writing the failure', () => {
  it('attempts every target when one cannot be written, and leaves a baseline alone', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'baseline.json'), 'kept\n');
    const { code, err } = await run(dir, ['bad.json', '--report', 'sarif:missing-folder/r.sarif', '--report', 'json:r.json', '--write-baseline', 'baseline.json']);
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toEqual([`okta-push-guard: error: ${MESSAGE}`, 'okta-push-guard: error: missing-folder/r.sarif: cannot write the report (ENOENT)']);
    expect(JSON.parse(read(dir, 'r.json'))).toMatchObject({ error: { code: 'invalid-json' } });
    expect(read(dir, 'baseline.json')).toBe('kept\n');
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
  });
});

describe('a judged run whose report cannot be written', () => {
  it('rewrites the reports already written as failed, so none says the run passed, and prints no verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-unwritable-'));
    const plan = join(__dirname, '..', '..', 'fixtures', 'safe-mapping-removal', 'plan.json');
    writeFileSync(join(dir, 'plan.json'), readFileSync(plan));
    const { code, out, err } = await run(dir, ['plan.json', '--format', 'json', '--report', 'sarif:r.sarif', '--report', 'junit:missing-folder/r.xml', '--report', 'markdown:r.md']);
    expect(code).toBe(2);
    expect(err).toBe('okta-push-guard: error: missing-folder/r.xml: cannot write the report (ENOENT)\n');
    // The clean JSON report is not printed: stdout carries the failure document.
    const printed = JSON.parse(out) as { error?: { code: string }; findings?: unknown };
    expect(printed.findings).toBeUndefined();
    expect(printed.error?.code).toBe('unwritable');
    expectFailedSarif(read(dir, 'r.sarif'), { message: 'missing-folder/r.xml: cannot write the report (ENOENT)' });
    expect(read(dir, 'r.md')).toContain('Not judged');
  });
});

describe('the failure document schema', () => {
  it('lists every load error code, and internal-error', () => {
    // A code added to LoadErrorCode without the schema fails the type check here.
    const codes: Record<LoadErrorCode | 'internal-error', true> = {
      'not-found': true,
      unreadable: true,
      empty: true,
      'no-inputs': true,
      'invalid-json': true,
      'binary-plan': true,
      'not-terraform': true,
      'unsupported-version': true,
      'unsupported-kind': true,
      'bad-shape': true,
      'invalid-hcl': true,
      'module-not-found': true,
      'module-cycle': true,
      'bad-config': true,
      'unused-argument': true,
      'too-large': true,
      'too-complex': true,
      'output-is-input': true,
      'org-unreadable': true,
      unwritable: true,
      'internal-error': true,
    };
    const schema = JSON.parse(schemaText) as { $defs: { failure: { properties: { error: { properties: { code: { enum: string[] } } } } } } };
    expect([...schema.$defs.failure.properties.error.properties.code.enum].sort()).toEqual(Object.keys(codes).sort());
  });

  it('refuses a failure document that also claims findings', () => {
    const failure = { version: 1, tool: { name: 'okta-push-guard', version: '0.1.0' }, error: { code: 'empty', message: 'x: the file is empty', location: { file: 'x' } } };
    expect(validate(failure)).toBe(true);
    expect(validate({ ...failure, findings: [] })).toBe(false);
    expect(validate({ ...failure, summary: { error: 0, warning: 0, note: 0, suppressed: 0 } })).toBe(false);
  });
});

describe('an internal error', () => {
  it('fails closed in every output without quoting what the error said', async () => {
    jest.resetModules();
    jest.doMock('../../src/core/lint', () => ({
      lintRun: () => Promise.reject(new TypeError('Unexpected token in "token": "00secretvalue"')),
    }));
    const fresh = (await import('../../src/cli/main')) as typeof import('../../src/cli/main');
    const dir = folder();
    const io = captureIo({ cwd: dir });
    const code = await fresh.main(['lint', 'bad.json', '--format', 'github', '--report', 'sarif:r.sarif', '--report', 'json:r.json'], io);
    jest.dontMock('../../src/core/lint');
    expect(code).toBe(2);
    expect(io.err()).toBe('okta-push-guard: internal error: Unexpected token in "token": "00secretvalue" (please report it)\n');
    expect(io.out()).toBe(`::error title=okta-push-guard%3A okta-push-guard failed::${INTERNAL_ERROR_MESSAGE}\nokta-push-guard: nothing was judged, okta-push-guard failed\n`);
    expectFailedSarif(read(dir, 'r.sarif'), { message: INTERNAL_ERROR_MESSAGE });
    expect(JSON.parse(read(dir, 'r.json'))).toMatchObject({ error: { code: 'internal-error', message: INTERNAL_ERROR_MESSAGE, location: null } });
    for (const text of [io.out(), read(dir, 'r.sarif'), read(dir, 'r.json')]) expect(text).not.toContain('secretvalue');
  });
});
