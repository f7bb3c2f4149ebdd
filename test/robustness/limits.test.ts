// No hang and bounded memory: only regular files are read, each kind up to its size; suppression globs
// match in linear time; Terraform JSON loads in one pass; past the instance, value-size and
// evaluation-step limits a value is undecidable (OPG005), never a run that does not end.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { lint } from '../../src/core/lint';
import { MAX_CONFIGURATION_HCL_BYTES, MAX_CONFIGURATION_JSON_BYTES, MAX_HCL_FILE_BYTES, MAX_JSON_FILE_BYTES, MAX_STDIN_BYTES } from '../../src/inputs/limits';
import { CodeBudget } from '../../src/loaders/hcl/module-files';
import { readStandardInput } from '../../src/inputs/stdin';
import { addressPattern } from '../../src/policy/glob';
import { captureIo } from '../support/io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opg-limits-'));
});

function put(path: string, content: string | Buffer): string {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
  return path;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir });
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * The verdict on a mapping left on an app whose connection's action is `action` (evaluated with
 * `locals`): OPG001 when it evaluates to "deactivate", OPG005 when it is undecidable. `mapping` adds
 * to the mapping's arguments.
 */
async function verdict(locals: string, action: string, mapping = ''): Promise<string[]> {
  const code = [
    'resource "okta_app_saml" "a" {\n  label = "x"\n}',
    `resource "okta_app_connection" "a" {\n  id     = okta_app_saml.a.id\n  action = ${action}\n}`,
    `locals {\n${locals}\n}`,
    `resource "okta_push_group" "p" {\n  app_id          = okta_app_saml.a.id\n  source_group_id = "g"\n${mapping}}`,
  ];
  put('code/main.tf', `${code.join('\n')}\n`);
  const report = await lint(['code'], { cwd: dir });
  return report.findings.map((f) => `${f.ruleId} ${f.address}`);
}

describe('special files', () => {
  const notRegular = /is not a regular file \(a device, FIFO or socket\); okta-push-guard reads only regular files\n$/;

  it.each([
    ['a device as input', () => ['/dev/zero', '--no-config']],
    ['a device as configuration', () => [put('plan.json', '{}'), '--config', '/dev/zero']],
    ['a device as variable file', () => [put('code/main.tf', 'variable "x" {}\n').replace('/main.tf', ''), '--no-config', '--var-file', '/dev/zero']],
    ['a device as baseline', () => [put('plan.json', '{}'), '--no-config', '--baseline', '/dev/zero']],
  ])('%s is refused at once', async (_name, args) => {
    const result = await cli(...args());
    expect(result.code).toBe(2);
    expect(result.err).toMatch(notRegular);
    expect(result.err.split('\n')).toHaveLength(2);
  });

  it('a FIFO nobody writes to is refused rather than waited on, as input and as configuration', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    for (const args of [['fifo.json', '--no-config'], [put('plan.json', '{}'), '--config', 'fifo.json']]) {
      const result = await cli(...args);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/fifo\.json: is not a regular file/);
    }
  });
});

