// Hostile but well-formed input never ends in "internal error": nesting 20,000 levels deep, odd UTF-16,
// names that are Object.prototype's, invalid labels, more findings than an argument list holds, a count
// past what an array holds. Each is a one-line exit 2 naming the limit, or a correct verdict.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { lint } from '../../src/core/lint';
import { captureIo } from '../support/io';

const PROVIDER = 'registry.terraform.io/okta/okta';
const DEEP = 20_000;

/** Stands for the deep value in a document; replaced in its text (JSON.stringify would overflow building it). */
const DEEP_VALUE = '@@deep@@';

/** The document's JSON text with `DEEP_VALUE` replaced by arrays nested `depth` deep around `leaf`. */
function deepJson(document: unknown, depth = DEEP, leaf = '"0oa1"'): string {
  return JSON.stringify(document).replace(JSON.stringify(DEEP_VALUE), `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`);
}

function change(type: string, name: string, after: Record<string, unknown>, index?: number) {
  return {
    address: `${type}.${name}${index !== undefined ? `[${index}]` : ''}`,
    mode: 'managed',
    type,
    name,
    ...(index !== undefined ? { index } : {}),
    provider_name: PROVIDER,
    change: { actions: ['no-op'], before: after, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  };
}

const plan = (changes: unknown[]): unknown => ({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes });

/** An app with provisioning deactivated and a mapping left on it, each named as given. */
function orphanPlan(app: string, connection: string, mapping: string): unknown {
  return plan([
    change('okta_app_saml', app, { id: '0oa1', label: 'x', status: 'ACTIVE' }),
    change('okta_app_connection', connection, { id: '0oa1', action: 'deactivate' }),
    change('okta_push_group', mapping, { id: 'm1', app_id: '0oa1', source_group_id: 'g1', status: 'ACTIVE' }),
  ]);
}

function orphanCode(app: string, connection: string, mapping: string): string {
  return [
    `resource "okta_app_saml" "${app}" {\n  label = "x"\n}`,
    `resource "okta_app_connection" "${connection}" {\n  id     = okta_app_saml.${app}.id\n  action = "deactivate"\n}`,
    `resource "okta_push_group" "${mapping}" {\n  app_id          = okta_app_saml.${app}.id\n  source_group_id = "g1"\n}`,
  ].join('\n');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opg-hostile-'));
});

