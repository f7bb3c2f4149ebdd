// Runs the steps of action.yml as the GitHub Actions runner runs a composite action's `run:` steps:
// each script in a file, by `bash --noprofile --norc -eo pipefail`, with the step's `env:` evaluated
// and the variables the runner sets; the first step that fails ends the action. Anything the runner
// would do that this cannot (a `uses:` step, an `if:`, another expression) throws, rather than being
// skipped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  name?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
  uses?: string;
  if?: string;
}

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRun {
  name: string;
  status: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
  /** The exit status of the last step that ran. */
  status: number;
  steps: StepRun[];
  stdout: string;
  stderr: string;
}

export interface Runner {
  /** The action's folder (GITHUB_ACTION_PATH): where the runner unpacked the ref. */
  actionPath: string;
  /** GITHUB_WORKSPACE: the default working folder of every step. */
  workspace: string;
  /** GITHUB_STEP_SUMMARY */
  summary: string;
  /** PATH, else this process's. */
  path?: string;
}

/** The runner's bash, found once on this process's PATH: a step's own PATH may leave it out. */
const BASH = spawnSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).stdout.trim() || '/bin/bash';

/** What the runner passes on from its own environment (npm's cache and registry settings, proxies). */
function passedOn(): NodeJS.ProcessEnv {
  const keep = /^(HOME|LANG|LC_ALL|TMPDIR|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|npm_config_(cache|registry|userconfig|globalconfig))$/;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => keep.test(k)));
}

export function runAction(manifestFile: string, runner: Runner, inputs: Record<string, string> = {}): ActionRun {
  const manifest = parse(readFileSync(manifestFile, 'utf8')) as ActionManifest;
  if (manifest.runs.using !== 'composite') throw new Error(`not a composite action: ${manifest.runs.using}`);
  for (const name of Object.keys(inputs)) if (!(name in manifest.inputs)) throw new Error(`action.yml has no input ${name}`);
  const evaluate = (text: string): string =>
    text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => {
      const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression);
      if (input) {
        const spec = manifest.inputs[input[1]!];
        if (!spec) throw new Error(`action.yml uses an undeclared input: ${expression}`);
        return inputs[input[1]!] ?? spec.default ?? '';
      }
      if (expression === 'github.action_path') return runner.actionPath;
      if (expression === 'github.workspace') return runner.workspace;
      throw new Error(`the test runner cannot evaluate \${{ ${expression} }}`);
    });
  const temp = mkdtempSync(join(tmpdir(), 'opg-runner-'));
  const base: NodeJS.ProcessEnv = {
    ...passedOn(),
    PATH: runner.path ?? process.env.PATH ?? '',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION_PATH: runner.actionPath,
    GITHUB_WORKSPACE: runner.workspace,
    GITHUB_STEP_SUMMARY: runner.summary,
    RUNNER_TEMP: temp,
  };
  const steps: StepRun[] = [];
  for (const [i, step] of manifest.runs.steps.entries()) {
    if (step.uses !== undefined || step.if !== undefined || step.run === undefined) throw new Error(`the test runner only runs unconditional run: steps (step ${i + 1})`);
    if (step.shell !== 'bash') throw new Error(`step ${i + 1} has shell ${step.shell}; the runner's bash is what is emulated`);
    if (step.run.includes('${{')) throw new Error(`step ${i + 1} puts an expression into its script; pass it through env:`);
    const script = join(temp, `step-${i + 1}.sh`);
    writeFileSync(script, step.run);
    const env: NodeJS.ProcessEnv = { ...base };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = evaluate(String(value));
    const cwd = step['working-directory'] !== undefined ? evaluate(step['working-directory']) : runner.workspace;
    const result = spawnSync(BASH, ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw result.error;
    steps.push({ name: step.name ?? `step ${i + 1}`, status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr });
    if (result.status !== 0) break;
  }
  return {
    status: steps[steps.length - 1]!.status,
    steps,
    stdout: steps.map((s) => s.stdout).join(''),
    stderr: steps.map((s) => s.stderr).join(''),
  };
}
