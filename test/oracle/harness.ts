// Runs a scenario through real Terraform against the okta provider double and a fresh simulated org.
//
// A scenario folder holds `after/` (the configuration to plan and apply) and optionally `seed/` (applied
// with a state of its own that is then dropped: objects that exist in Okta but not in this workspace),
// `before/` (and `before-2/`, `before-3/`, …: applied in order, to the scenario's state), `import/`
// (the configuration `terraform import` runs with, never applied) and
// `scenario.json` (see ScenarioSpec). Other folders (shared modules) are copied along.
// It writes `out/plan.json` (`terraform show -json` of the plan), `out/state.json` (`terraform show -json`
// after the apply), `out/org.json` (the simulated org) and `out/calls.log` (the API calls the apply of
// the plan made, in order, one `METHOD PATH?QUERY` a line).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { buildProvider } from './build';
import { type Delay, type Failure, type OrgDump, OktaSimulator } from './simulator';

export interface ScenarioSpec {
  /** Extra arguments for `terraform plan` of after/ (`-target=…`, `-refresh-only`, `-destroy`). */
  plan?: string[];
  /** `-parallelism` of the apply of the plan (Terraform's default is 10). */
  parallelism?: number;
  /** Calls the simulator answers late during the apply of the plan. */
  delays?: Delay[];
  /** Calls answered with an error during the apply of the plan. */
  failures?: Failure[];
  /** One call during the apply of the plan answered 429 with X-Rate-Limit-Reset. */
  rateLimit?: { method: string; path: string };
  /** Changes made in Okta outside Terraform, after before/ and before after/ is planned. */
  orgChanges?: ({ app: string; connection: 'ENABLED' | 'DISABLED' | 'UNKNOWN' } | { app: string; removeMapping: string })[];
  /** `terraform import ADDRESS ID` runs before after/ is planned. */
  imports?: { address: string; id: string }[];
  /** The apply of the plan is expected to fail (the scenario script then exits 0 on failure). */
  applyFails?: boolean;
  /**
   * After the apply of the plan, after/ is applied once more (`terraform apply`, a fresh plan), as a team
   * would after a failed apply: `convergedOrg` is the org then, and `out/org.json` shows it.
   */
  converge?: boolean;
}

/** One more apply of the same plan, from the same state and org. */
export interface ApplyVariant {
  parallelism?: number;
  delays?: Delay[];
  failures?: Failure[];
}

export interface ApplyRun {
  variant: ApplyVariant;
  calls: string[];
  org: OrgDump;
  applyError: string | null;
}

export interface RunOptions {
  /** Where out/ goes (default: DIR/out). */
  out?: string;
  /** Overrides scenario.json's parallelism. */
  parallelism?: number;
  /** Overrides scenario.json's delays. */
  delays?: Delay[];
  /** After the scenario's apply, the plan is applied again this way from the state and org it was made on. */
  variants?: ApplyVariant[];
  /** Keep the working folder (for debugging); its path is in the result. */
  keep?: boolean;
  /**
   * How Terraform reaches the provider double: `launch` (default) lets Terraform start it through
   * dev_overrides, with go-plugin's handshake, for every command; `reattach` starts it once for the whole
   * scenario and hands Terraform its address in TF_REATTACH_PROVIDERS (faster: no start per command).
   */
  provider?: 'launch' | 'reattach';
}

export interface ScenarioResult {
  plan: Record<string, unknown>;
  state: Record<string, unknown>;
  org: OrgDump;
  /** `METHOD PATH?QUERY` of each call the apply of the plan made, in order. */
  calls: string[];
  /** Terraform's error output when the apply of the plan failed, else null. */
  applyError: string | null;
  /** Warnings Terraform printed during the apply of the plan (e.g. the provider's "Delete Not Supported"). */
  applyOutput: string;
  /** With scenario.json's `converge`: the org after after/ was applied once more, and that apply's error. */
  converged: { org: OrgDump; applyError: string | null } | null;
  spec: ScenarioSpec;
  /** One per RunOptions.variants. */
  variants: ApplyRun[];
  out: string;
  workdir: string;
}

export class ScenarioError extends Error {}

const STAGE = /^before(-\d+)?$/;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('terraform', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new ScenarioError('terraform was not found on PATH: the scenario runs real Terraform (>= 1.5); install it and try again') : e);
    });
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

function readSpec(dir: string): ScenarioSpec {
  const file = join(dir, 'scenario.json');
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ScenarioSpec;
  } catch (err) {
    throw new ScenarioError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

function hasConfig(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).some((f) => f.endsWith('.tf') || f.endsWith('.tf.json'));
}

