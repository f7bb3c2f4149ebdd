// .tf and Terraform JSON configurations: modules, variables from every source, expansion, locations, errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { lint } from '../../../src/core/lint';
import { configurationFromTerraformJson } from '../../../src/loaders/hcl/load-configuration';
import { FIXTURES, only, pairs } from '../../support/fixtures';
import { captureIo } from '../../support/io';

describe('configuration input', () => {
  it('follows a module output to the module app whose variable default deactivates provisioning', async () => {
    const report = await lint(['tf-module-default'], { cwd: FIXTURES, env: {} });
    // The app and its connection come from the module; the for_each mapping makes two instances.
    expect(report.inputs).toEqual([{ path: 'tf-module-default', kind: 'config', resources: { apps: 1, connections: 1, features: 0, mappings: 2 } }]);
    const findings = only(report, 'OPG001');
    expect(findings.map((f) => [f.address, f.app, f.location])).toEqual([
      ['okta_push_group.crm["sales"]', 'module.crm.okta_app_saml.this', { file: 'tf-module-default/main.tf', line: 31, column: 1 }],
      ['okta_push_group.crm["support"]', 'module.crm.okta_app_saml.this', { file: 'tf-module-default/main.tf', line: 31, column: 1 }],
    ]);
    expect(findings[0]!.message).toContain('`module.crm.okta_app_connection.this` sets action = "deactivate"');
  });

  it('takes terraform.tfvars over the default, and --var-file and --var over both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-vars-'));
    writeFileSync(join(dir, 'prod.tfvars'), 'teams = { qa = "00g9" }\n');
    const fromFile = await lint(['tf-module-default'], { cwd: FIXTURES, env: {}, assignments: [{ kind: 'file', value: join(dir, 'prod.tfvars') }] });
    expect(pairs(fromFile, 'OPG001')).toEqual(['OPG001 okta_push_group.crm["qa"]']);
    const fromVar = await lint(['tf-module-default'], { cwd: FIXTURES, env: {}, assignments: [{ kind: 'var', value: 'teams={ x = "1", y = "2" }' }] });
    expect(pairs(fromVar, 'OPG001')).toEqual(['OPG001 okta_push_group.crm["x"]', 'OPG001 okta_push_group.crm["y"]']);
  });

  it('evaluates a conditional action from the default, --var and TF_VAR_', async () => {
    const base = await lint(['tf-conditional-action'], { cwd: FIXTURES, env: {} });
    expect(pairs(base)).toEqual(['OPG005 module.network', 'OPG007 okta_app_connection.wiki']);
    for (const options of [{ assignments: [{ kind: 'var' as const, value: 'decommission=true' }], env: {} }, { env: { TF_VAR_decommission: 'true' } }]) {
      const report = await lint(['tf-conditional-action'], { cwd: FIXTURES, ...options });
      expect(pairs(report, 'OPG001')).toEqual(['OPG001 okta_push_group.wiki_eng']);
      expect(only(report, 'OPG001')[0]!.location).toEqual({ file: 'tf-conditional-action/main.tf', line: 42, column: 1 });
    }
  });

  it('reports a module it cannot follow as a note on the module call', async () => {
    const [note] = only(await lint(['tf-conditional-action'], { cwd: FIXTURES, env: {} }), 'OPG005');
    expect(note).toMatchObject({ address: 'module.network', severity: 'note', location: { file: 'tf-conditional-action/main.tf', line: 18, column: 1 } });
    expect(note!.message).toContain('terraform-aws-modules/vpc/aws');
  });

  it('reads Terraform JSON configuration, with its templates', async () => {
    const report = await lint(['tf-json-config'], { cwd: FIXTURES, env: {} });
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.team["eng"]', 'OPG001 okta_push_group.team["ops"]']);
    expect(report.findings[0]!.location).toEqual({ file: 'tf-json-config/main.tf.json', line: 35, column: 7 });
  });

  it('reads modules installed by terraform init through .terraform/modules/modules.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-installed-'));
    const installed = join(dir, '.terraform', 'modules', 'app');
    require('node:fs').mkdirSync(installed, { recursive: true });
    writeFileSync(join(dir, '.terraform', 'modules', 'modules.json'), JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'app', Source: 'registry.terraform.io/acme/okta-app/okta', Version: '1.0.0', Dir: '.terraform/modules/app' }] }));
    writeFileSync(
      join(installed, 'main.tf'),
      'resource "okta_app_saml" "this" {\n  label = "X"\n}\nresource "okta_app_connection" "this" {\n  id       = okta_app_saml.this.id\n  base_url = "https://x"\n  action   = "deactivate"\n}\noutput "app_id" {\n  value = okta_app_saml.this.id\n}\n',
    );
    writeFileSync(join(dir, 'main.tf'), 'module "app" {\n  source  = "acme/okta-app/okta"\n  version = "1.0.0"\n}\nresource "okta_push_group" "eng" {\n  app_id          = module.app.app_id\n  source_group_id = "00g1"\n}\n');
    expect(pairs(await lint(['.'], { cwd: dir, env: {} }))).toEqual(['OPG001 okta_push_group.eng']);
  });
});

