// The configuration file: discovery, precedence, validation messages.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { lint } from '../../src/core/lint';
import { FIXTURES, pairs } from '../support/fixtures';
import { captureIo } from '../support/io';

function project(config: string, name = '.okta-push-guard.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-config-'));
  writeFileSync(join(dir, name), config);
  return dir;
}

async function run(cwd: string, ...args: string[]) {
  const io = captureIo({ cwd });
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const plan = join(FIXTURES, 'inactive-app', 'plan.json'); // one OPG004 warning

describe('configuration discovery', () => {
  it('is found from the working folder upwards', async () => {
    const dir = project('{ "failOn": "warning" }');
    mkdirSync(join(dir, 'infra', 'prod'), { recursive: true });
    expect((await run(join(dir, 'infra', 'prod'), plan)).code).toBe(1);
    expect((await run(join(dir, 'infra', 'prod'), plan, '--no-config')).code).toBe(0);
  });

  it('reads YAML too, and --config names a file explicitly', async () => {
    const dir = project('failOn: warning\nrules:\n  OPG004: error\n', '.okta-push-guard.yaml');
    const report = await lint([plan], { cwd: dir });
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([['OPG004', 'error']]);
    const other = project('{ "rules": { "OPG004": "off" } }', 'custom.json');
    expect(pairs(await lint([plan], { cwd: dir, config: join(other, 'custom.json') }))).toEqual([]);
  });
});

describe('precedence', () => {
  it('--fail-on wins over the configuration, which wins over the default', async () => {
    const dir = project('{ "failOn": "warning" }');
    expect((await run(dir, plan)).code).toBe(1);
    expect((await run(dir, plan, '--fail-on', 'error')).code).toBe(0);
    expect((await run(project('{}'), plan)).code).toBe(0);
  });

  it('unknown sets the severity of undecidable verdicts; --fail-on-unknown fails on them', async () => {
    const unknownPlan = join(FIXTURES, 'unknown-app-reference', 'plan.json');
    const off = await lint([unknownPlan], { cwd: project('{ "unknown": "off" }') });
    expect(pairs(off)).toEqual([]);
    const warned = await lint([unknownPlan], { cwd: project('{ "unknown": "warning" }') });
    expect(warned.findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
    expect((await run(project('{}'), unknownPlan)).code).toBe(0);
    expect((await run(project('{}'), unknownPlan, '--fail-on-unknown')).code).toBe(1);
  });
});

describe('invalid configuration', () => {
  it.each([
    ['{ "failOn": "sometimes" }', 'failOn: must be one of error, warning, note, none'],
    ['{ "rules": { "OPG003": "loud" } }', 'rules.OPG003: must be one of error, warning, note, off'],
    ['{ "rules": { "slack": "off" } }', 'rules: keys must be rule ids like OPG001'],
    ['{ "colour": true }', 'colour: is not a known setting'],
    ['{ "rules": { "OPG000": "off" } }', 'rules.OPG000: no such rule'],
    ['{ "rules": { "OPG999": "off" } }', 'rules.OPG999: no such rule'],
    ['{ "suppressions": [ { "rule": "OPG001", "address": "x", "reason": "r", "until": "2027-02-30" } ] }', 'suppressions.0.until: 2027-02-30 is not a calendar date'],
    ['{ "suppressions": [ { "rule": "OPG001", "address": "okta_push_group.*" } ] }', 'suppressions.0: needs "reason"'],
    ['{ "suppressions": [ { "rule": "OPG001", "address": "x", "reason": " " } ] }', 'suppressions.0.reason: must not be empty'],
    ['{ "suppressions": [ { "rule": "OPG001", "address": "x", "reason": "r", "until": "next year" } ] }', 'suppressions.0.until: must be a date like 2027-03-31'],
  ])('%s', async (config, message) => {
    const { code, err } = await run(project(config), plan);
    expect(code).toBe(2);
    expect(err).toBe(`okta-push-guard: error: .okta-push-guard.json: invalid configuration: ${message}\n`);
  });

  it('reports broken JSON and YAML as such', async () => {
    expect((await run(project('{ "failOn": '), plan)).err).toMatch(/^okta-push-guard: error: \.okta-push-guard\.json: not valid JSON/);
    expect((await run(project('rules: [unclosed', '.okta-push-guard.yml'), plan)).err).toMatch(/^okta-push-guard: error: \.okta-push-guard\.yml: not valid YAML/);
  });
});

describe('configuration paths', () => {
  it('takes variable files and the sources folder from the file, relative to it', async () => {
    const dir = project(JSON.stringify({ varFiles: ['vars/qa.tfvars'], sources: 'code' }));
    require('node:fs').mkdirSync(join(dir, 'vars'));
    writeFileSync(join(dir, 'vars', 'qa.tfvars'), 'teams = { qa = "00g9" }\n');
    require('node:fs').cpSync(join(FIXTURES, 'tf-module-default'), join(dir, 'code'), { recursive: true });
    require('node:fs').rmSync(join(dir, 'code', 'terraform.tfvars'));
    const fromVarFile = await lint(['code'], { cwd: dir, env: {} });
    expect(pairs(fromVarFile)).toEqual(['OPG001 okta_push_group.crm["qa"]']);

    require('node:fs').copyFileSync(join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), join(dir, 'plan.json'));
    require('node:fs').cpSync(join(FIXTURES, 'orphan-after-deactivate', 'main.tf'), join(dir, 'code', 'main.tf'));
    const located = await lint(['plan.json'], { cwd: dir, env: {} });
    expect(located.findings.map((f) => f.location?.file)).toEqual(['code/main.tf', 'code/main.tf']);
  });
});
