// The GitHub Action and pre-commit manifests carry what their hosts require.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..');

describe('action.yml', () => {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    name: string;
    description: string;
    inputs: Record<string, { description: string; default?: string }>;
    runs: { using: string; steps: { run?: string; shell?: string }[] };
  };

  it('has a name, a description and the inputs the README documents', () => {
    expect(action.name).toBe('okta-push-guard');
    expect(action.description.length).toBeGreaterThan(10);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'fail-on', 'sarif-file']));
    for (const input of Object.values(action.inputs)) expect(input.description).toBeTruthy();
    // Empty: the configuration file's failOn applies, else error.
    expect(action.inputs['fail-on']!.default).toBe('');
  });

  it('runs the packaged CLI in a composite step with a shell for every run', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) if (step.run) expect(step.shell).toBe('bash');
    expect(action.runs.steps.some((s) => s.run?.includes('bin/okta-push-guard.js" lint'))).toBe(true);
  });

  it('passes inputs to its scripts through env, never as ${{ }} pasted into a script', () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toContain('${{');
  });

  it('installs only the runtime dependencies of a release, running no scripts', () => {
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!.run!;
    expect(install).toContain('npm ci --omit=dev --ignore-scripts');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('defines a hook for .tf and .tf.json changes', () => {
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    for (const key of ['id', 'name', 'entry', 'language']) expect(hook[key]).toBeTruthy();
    expect(hook.language).toBe('node');
    const files = new RegExp(hook.files as string);
    expect(['main.tf', 'modules/app/cdk.tf.json'].every((f) => files.test(f))).toBe(true);
    expect(files.test('plan.json')).toBe(false);
  });

  it('calls a command the package provides', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(String(hooks[0]!.entry).split(' ')[0]).toBe(Object.keys(pkg.bin)[0]);
  });
});