describe('size limits', () => {
  it('a .tf file over the limit for HCL is refused, naming the limit', async () => {
    put('big/main.tf', `locals {\n  x = "${'a'.repeat(MAX_HCL_FILE_BYTES)}"\n}\n`);
    const result = await cli('big', '--no-config');
    expect(result.code).toBe(2);
    expect(result.err).toBe('okta-push-guard: error: big/main.tf: is larger than 2 MiB, the limit for this kind of file\n');
  });

  it('a .tf.json file gets the larger limit for JSON, and a .tfvars file the one for HCL', async () => {
    put('big/main.tf.json', `{"locals": {"x": "${'a'.repeat(MAX_JSON_FILE_BYTES)}"}}`);
    expect((await cli('big', '--no-config')).err).toBe('okta-push-guard: error: big/main.tf.json: is larger than 64 MiB, the limit for this kind of file\n');
    put('code/main.tf', 'variable "x" {}\n');
    put('big.tfvars', `x = "${'a'.repeat(MAX_HCL_FILE_BYTES)}"\n`);
    expect((await cli('code', '--no-config', '--var-file', 'big.tfvars')).err).toBe('okta-push-guard: error: big.tfvars: is larger than 2 MiB, the limit for this kind of file\n');
  });

  it('a configuration whose .tf files come to more than its limit in all is refused, each module folder counted once', async () => {
    // Files within their own limit, but many of them: a crash out of memory, not an error, without a limit in all.
    // Each is mostly one long comment, which parses fast (a long string literal takes 2 s a file).
    const file = (name: string) => `locals {\n  ${name} = 1\n}\n# ${'a'.repeat(MAX_HCL_FILE_BYTES - 1024)}\n`;
    put('code/a.tf', `${file('a')}module "one" {\n  source = "./m"\n}\nmodule "two" {\n  source = "./m"\n}\n`);
    put('code/b.tf', file('b'));
    put('code/m/c.tf', file('c'));
    put('code/m/d.tf', file('d'));
    expect(4 * (MAX_HCL_FILE_BYTES - 1024)).toBeLessThanOrEqual(MAX_CONFIGURATION_HCL_BYTES);
    // The module is called twice and read once: within the limit.
    const within = await cli('code', '--no-config');
    expect(within.err).toBe('');
    expect(within.code).toBe(0);
    put('code/m/e.tf', file('e'));
    const past = await cli('code', '--no-config');
    expect(past.code).toBe(2);
    expect(past.err).toBe("okta-push-guard: error: code/m/e.tf: takes the configuration's .tf files past 8 MiB in all (each module folder counted once), the limit for one configuration\n");
  });

  it('.tf.json files have a limit in all of their own, counted apart from the .tf files', () => {
    const budget = new CodeBudget();
    const big = 'a'.repeat(MAX_JSON_FILE_BYTES);
    budget.spend('a.tf.json', 'code/a.tf.json', big);
    budget.spend('b.tf.json', 'code/b.tf.json', big);
    expect(2 * MAX_JSON_FILE_BYTES).toBe(MAX_CONFIGURATION_JSON_BYTES);
    // The .tf files' own count is untouched.
    budget.spend('c.tf', 'code/c.tf', 'a'.repeat(MAX_CONFIGURATION_HCL_BYTES));
    expect(() => budget.spend('d.tf.json', 'code/d.tf.json', '{}')).toThrow(
      "code/d.tf.json: takes the configuration's .tf.json files past 128 MiB in all (each module folder counted once), the limit for one configuration",
    );
    expect(() => budget.spend('e.tf', 'code/e.tf', ' ')).toThrow("code/e.tf: takes the configuration's .tf files past 8 MiB in all");
  });

  it('standard input over its limit is refused, naming the limit', () => {
    put('six.bin', Buffer.alloc(6));
    const fd = openSync(join(dir, 'six.bin'), 'r');
    try {
      expect(() => readStandardInput(fd, 5)).toThrow('<stdin>: is larger than 5 bytes, the limit for standard input; lint the file instead');
      expect(readStandardInput(fd, MAX_STDIN_BYTES)).toHaveLength(0);
    } finally {
      closeSync(fd);
    }
  });
});

describe('suppression address patterns', () => {
  it('match in linear time, however many * they hold', () => {
    // With backtracking this takes longer than any test runs: 2^24 ways to split the address.
    expect(addressPattern(`${'*'.repeat(24)}Z`).test('a'.repeat(5000))).toBe(false);
    expect(addressPattern('**.**.**.**.**.**.**.**.**.**Z').test(`${'a.'.repeat(3000)}b`)).toBe(false);
    expect(addressPattern(`${'*'.repeat(24)}Z`).test(`${'a'.repeat(5000)}Z`)).toBe(true);
  });
});

