// Configuration situations that once gave a wrong verdict or leaked text; each builds its own small project.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { Aspects, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { main } from '../src/cli/main';
import { OktaPushGuard } from '../src/cdktf';
import { lint } from '../src/core/lint';
import { addressPattern } from '../src/policy/glob';
import { FIXTURES, pairs } from './support/fixtures';
import { captureIo } from './support/io';
import { oktaStack, tempApp } from './support/cdktf-app';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-code-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** An app whose connection action is `action`, and one mapping on it. */
const APP = (action: string) => `resource "okta_app_saml" "a" {\n  label = "A"\n}\nresource "okta_app_connection" "a" {\n  id       = okta_app_saml.a.id\n  base_url = "https://a"\n  action   = ${action}\n}\nresource "okta_push_group" "p" {\n  app_id          = okta_app_saml.a.id\n  source_group_id = "00g1"\n}\n`;

const verdict = async (dir: string, options: Parameters<typeof lint>[1] = {}) =>
  pairs((await lint(['.'], { cwd: dir, env: {}, config: false, ...options })).findings.filter((f) => !f.suppressed));

describe('configuration fidelity', () => {
  it('merges override files', async () => {
    const dir = project({ 'main.tf': APP('"activate"'), 'override.tf': 'resource "okta_app_connection" "a" {\n  action = "deactivate"\n}\n' });
    expect(await verdict(dir)).toEqual(['OPG001 okta_push_group.p']);
  });

  it('reads the selected workspace', async () => {
    const dir = project({ 'main.tf': APP('terraform.workspace == "prod" ? "deactivate" : "activate"') });
    expect(await verdict(dir)).toEqual([]);
    expect(await verdict(dir, { env: { TF_WORKSPACE: 'prod' } })).toEqual(['OPG001 okta_push_group.p']);
  });

  it('does not fall back in try() over a function it cannot evaluate', async () => {
    // regex() is not evaluated (RE2 semantics); jsondecode() now is, so there the value is known.
    const dir = project({ 'main.tf': APP('try(regex("de[a-z]+", "deactivate"), "activate")') });
    expect(await verdict(dir)).toEqual(['OPG005 okta_push_group.p']);
    const decoded = project({ 'main.tf': APP('try(jsondecode("{\\"a\\":\\"deactivate\\"}").a, "activate")') });
    expect(await verdict(decoded)).toEqual(['OPG001 okta_push_group.p']);
  });

  it('converts variable values to their declared type, applying optional() defaults', async () => {
    const bool = project({ 'main.tf': `variable "off" {\n  type = bool\n}\n${APP('var.off == true ? "deactivate" : "activate"')}`, 'terraform.tfvars': 'off = "true"\n' });
    expect(await verdict(bool)).toEqual(['OPG001 okta_push_group.p']);
    const optional = project({
      'main.tf': `variable "cfg" {\n  type    = object({ action = optional(string, "deactivate") })\n  default = {}\n}\n${APP('try(var.cfg.action, "activate")')}`,
    });
    expect(await verdict(optional)).toEqual(['OPG001 okta_push_group.p']);
  });

  it('iterates maps in lexical key order', async () => {
    const dir = project({ 'main.tf': APP('[for k, v in { b = "activate", a = "deactivate" } : v][0]') });
    expect(await verdict(dir)).toEqual(['OPG001 okta_push_group.p']);
  });

  it('lets the later of --var and --var-file win, as Terraform does', async () => {
    const dir = project({ 'main.tf': `variable "action" {\n  default = "activate"\n}\n${APP('var.action')}`, 'off.tfvars': 'action = "deactivate"\n' });
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.', '--no-config', '--var', 'action=activate', '--var-file', 'off.tfvars'], io)).toBe(1);
    const io2 = captureIo({ cwd: dir });
    expect(await main(['lint', '.', '--no-config', '--var-file', 'off.tfvars', '--var', 'action=activate'], io2)).toBe(0);
  });

  it('treats both indexed apps of a conditional as candidates', async () => {
    const dir = project({
      'main.tf':
        'variable "legacy" {\n  type = bool\n}\nresource "okta_app_saml" "apps" {\n  for_each = toset(["new", "legacy"])\n  label    = each.key\n}\nresource "okta_app_connection" "legacy" {\n  id       = okta_app_saml.apps["legacy"].id\n  base_url = "https://l"\n  action   = "deactivate"\n}\nresource "okta_push_group" "p" {\n  app_id          = var.legacy ? okta_app_saml.apps["legacy"].id : okta_app_saml.apps["new"].id\n  source_group_id = "00g1"\n}\n',
    });
    expect(await verdict(dir)).toEqual(['OPG005 okta_push_group.p']);
  });

  it('keeps a "__proto__" for_each key as an ordinary instance', async () => {
    const dir = project({ 'main.tf': APP('"deactivate"').replace('resource "okta_push_group" "p" {', 'resource "okta_push_group" "p" {\n  for_each = { "__proto__" = 1 }') });
    expect(await verdict(dir)).toEqual(['OPG001 okta_push_group.p["__proto__"]']);
  });

  it('reads Terraform JSON whose label levels are lists', async () => {
    const dir = project({
      'main.tf.json': JSON.stringify({
        resource: [
          { okta_app_saml: { a: { label: 'A' } } },
          { okta_app_connection: { a: { id: '${okta_app_saml.a.id}', base_url: 'https://a', action: 'deactivate' } } },
          { okta_push_group: [{ p: { app_id: '${okta_app_saml.a.id}', source_group_id: '00g1' } }] },
        ],
      }),
    });
    expect(await verdict(dir)).toEqual(['OPG001 okta_push_group.p']);
  });
});