function put(path: string, content: string | Buffer): string {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
  return path;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir });
  const code = await main(['lint', '--no-config', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

/** Exit 2 with exactly one line on stderr that matches, and no internal error. */
function expectOneLineError(result: { code: number; err: string }, message: RegExp): void {
  expect(result.err).not.toContain('internal error');
  expect(result.code).toBe(2);
  expect(result.err.split('\n')).toHaveLength(2);
  expect(result.err).toMatch(message);
}

describe(`nesting ${DEEP} levels deep`, () => {
  const tooDeep = /nest more than 500 levels deep/;
  it('in a plan', async () => {
    const input = put('plan.json', deepJson(plan([change('okta_push_group', 'p', { app_id: DEEP_VALUE })])));
    expectOneLineError(await cli(input), tooDeep);
  });

  it('in a state (terraform show -json)', async () => {
    const state = { format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: [{ address: 'okta_push_group.p', mode: 'managed', type: 'okta_push_group', name: 'p', values: { app_id: DEEP_VALUE } }] } } };
    expectOneLineError(await cli(put('state.json', deepJson(state))), tooDeep);
  });

  it('in a raw tfstate', async () => {
    const tfstate = { version: 4, serial: 1, lineage: 'l', resources: [{ mode: 'managed', type: 'okta_push_group', name: 'p', instances: [{ attributes: { app_id: DEEP_VALUE } }] }] };
    expectOneLineError(await cli(put('terraform.tfstate', deepJson(tfstate))), tooDeep);
  });

  it('on standard input', async () => {
    const io = captureIo({ cwd: dir, readStdin: () => Buffer.from(deepJson(plan([change('okta_push_group', 'p', { app_id: DEEP_VALUE })]))) });
    expect(await main(['lint', '-', '--no-config'], io)).toBe(2);
    expect(io.err()).toMatch(/^okta-push-guard: error: <stdin>: arrays and objects nest more than 500 levels deep/);
  });

  it('in Terraform JSON, a JSON variable file, the configuration and the baseline', async () => {
    put('tj/main.tf.json', deepJson({ locals: { x: DEEP_VALUE } }));
    expectOneLineError(await cli('tj'), /tj\/main\.tf\.json: arrays and objects nest more than 500/);
    put('code/main.tf', 'variable "x" {}\n');
    put('deep.tfvars.json', deepJson({ x: DEEP_VALUE }));
    expectOneLineError(await cli('code', '--var-file', 'deep.tfvars.json'), /deep\.tfvars\.json: arrays and objects nest more than 500/);
    put('plan.json', JSON.stringify(orphanPlan('a', 'c', 'm')));
    put('cfg.json', deepJson({ rules: DEEP_VALUE }, DEEP, '{}'));
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', 'plan.json', '--config', 'cfg.json'], io)).toBe(2);
    expect(io.err()).toMatch(/^okta-push-guard: error: cfg\.json: arrays and objects nest more than 500 levels deep[^\n]*\n$/);
    put('baseline.json', deepJson({ version: 1, findings: DEEP_VALUE }));
    expectOneLineError(await cli('plan.json', '--baseline', 'baseline.json'), /baseline\.json: arrays and objects nest more than 500/);
  });

  it('in HCL expressions and blocks', async () => {
    put('expr/main.tf', `locals {\n  x = ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}\n}\n`);
    expectOneLineError(await cli('expr'), /^okta-push-guard: error: expr\/main\.tf:2:\d+: expressions or blocks nest more than 1,500 syntax levels deep/);
    put('blocks/main.tf', `resource "okta_push_group" "p" {\n${'a {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}}\n`);
    expectOneLineError(await cli('blocks'), /blocks\/main\.tf:\d+:\d+: expressions or blocks nest more than 1,500/);
  });

  it('through a chain of locals, which is undecidable rather than an error', async () => {
    const locals = Array.from({ length: DEEP }, (_, i) => `  l${i + 1} = [local.l${i}]`).join('\n');
    put('chain/main.tf', `locals {\n  l0 = "0oa1"\n${locals}\n}\nresource "okta_push_group" "p" {\n  app_id          = local.l${DEEP}[0]\n  source_group_id = "g"\n}\n`);
    const report = await lint(['chain'], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['OPG005 okta_push_group.p']);
  });

  it('in Terraform JSON templates and parentheses, which are undecidable', async () => {
    let template = '0oa1';
    for (let i = 0; i < DEEP; i++) template = `\${"${template}"}`;
    const json = { locals: { x: template, y: `\${${'('.repeat(DEEP)}1${')'.repeat(DEEP)}}` }, resource: { okta_push_group: { p: { app_id: '${local.x}', source_group_id: '${local.y}' } } } };
    put('tjdeep/main.tf.json', JSON.stringify(json));
    const report = await lint(['tjdeep'], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['OPG005 okta_push_group.p']);
  });

  it('in a string jsondecode() reads, which is undecidable', async () => {
    put('decode/main.tf', `locals {\n  x = jsondecode("${'['.repeat(DEEP)}${']'.repeat(DEEP)}")\n}\nresource "okta_push_group" "p" {\n  app_id          = local.x[0]\n  source_group_id = "g"\n}\n`);
    const report = await lint(['decode'], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['OPG005 okta_push_group.p']);
  });
});

describe('UTF-16 with an odd number of bytes', () => {
  it.each([
    ['big-endian', Buffer.from([0xfe, 0xff])],
    ['little-endian', Buffer.from([0xff, 0xfe])],
  ])('%s is refused in one line', async (_name, bom) => {
    const body = Buffer.from(JSON.stringify(orphanPlan('a', 'c', 'm')), 'utf16le');
    expectOneLineError(await cli(put('plan.json', Buffer.concat([bom, body, Buffer.from([0x0a])]))), /plan\.json: UTF-16 text with an odd number of bytes/);
  });
});