describe('Terraform JSON of many resources', () => {
  it('loads 20,000 resources, each placed on its own line', async () => {
    const n = 20_000;
    const pushGroups: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) pushGroups[`p${i}`] = { app_id: '${okta_app_saml.a.id}', source_group_id: `g${i}` };
    const json = { resource: { okta_app_saml: { a: { label: 'x' } }, okta_app_connection: { a: { id: '${okta_app_saml.a.id}', action: 'deactivate' } }, okta_push_group: pushGroups } };
    put('big/main.tf.json', JSON.stringify(json, null, 1));
    const report = await lint(['big'], { cwd: dir });
    expect(report.findings).toHaveLength(n);
    const last = report.findings.find((f) => f.address === `okta_push_group.p${n - 1}`)!;
    const first = report.findings.find((f) => f.address === 'okta_push_group.p0')!;
    // With JSON.stringify(…, null, 1) each resource takes four lines.
    expect(last.location!.line - first.location!.line).toBe(4 * (n - 1));
  }, 60_000);
});

describe('evaluation limits', () => {
  it('a count or for_each past the instance limit is undecidable', async () => {
    expect(await verdict('  n = 10001', '"deactivate"', '  count = local.n\n')).toEqual(['OPG005 okta_push_group.p[*]']);
    expect(await verdict('  n = 10000', '"deactivate"', '  count = local.n\n')).toHaveLength(10_000);
    expect(await verdict('  keys = toset([for i in range(1000) : "k${i}"])', '"deactivate"', '  for_each = local.keys\n')).toHaveLength(1000);
  });

  it('a string doubled forty times is undecidable, not a run out of memory', async () => {
    const locals = ['  s0 = "xx"', ...Array.from({ length: 40 }, (_, i) => `  s${i + 1} = "\${local.s${i}}\${local.s${i}}"`)].join('\n');
    expect(await verdict(locals, 'length(local.s40) > 0 ? "deactivate" : "activate"')).toEqual(['OPG005 okta_push_group.p']);
  });

  it('nested for expressions over a small list are undecidable once past the step limit', async () => {
    const l = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]';
    const locals = `  l = ${l}\n  x = [for a in local.l : [for b in local.l : [for c in local.l : [for d in local.l : [for e in local.l : [for f in local.l : [for g in local.l : a]]]]]]]`;
    expect(await verdict(locals, 'length(local.x) == 10 ? "deactivate" : "activate"')).toEqual(['OPG005 okta_push_group.p']);
  });

  it.each([
    ['format() with a huge width', 'format("%999999999d", 1)'],
    ['indent() with a huge width', 'indent(999999999, "a\\nb")'],
    ['setproduct() of many lists', 'setproduct(local.l, local.l, local.l, local.l, local.l, local.l, local.l)'],
    ['replace() with an empty search', 'replace(replace(replace(local.s, "", local.s), "", local.s), "", local.s)'],
  ])('%s is undecidable', async (_name, expression) => {
    const locals = `  l = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  s = "${'a'.repeat(200)}"\n  v = ${expression}`;
    expect(await verdict(locals, 'length(local.v) > 0 ? "deactivate" : "activate"')).toEqual(['OPG005 okta_push_group.p']);
  });

  it.each([
    ['three nested for expressions', '[for a in local.l : [for b in local.l : [for c in local.l : a]]]'],
    ['format() with a small width', 'format("%5d", 1)'],
    ['indent() with a small width', 'indent(4, "a\\nb")'],
    ['setproduct() of three lists', 'setproduct(local.l, local.l, local.l)'],
    ['replace() with an empty search, once', 'replace(local.s, "", local.s)'],
  ])('%s within the limits still decides', async (_name, expression) => {
    const locals = `  l = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n  s = "${'a'.repeat(200)}"\n  v = ${expression}`;
    expect(await verdict(locals, 'length(local.v) > 0 ? "deactivate" : "activate"')).toEqual(['OPG001 okta_push_group.p']);
  });

  it('values within the limits still decide', async () => {
    expect(await verdict('  s = "${"deac"}tivate"\n  l = length(setproduct([1, 2, 3], [4, 5, 6]))', 'local.l == 9 ? local.s : "activate"')).toEqual(['OPG001 okta_push_group.p']);
  });
});