describe('no text from values in errors', () => {
  it('does not echo a --var given without a name', async () => {
    const dir = project({ 'main.tf': APP('"activate"') });
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.', '--no-config', '--var', 'SuperSecretTok3nValue'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: --var: expected --var NAME=VALUE\n');
  });

  it('does not quote a value in a variable-file syntax error', async () => {
    const dir = project({ 'main.tf': `variable "t" {}\n${APP('"activate"')}`, 's.tfvars': 't = "x"\nSuperSecretTok3n oops\n' });
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.', '--no-config', '--var-file', 's.tfvars'], io)).toBe(2);
    expect(io.err()).not.toContain('SuperSecret');
  });

  it('does not quote a broken configuration file', async () => {
    const dir = project({ 'main.tf': APP('"activate"'), '.okta-push-guard.json': '{ "failOn": hunter2Secret }' });
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.'], io)).toBe(2);
    expect(io.err()).toBe("okta-push-guard: error: .okta-push-guard.json: not valid JSON: invalid JSON at line 1, column 13: unexpected 'h'\n");
  });
});

describe('policy and reporting details', () => {
  it('keeps the same address in two inputs apart in the baseline', async () => {
    const staging = project({ 'main.tf': APP('"deactivate"') });
    const io = captureIo({ cwd: staging });
    await main(['lint', '.', '--no-config', '--write-baseline', 'b.json'], io);
    const prod = project({ 'main.tf': APP('"deactivate"') });
    const report = await lint([prod], { cwd: staging, config: false, baseline: join(staging, 'b.json') });
    expect(report.findings.filter((f) => !f.suppressed)).toHaveLength(1);
  });

  it('writes well-formed JUnit for hostile keys, with a suite for configuration-file findings', async () => {
    const dir = project({
      'main.tf': APP('"deactivate"').replace('resource "okta_push_group" "p" {', 'resource "okta_push_group" "p" {\n  for_each = toset(["a\\uFFFEb"])'),
      '.okta-push-guard.json': JSON.stringify({ suppressions: [{ rule: 'OPG003', address: 'nothing.here', reason: 'old' }] }),
    });
    const io = captureIo({ cwd: dir });
    await main(['lint', '.', '--format', 'junit'], io);
    expect(XMLValidator.validate(io.out())).toBe(true);
    expect(io.out()).toContain('<testsuite name=".okta-push-guard.json"');
  });

  it('fails on unknown verdicts with --fail-on-unknown even when the configuration turns them off', async () => {
    const dir = project({ 'main.tf': APP('try(regex("x", "y"), "activate")'), '.okta-push-guard.json': '{ "unknown": "off" }' });
    expect(await main(['lint', '.'], captureIo({ cwd: dir }))).toBe(0);
    expect(await main(['lint', '.', '--fail-on-unknown'], captureIo({ cwd: dir }))).toBe(1);
  });

  it('does not call a for_each block\'s suppression unused because one instance had nothing to suppress', async () => {
    const dir = project({
      'main.tf': `${APP('"deactivate"')}\n# okta-push-guard:ignore OPG001 reason="moving"\nresource "okta_push_group" "many" {\n  for_each        = toset(["x", "y"])\n  app_id          = okta_app_saml.a.id\n  source_group_id = each.key\n}\n`,
    });
    expect(await verdict(dir)).toEqual(['OPG001 okta_push_group.p']);
  });

  it('matches instance keys that contain dots', () => {
    expect(addressPattern('okta_push_group.m["*"]').test('okta_push_group.m["eng.emea"]')).toBe(true);
    expect(addressPattern('okta_push_group.*').test('okta_push_group.m["eng.emea"]')).toBe(true);
  });
});

describe('the aspect and other aspects', () => {
  it('judges the stack after another aspect changed it', () => {
    const app = tempApp();
    const stack = oktaStack(app, 'okta', { action: 'activate', groups: ['eng'] });
    const deactivate: IAspect = {
      visit(node: IConstruct) {
        if (node.node.id === 'slack_connection') (node as unknown as { addOverride(k: string, v: unknown): void }).addOverride('action', 'deactivate');
      },
    };
    Aspects.of(stack).add(new OktaPushGuard({ config: false }));
    Aspects.of(stack).add(deactivate);
    expect(() => app.synth()).toThrow(/OPG001/);
  });
});