function usesModules(dir: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => /\.tf$/.test(f) && /^\s*module\s+"/m.test(readFileSync(join(dir, f), 'utf8')));
}

/** Replaces the configuration in the working folder with a stage's, keeping state and .terraform. */
function stageInto(source: string, tf: string): void {
  for (const entry of readdirSync(tf)) {
    if (entry === '.terraform' || entry.startsWith('terraform.tfstate')) continue;
    rmSync(join(tf, entry), { recursive: true, force: true });
  }
  cpSync(source, tf, { recursive: true, filter: (src) => basename(src) !== '.terraform' && !basename(src).startsWith('terraform.tfstate') });
}

export async function runScenario(dirArg: string, options: RunOptions = {}): Promise<ScenarioResult> {
  const dir = resolve(dirArg);
  if (!hasConfig(join(dir, 'after'))) throw new ScenarioError(`${dirArg}: no after/ configuration (a folder of .tf files) in the scenario`);
  const spec = readSpec(dir);
  const out = resolve(options.out ?? join(dir, 'out'));
  const provider = buildProvider();

  const workdir = mkdtempSync(join(tmpdir(), 'opg-scenario-'));
  const token = `sim-${randomBytes(18).toString('hex')}`;
  const sim = new OktaSimulator({ token });
  await sim.start();
  let stopProvider = (): void => {};
  try {
    // Folders other than the stages (shared modules) sit beside the working folder, as beside the stages.
    const stages = readdirSync(dir).filter((f) => STAGE.test(f) && hasConfig(join(dir, f))).sort((a, b) => stageNumber(a) - stageNumber(b));
    for (const entry of readdirSync(dir)) {
      if (entry === 'out' || entry === 'after' || entry === 'seed' || entry === 'import' || STAGE.test(entry) || entry === 'scenario.json') continue;
      cpSync(join(dir, entry), join(workdir, entry), { recursive: true });
    }
    const cliConfig = join(workdir, 'cli.tfrc');
    writeFileSync(
      cliConfig,
      `disable_checkpoint = true\nprovider_installation {\n  dev_overrides {\n    "okta/okta" = ${JSON.stringify(provider)}\n  }\n  direct {}\n}\n`,
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: workdir,
      TMPDIR: process.env.TMPDIR ?? tmpdir(),
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_DISABLE_PLUGIN_TLS: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      OKTA_ORG_NAME: 'acmecorp',
      OKTA_BASE_URL: 'okta.com',
      OKTA_API_TOKEN: token,
      OKTA_HTTP_PROXY: sim.url,
    };
    const tf = join(workdir, 'tf');
    mkdirSync(tf);
    if (options.provider === 'reattach') {
      const served = await serveProvider(provider, env);
      stopProvider = served.stop;
      env.TF_REATTACH_PROVIDERS = served.reattach;
    }

    const terraform = async (what: string, args: string[], cwd = tf): Promise<Run> => {
      const r = await run([...args, '-no-color'], cwd, env);
      if (r.code !== 0) throw new ScenarioError(`${what}: terraform ${args[0]} failed:\n${scrub(r.stderr || r.stdout, token)}`);
      return r;
    };
    const prepare = async (what: string, cwd: string): Promise<void> => {
      if (usesModules(cwd)) await terraform(what, ['get'], cwd);
    };

    if (hasConfig(join(dir, 'seed'))) {
      const seed = join(workdir, 'seed');
      cpSync(join(dir, 'seed'), seed, { recursive: true });
      await prepare('seed/', seed);
      await terraform('seed/', ['apply', '-auto-approve', '-input=false', '-lock=false'], seed);
    }
    for (const stage of stages) {
      stageInto(join(dir, stage), tf);
      await prepare(`${stage}/`, tf);
      await terraform(`${stage}/`, ['apply', '-auto-approve', '-input=false', '-lock=false']);
    }
    for (const change of spec.orgChanges ?? []) {
      if ('connection' in change) sim.setConnectionStatus(change.app, change.connection);
      else sim.removeMappingOutOfBand(change.app, change.removeMapping);
    }
    // `terraform import` needs the resource in the configuration: in import/ when there is one (imported
    // there and never applied), else in after/.
    const importStage = hasConfig(join(dir, 'import')) ? 'import' : 'after';
    if (importStage === 'import') {
      stageInto(join(dir, 'import'), tf);
      await prepare('import/', tf);
    } else if ((spec.imports ?? []).length > 0) {
      stageInto(join(dir, 'after'), tf);
      await prepare('after/', tf);
    }
    for (const imp of spec.imports ?? []) await terraform(`${importStage}/ (import ${imp.address})`, ['import', '-input=false', '-lock=false', imp.address, imp.id]);
    stageInto(join(dir, 'after'), tf);
    await prepare('after/', tf);

    const planFile = join(workdir, 'after.tfplan');
    await terraform('after/', ['plan', '-input=false', '-lock=false', `-out=${planFile}`, ...(spec.plan ?? [])]);
    const plan = JSON.parse((await terraform('after/ (show plan)', ['show', '-json', planFile])).stdout) as Record<string, unknown>;

    const stateFile = join(tf, 'terraform.tfstate');
    const priorState = existsSync(stateFile) ? readFileSync(stateFile) : null;
    const priorOrg = sim.snapshot();
    const applyPlan = async (variant: ApplyVariant, rateLimit?: { method: string; path: string }): Promise<ApplyRun & { output: string }> => {
      sim.restore(priorOrg);
      rmSync(`${stateFile}.backup`, { force: true });
      if (priorState) writeFileSync(stateFile, priorState);
      else rmSync(stateFile, { force: true });
      if (rateLimit) sim.rateLimitOnce(rateLimit.method, rateLimit.path);
      sim.setDelays(variant.delays ?? []);
      sim.setFailures(variant.failures ?? []);
      const mark = sim.mark();
      const p = variant.parallelism;
      const applied = await run(['apply', '-input=false', '-lock=false', '-no-color', ...(p ? [`-parallelism=${p}`] : []), planFile], tf, env);
      sim.setDelays([]);
      sim.setFailures([]);
      return {
        variant,
        calls: sim.calls.slice(mark).map((c) => `${c.method} ${c.target}`),
        org: sim.dump(),
        applyError: applied.code === 0 ? null : scrub(applied.stderr || applied.stdout, token),
        output: scrub(applied.stdout, token),
      };
    };
    const variants: ApplyRun[] = [];
    for (const variant of options.variants ?? []) {
      const { output: _, ...r } = await applyPlan(variant);
      variants.push(r);
    }
    const primary = await applyPlan(
      { parallelism: options.parallelism ?? spec.parallelism, delays: options.delays ?? spec.delays, failures: spec.failures },
      spec.rateLimit,
    );
    const { calls, applyError } = primary;
    let converged: ScenarioResult['converged'] = null;
    if (spec.converge) {
      const again = await run(['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color'], tf, env);
      converged = { org: sim.dump(), applyError: again.code === 0 ? null : scrub(again.stderr || again.stdout, token) };
    }
    const state = JSON.parse((await terraform('after/ (show state)', ['show', '-json'])).stdout) as Record<string, unknown>;
    const org = converged?.org ?? primary.org;

    mkdirSync(out, { recursive: true });
    const files: Record<string, string> = {
      'plan.json': `${JSON.stringify(plan, null, 2)}\n`,
      'state.json': `${JSON.stringify(state, null, 2)}\n`,
      'org.json': `${JSON.stringify(org, null, 2)}\n`,
      'calls.log': calls.map((c) => `${c}\n`).join(''),
    };
    for (const [name, text] of Object.entries(files)) {
      if (text.includes(token)) throw new ScenarioError(`${name} would hold the simulator's API token; nothing was written`);
    }
    for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
    return { plan, state, org, calls, applyError, applyOutput: primary.output, converged, spec, variants, out, workdir };
  } finally {
    stopProvider();
    await sim.stop();
    if (!options.keep) rmSync(workdir, { recursive: true, force: true });
  }
}

/** Starts the double in reattach mode (its own process, the simulator's address in its environment). */
function serveProvider(dir: string, env: NodeJS.ProcessEnv): Promise<{ reattach: string; stop: () => void }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(join(dir, 'terraform-provider-okta'), ['--reattach'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const line = /^TF_REATTACH_PROVIDERS=(.*)$/m.exec(out);
      if (line?.[1]) resolvePromise({ reattach: line[1], stop: () => child.kill('SIGTERM') });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new ScenarioError(`the provider double exited (${String(code)}) before serving: ${err}`)));
  });
}

function stageNumber(name: string): number {
  const m = /-(\d+)$/.exec(name);
  return m ? Number(m[1]) : 1;
}

function scrub(text: string, token: string): string {
  return text.split(token).join('[redacted]');
}