describe('configuration errors', () => {
  it.each([
    ['bad-tf/syntax-error', 'okta-push-guard: error: bad-tf/syntax-error/main.tf:7:3: syntax error: expected "=" (an attribute) or "{" (a block) after the name'],
    ['bad-tf/module-missing', 'okta-push-guard: error: bad-tf/module-missing/main.tf:1:1: module "okta_app" has source "./modules/okta-app", which holds no .tf files'],
    ['bad-tf/module-cycle', 'okta-push-guard: error: bad-tf/module-cycle/b/main.tf:1:1: module "a" calls a module that is already being loaded: module.a -> module.a.module.b -> module.a.module.b.module.a'],
  ])('%s fails the run with one line', async (path, message) => {
    const io = captureIo({ cwd: FIXTURES });
    expect(await main(['lint', path], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(`${message}\n`);
  });

  it('reports a missing closing brace as what was expected', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-brace-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "okta_app_saml" "x" {\n  label = "X"\n');
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: main.tf:3:1: syntax error: expected "}"\n');
  });

  it('names a missing --var-file and never prints --var values', async () => {
    const io = captureIo({ cwd: FIXTURES });
    expect(await main(['lint', 'tf-module-default', '--var-file', 'nope.tfvars'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: nope.tfvars: no such variable file\n');
  });
});

describe('lazy parser', () => {
  const root = join(__dirname, '..', '..', '..');
  function loadsParser(input: string, module = 'web-tree-sitter'): string {
    const cwd = mkdtempSync(join(tmpdir(), 'opg-lazy-'));
    const script = `require(${JSON.stringify(join(root, 'dist', 'src'))}).lint([${JSON.stringify(input)}], { cwd: ${JSON.stringify(cwd)} })
      .then(() => console.log(Object.keys(require.cache).some((k) => k.includes(${JSON.stringify(`node_modules/${module}/`)}))))`;
    return require('node:child_process').execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
  }

  it('linting plans and state never loads the HCL parser', () => {
    expect(loadsParser(join(FIXTURES, 'state-orphan-child-module', 'state.json'))).toBe('false');
  });

  it('linting .tf code does', () => {
    expect(loadsParser(join(FIXTURES, 'tf-module-default'))).toBe('true');
  });

  it('the CLI path never loads cdktf, cdktn or constructs, even for a synthesized stack', () => {
    expect(loadsParser(join(FIXTURES, 'tf-json-config', 'main.tf.json'), 'cdktf')).toBe('false');
    expect(loadsParser(join(FIXTURES, 'tf-json-config', 'main.tf.json'), 'cdktn')).toBe('false');
    expect(loadsParser(join(FIXTURES, 'tf-json-config', 'main.tf.json'), 'constructs')).toBe('false');
    expect(loadsParser(join(FIXTURES, 'tf-json-config', 'main.tf.json'))).toBe('false');
  });
});

describe('automatic variable files', () => {
  it('reads *.auto.tfvars after terraform.tfvars, in lexical order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-auto-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'variable "action" {\n  default = "activate"\n}\nresource "okta_app_saml" "a" {\n  label = "A"\n}\nresource "okta_app_connection" "a" {\n  id       = okta_app_saml.a.id\n  base_url = "https://a"\n  action   = var.action\n}\nresource "okta_push_group" "eng" {\n  app_id          = okta_app_saml.a.id\n  source_group_id = "00g1"\n}\n',
    );
    writeFileSync(join(dir, 'terraform.tfvars'), 'action = "activate"\n');
    writeFileSync(join(dir, 'a.auto.tfvars'), 'action = "activate"\n');
    writeFileSync(join(dir, 'b.auto.tfvars.json'), '{"action": "deactivate"}');
    expect(pairs(await lint(['.'], { cwd: dir, env: {} }))).toEqual(['OPG001 okta_push_group.eng']);
    expect(pairs(await lint(['.'], { cwd: dir, env: {}, assignments: [{ kind: 'var', value: 'action=activate' }] }))).toEqual([]);
  });
});

describe('a synthesized stack (Terraform JSON in memory)', () => {
  it("evaluates the same template text in each resource in that resource's own scope", () => {
    // CDKTF writes one reference text into every resource that uses it; each is parsed once per document.
    const stack = {
      resource: {
        okta_push_group: {
          eng: { for_each: { a: '00ga', b: '00gb' }, app_id: '${each.key}-app', source_group_id: '${each.value}' },
          ops: { for_each: { c: '00gc' }, app_id: '${each.key}-app', source_group_id: '${each.value}' },
        },
      },
    };
    const inventory = configurationFromTerraformJson(stack, 'cdk.tf.json', process.cwd());
    expect(inventory.resources.map((r) => [r.address, r.after])).toEqual([
      ['okta_push_group.eng["a"]', { app_id: 'a-app', source_group_id: '00ga' }],
      ['okta_push_group.eng["b"]', { app_id: 'b-app', source_group_id: '00gb' }],
      ['okta_push_group.ops["c"]', { app_id: 'c-app', source_group_id: '00gc' }],
    ]);
  });
});