describe('removed blocks', () => {
  it('report a push mapping removed with destroy = false as undecidable, on the removed block', async () => {
    const dir = project({
      'main.tf': `${APP('"activate"')}\nremoved {\n  from = okta_push_group.old\n\n  lifecycle {\n    destroy = false\n  }\n}\n`,
    });
    const report = await lint(['.'], { cwd: dir, env: {}, config: false });
    expect(report.findings.map((f) => [f.ruleId, f.address, f.location?.line])).toEqual([['OPG005', 'okta_push_group.old', 14]]);
    expect(report.findings[0]!.message).toContain('stays in Okta, unmanaged');
  });

  it('say nothing when the removed resource is destroyed', async () => {
    const dir = project({ 'main.tf': `${APP('"activate"')}\nremoved {\n  from = okta_push_group.old\n\n  lifecycle {\n    destroy = true\n  }\n}\n` });
    expect(await verdict(dir)).toEqual([]);
  });
});

describe('instance keys in code', () => {
  it('follow [each.key] to the right instance, since code (unlike a plan) says so', async () => {
    const dir = project({
      'main.tf':
        'variable "apps" {\n  default = { billing = "deactivate", wiki = "activate" }\n}\nresource "okta_app_saml" "apps" {\n  for_each = var.apps\n  label    = each.key\n}\nresource "okta_app_connection" "apps" {\n  for_each = var.apps\n  id       = okta_app_saml.apps[each.key].id\n  base_url = "https://x"\n  action   = each.value\n}\nresource "okta_push_group" "team" {\n  for_each        = var.apps\n  app_id          = okta_app_saml.apps[each.key].id\n  source_group_id = "00g1"\n}\n',
    });
    expect(await verdict(dir)).toEqual(['OPG001 okta_push_group.team["billing"]']);
  });
});

describe('issue 10 §3: evaluator gaps that turned orphans into notes', () => {
  it.each([
    ['code-optional-defaults', 1],
    ['code-each-value-references', 1],
    ['code-computed-indexes', 1],
    ['code-builtins-and-files', 1],
    ['code-unknown-element', 1],
    ['code-unexpanded-for-each', 0],
  ])('%s exits %i (findings are in its README)', async (fixture, code) => {
    expect(await main(['lint', fixture, '--no-config'], captureIo({ cwd: FIXTURES }))).toBe(code);
  });

  it('fails on the undecidable instances with --fail-on-unknown', async () => {
    expect(await main(['lint', 'code-unexpanded-for-each', '--no-config', '--fail-on-unknown'], captureIo({ cwd: FIXTURES }))).toBe(1);
  });

  it('refuses --var for an undeclared variable, naming it but never its value', async () => {
    const dir = project({ 'main.tf': APP('"activate"') });
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.', '--no-config', '--var', 'tokne=SuperSecretTok3n'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: --var tokne: the root module declares no such variable\n');
    const odd = captureIo({ cwd: dir });
    expect(await main(['lint', '.', '--no-config', '--var', 'Super Secret=x'], odd)).toBe(2);
    expect(odd.err()).not.toContain('Super');
  });

  it('ignores undeclared names in variable files, as Terraform only warns', async () => {
    const dir = project({ 'main.tf': APP('"deactivate"'), 'x.tfvars': 'nobody = "declares this"\n' });
    expect(await main(['lint', '.', '--no-config', '--var-file', 'x.tfvars'], captureIo({ cwd: dir }))).toBe(1);
  });

  it('reads file() inside the configuration only: a path outside it is unknown, never read', async () => {
    const outside = project({ 'secret.txt': 'deactivate' });
    const dir = project({ 'main.tf': APP(`trimspace(file("${join(outside, 'secret.txt')}"))`), 'inside.txt': 'deactivate\n' });
    expect(await verdict(dir)).toEqual(['OPG005 okta_push_group.p']);
    const inside = project({ 'main.tf': APP('trimspace(file("inside.txt"))'), 'inside.txt': 'deactivate\n' });
    expect(await verdict(inside)).toEqual(['OPG001 okta_push_group.p']);
    const missing = project({ 'main.tf': APP('try(file("missing.txt"), "activate")') });
    expect(await verdict(missing)).toEqual([]);
  });

  it('keeps unknown in one conditional branch from linking the other', async () => {
    const dir = project({
      'main.tf': `variable "pick" {\n  type = bool\n}\nresource "okta_app_saml" "b" {\n  label = "B"\n}\n${APP('"deactivate"').replace('app_id          = okta_app_saml.a.id', 'app_id          = var.pick ? okta_app_saml.a.id : okta_app_saml.b.id')}`,
    });
    expect(await verdict(dir)).toEqual(['OPG005 okta_push_group.p']);
  });
});
