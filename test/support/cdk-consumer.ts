// A consumer project of one CDK door, as a user sets it up: the packed okta-push-guard, the framework
// (cdktf or cdktn, and nothing of the other), constructs and TypeScript, at the versions this package
// is developed with. It holds a CommonJS app to synthesize and TypeScript sources to type-check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshProject, ROOT } from './packed';

export type CdkFramework = 'cdktf' | 'cdktn';
export type Resolution = 'node10' | 'node16' | 'bundler';
export const RESOLUTIONS: readonly Resolution[] = ['node10', 'node16', 'bundler'];

const devDependencies = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;

// One app, one stack: an app with provisioning (`activate`) or without it (`deactivate`) and one push
// mapping; the guard attached the way `habit` says, before or after the stack exists.
const APP = (framework: CdkFramework) => `'use strict';
const { mkdtempSync } = require('node:fs');
const { App, Aspects, TerraformResource, TerraformStack } = require('${framework}');
const { OktaPushGuard } = require('okta-push-guard/${framework}');

const [action, habit, outdir] = process.argv.slice(2);
const app = new App({ outdir });
const guard = habit === 'applyTo' ? OktaPushGuard.applyTo(app, { config: false }) : new OktaPushGuard({ config: false });
const stack = new TerraformStack(app, 'okta');
const add = (id, type, attributes) => {
  const r = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [k, v] of Object.entries(attributes)) r.addOverride(k, v);
};
add('slack', 'okta_app_saml', { label: 'Slack' });
add('slack_connection', 'okta_app_connection', { id: '\${okta_app_saml.slack.id}', base_url: 'https://api.slack.com/scim/v2', action });
add('push_eng', 'okta_push_group', { app_id: '\${okta_app_saml.slack.id}', source_group_id: '00g1' });
if (habit === 'aspects') Aspects.of(app).add(guard);
app.synth();
console.log(JSON.stringify({ judged: [...guard.findings.keys()] }));
`;

// Every public type of both entries a TypeScript user touches.
const TYPES = (framework: CdkFramework) => `import { App, Aspects, TerraformStack } from '${framework}';
import { lint, type Finding, type Report } from 'okta-push-guard';
import { OktaPushGuard, type Acknowledgement, type OktaPushGuardOptions } from 'okta-push-guard/${framework}';

const acknowledgement: Acknowledgement = { rule: 'OPG001', address: 'okta_push_group.eng', reason: 'OKTA-42' };
const options: OktaPushGuardOptions = { failOn: 'warning', rules: { OPG003: 'off' }, acknowledgements: [acknowledgement], config: false };
const app = new App();
new TerraformStack(app, 'okta');
Aspects.of(app).add(new OktaPushGuard(options));
const guard: OktaPushGuard = OktaPushGuard.applyTo(app, options);
export const found: readonly Finding[] = guard.findings.get('okta') ?? [];
export const report: Promise<Report> = lint(['cdktf.out']);
`;

// Two mistakes the types must catch, one per entry; an unresolved module would give TS2307 instead.
const MISTAKES = (framework: CdkFramework) => `import { lint } from 'okta-push-guard';
import { OktaPushGuard } from 'okta-push-guard/${framework}';

export const guard = new OktaPushGuard({ failOn: 'sometimes' });
export const report = lint('plan.json');
`;

// The compiler options \`cdktf init --template=typescript\` writes: CommonJS without moduleResolution,
// which is node10 resolution (no package "exports").
const INIT_OPTIONS = {
  alwaysStrict: true,
  declaration: true,
  experimentalDecorators: true,
  inlineSourceMap: true,
  inlineSources: true,
  lib: ['es2018'],
  module: 'CommonJS',
  noEmitOnError: true,
  noFallthroughCasesInSwitch: true,
  noImplicitAny: true,
  noImplicitReturns: true,
  noImplicitThis: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  resolveJsonModule: true,
  strict: true,
  strictNullChecks: true,
  strictPropertyInitialization: true,
  stripInternal: true,
  target: 'ES2018',
  incremental: true,
  skipLibCheck: true,
};

const MODES: Record<Resolution, Record<string, unknown>> = {
  node10: {},
  node16: { module: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

function tsconfigs(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const mode of RESOLUTIONS) {
    const compilerOptions = { ...INIT_OPTIONS, ...MODES[mode] };
    files[`tsconfig.${mode}.json`] = JSON.stringify({ compilerOptions, files: ['types.ts'] }, null, 2);
    files[`tsconfig.${mode}.mistakes.json`] = JSON.stringify({ compilerOptions, files: ['mistakes.ts'] }, null, 2);
  }
  return files;
}

export function cdkConsumer(framework: CdkFramework): string {
  return freshProject({
    dependencies: {
      [framework]: devDependencies[framework]!,
      constructs: devDependencies.constructs!,
      typescript: devDependencies.typescript!,
    },
    files: { 'app.js': APP(framework), 'types.ts': TYPES(framework), 'mistakes.ts': MISTAKES(framework), ...tsconfigs() },
  });
}

export interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tsc --noEmit` of types.ts (or mistakes.ts) under one module resolution. */
export function typecheck(dir: string, mode: Resolution, file: 'types' | 'mistakes' = 'types'): Outcome {
  const config = file === 'types' ? `tsconfig.${mode}.json` : `tsconfig.${mode}.mistakes.json`;
  const result = spawnSync(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', config, '--noEmit'], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the app's synth into a fresh folder; returns the outcome and that folder. */
export function synthApp(dir: string, action: 'activate' | 'deactivate', habit: 'aspects' | 'applyTo'): Outcome & { outdir: string } {
  const outdir = mkdtempSync(join(dir, 'cdktf.out-'));
  const result = spawnSync(process.execPath, ['app.js', action, habit, outdir], { cwd: dir, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}

const ORPHAN = /\[okta\/push_eng\] OPG001: Push mapping `okta_push_group\.push_eng` remains on `okta_app_saml\.slack`/;

/** What every door must do in a consumer project: guard synth both ways, and type-check in every resolution. */
export function doorTests(framework: CdkFramework, project: () => string): void {
  const HABITS = ['aspects', 'applyTo'] as const;

  it.each(HABITS)(`an app whose stack leaves a push mapping on disabled provisioning fails synth with OPG001 (${framework}, %s)`, (habit) => {
    const run = synthApp(project(), 'deactivate', habit);
    expect(run.stderr).toMatch(ORPHAN);
    expect(run.status).toBe(1);
    expect(existsSync(join(run.outdir, 'stacks/okta/cdk.tf.json'))).toBe(false);
  });

  it.each(HABITS)(`a clean app is judged and synthesizes (${framework}, %s)`, (habit) => {
    const run = synthApp(project(), 'activate', habit);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ judged: ['okta'] });
    expect(existsSync(join(run.outdir, 'stacks/okta/cdk.tf.json'))).toBe(true);
  });

  it.each(RESOLUTIONS)(`the root and okta-push-guard/${framework} types resolve under %s resolution`, (mode) => {
    const check = typecheck(project(), mode);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 30_000);

  it.each(RESOLUTIONS)(`mistakes against those types are reported under %s resolution`, (mode) => {
    const check = typecheck(project(), mode, 'mistakes');
    expect(check.stdout.split('\n').filter((line) => / error TS/.test(line))).toEqual([
      expect.stringMatching(/^mistakes\.ts\(4,\d+\): error TS2322: Type '"sometimes"' is not assignable to type/),
      expect.stringMatching(/^mistakes\.ts\(5,\d+\): error TS2345: Argument of type 'string' is not assignable/),
    ]);
    expect(check.status).not.toBe(0);
  }, 30_000);
}