describe('names that are properties of Object.prototype', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(names)('%s as every name in a plan still gives the verdict', async (name) => {
    put('plan.json', JSON.stringify(orphanPlan(name, name, name)));
    const report = await lint(['plan.json'], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address} ${f.app}`)).toEqual([`OPG001 okta_push_group.${name} okta_app_saml.${name}`]);
  });

  it.each(names)('%s as a resource type in a plan and a tfstate is an ordinary type', async (name) => {
    const withType = plan([change(name, name, { id: 'x' }), ...(orphanPlan('a', 'c', 'm') as { resource_changes: unknown[] }).resource_changes]);
    put('plan.json', JSON.stringify(withType));
    const tfstate = { version: 4, serial: 1, lineage: 'l', resources: [{ mode: 'managed', type: name, name, instances: [{ index_key: name, attributes: { id: 'x', [name]: name } }] }] };
    put('terraform.tfstate', JSON.stringify(tfstate));
    const report = await lint(['plan.json', 'terraform.tfstate'], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['OPG001 okta_push_group.m']);
  });

  it.each(names)('%s as every name in .tf code still gives the verdict', async (name) => {
    put(`tf-${name}/main.tf`, `${orphanCode(name, name, name)}\nresource "${name}" "${name}" {\n  ${name} = "${name}"\n}\n`);
    const report = await lint([`tf-${name}`], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address} ${f.app}`)).toEqual([`OPG001 okta_push_group.${name} okta_app_saml.${name}`]);
  });

  it.each(names)('%s as every name in Terraform JSON still gives the verdict', async (name) => {
    const json = `{"resource": {
      "okta_app_saml": {"${name}": {"label": "x"}},
      "okta_app_connection": {"${name}": {"id": "\${okta_app_saml.${name}.id}", "action": "deactivate"}},
      "okta_push_group": {"${name}": {"app_id": "\${okta_app_saml.${name}.id}", "source_group_id": "g1"}},
      "${name}": {"${name}": {"${name}": "${name}"}}}}`;
    put(`tj-${name}/main.tf.json`, json);
    const report = await lint([`tj-${name}`], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address} ${f.app}`)).toEqual([`OPG001 okta_push_group.${name} okta_app_saml.${name}`]);
  });
});

describe('invalid block labels', () => {
  it.each([
    ['a space in .tf', 'main.tf', 'resource "okta_push_group" "a b" {\n}\n', /main\.tf:1:1: invalid resource name "a b": a name must start with a letter/],
    ['an escaped line break in .tf', 'main.tf', 'resource "okta_push_group" "a\\nb" {\n}\n', /main\.tf:1:1: invalid resource name "a\\nb"/],
    ['invalid UTF-8 in .tf', 'main.tf', Buffer.concat([Buffer.from('resource "okta_push_group" "a'), Buffer.from([0xff, 0xfe]), Buffer.from('" {\n}\n')]), /main\.tf:1:1: invalid resource name "a\uFFFD\uFFFD"/],
    ['a bad type in .tf', 'main.tf', 'data "okta app" "x" {\n}\n', /main\.tf:1:1: invalid data type "okta app"/],
    ['a bad module name in .tf', 'main.tf', 'module "a.b" {\n  source = "./m"\n}\n', /main\.tf:1:1: invalid module name "a\.b"/],
    ['a space in Terraform JSON', 'main.tf.json', JSON.stringify({ resource: { okta_push_group: { 'a b': {} } } }), /main\.tf\.json:\d+:\d+: invalid resource name "a b"/],
    ['a line break in Terraform JSON', 'main.tf.json', JSON.stringify({ resource: { okta_push_group: { 'a\nb\u2028': {} } } }), /main\.tf\.json:\d+:\d+: invalid resource name "a\\nb\\u2028"/],
  ])('%s is a one-line error', async (_name, file, content, message) => {
    put(`labels/${file}`, content);
    expectOneLineError(await cli('labels'), message);
  });
});

describe('more findings than an argument list holds', () => {
  it('reports every one of 130,000 mappings left on a deactivated app', async () => {
    const mappings = Array.from({ length: 130_000 }, (_, i) => change('okta_push_group', 'p', { id: `m${i}`, app_id: '0oa1', source_group_id: 'g', status: 'ACTIVE' }, i));
    put('plan.json', JSON.stringify(plan([change('okta_app_saml', 'a', { id: '0oa1', status: 'ACTIVE' }), change('okta_app_connection', 'a', { id: '0oa1', action: 'deactivate' }), ...mappings])));
    const report = await lint(['plan.json'], { cwd: dir });
    expect(report.summary.error).toBe(130_000);
  }, 120_000);

  it('reports every one of 125,000 unused suppressions', async () => {
    const suppressions = Array.from({ length: 125_000 }, (_, i) => ({ rule: 'OPG004', address: `okta_push_group.n${i}`, reason: 'r' }));
    put('.okta-push-guard.json', JSON.stringify({ suppressions }));
    put('plan.json', JSON.stringify(orphanPlan('a', 'c', 'm')));
    const report = await lint(['plan.json'], { cwd: dir });
    expect(report.findings.filter((f) => f.messageId === 'unused')).toHaveLength(125_000);
  }, 120_000);
});

describe('a count past what an array holds', () => {
  it.each(['4294967296', '3000000', '1e10'])('count = %s stands for every instance, undecidable ([*])', async (count) => {
    put(`count/main.tf`, `${orphanCode('a', 'c', 'x')}\nresource "okta_push_group" "p" {\n  count           = ${count}\n  app_id          = okta_app_saml.a.id\n  source_group_id = "g"\n}\n`);
    const report = await lint(['count'], { cwd: dir });
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['OPG001 okta_push_group.x', 'OPG005 okta_push_group.p[*]']);
  });
});
