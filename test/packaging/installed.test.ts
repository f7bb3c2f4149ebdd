// The package as a user installs it: the packed tarball in a fresh project, run through its bin.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshProject, ROOT } from '../support/packed';
import { writeWorkerProbe } from '../support/worker-probe';

describe('installed from the packed tarball', () => {
  let dir: string;
  beforeAll(() => {
    dir = freshProject();
    copyFileSync(join(ROOT, 'fixtures/orphan-after-deactivate/plan.json'), join(dir, 'plan.json'));
  }, 120_000);

  it('runs the bin on a plan: the findings, exit 1', () => {
    const result = spawnSync(join(dir, 'node_modules/.bin/okta-push-guard'), ['lint', 'plan.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('error    OPG001  okta_push_group.eng');
    expect(result.status).toBe(1);
  });

  it('lays out help through the installed yargs, and a lint loads none of its help layout', () => {
    const bin = join(dir, 'node_modules/okta-push-guard/bin/okta-push-guard.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { cwd: dir, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Commands:\n {2}okta-push-guard lint \[paths\.\.\] +Lint plans/m);
    const probe = join(dir, 'probe.js');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/](cliui|string-width)[\\\\/]/.test(f)).join('\\n')));\n");
    const lint = spawnSync(process.execPath, ['--require', probe, bin, 'lint', 'plan.json', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(lint.status).toBe(1);
    expect(lint.stderr).toBe('');
  });

  it('keeps a code cache of its start-up, and reports the same with it', () => {
    const bin = join(dir, 'node_modules/okta-push-guard/bin/okta-push-guard.js');
    const folder = join(mkdtempSync(join(tmpdir(), 'opg-installed-cache-')), 'cache');
    const lint = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, [bin, 'lint', 'plan.json', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
    const without = lint({ NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(without.status).toBe(1);
    for (let i = 0; i < 2; i++) {
      const withCache = lint({ OKTA_PUSH_GUARD_COMPILE_CACHE: folder });
      expect([withCache.status, withCache.stdout, withCache.stderr]).toEqual([without.status, without.stdout, without.stderr]);
    }
    const said = lint({ OKTA_PUSH_GUARD_COMPILE_CACHE: folder, NODE_DEBUG: 'okta-push-guard' }).stderr;
    expect(said).toMatch(/: (\d+) modules compiled, \1 from the cache; nothing to write\n/);
  });

  it('ships the scanner kernel beside the reader, where it loads it from', () => {
    expect(existsSync(join(dir, 'node_modules/okta-push-guard/dist/src/inputs/json-stream/scanner.wasm'))).toBe(true);
  });

  it('reads a plan of 128 MiB and more with its look-ahead thread, from the installed package', () => {
    // bench/plan.js writes about 73.6 kB per app: 1,900 apps make 140 MB.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writePlan } = require(join(ROOT, 'bench', 'plan.js')) as { writePlan: (file: string, apps: number) => { bytes: number; orphans: number } };
    const made = writePlan(join(dir, 'large.json'), 1900);
    expect(made.bytes).toBeGreaterThanOrEqual(128 * 2 ** 20);
    try {
      // Notes which worker scripts the run starts.
      const probe = writeWorkerProbe(dir);
      const bin = join(dir, 'node_modules/okta-push-guard/bin/okta-push-guard.js');
      const lint = spawnSync(process.execPath, ['--require', probe, bin, 'lint', 'large.json', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(lint.stderr).toBe(join(realpathSync(dir), 'node_modules/okta-push-guard/dist/src/inputs/json-stream/ahead-worker.js'));
      expect(lint.status).toBe(1);
      const report = JSON.parse(lint.stdout) as { findings: { ruleId: string }[] };
      expect(report.findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(made.orphans);
    } finally {
      rmSync(join(dir, 'large.json'), { force: true });
    }
  }, 60_000);

  it('parses a .tf file of 256 KiB and more in two parts with its worker, from the installed package', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writeConfig } = require(join(ROOT, 'bench', 'config.js')) as { writeConfig: (dir: string, apps: number) => number };
    const config = join(dir, 'large-config');
    writeConfig(config, 1000);
    try {
      const probe = writeWorkerProbe(dir);
      const bin = join(dir, 'node_modules/okta-push-guard/bin/okta-push-guard.js');
      const lint = spawnSync(process.execPath, ['--require', probe, bin, 'lint', 'large-config', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(lint.stderr).toBe(join(realpathSync(dir), 'node_modules/okta-push-guard/dist/src/loaders/hcl/parse-worker.js'));
      expect(lint.status).toBe(1);
      const report = JSON.parse(lint.stdout) as { findings: { ruleId: string }[] };
      // Every tenth of the 1,000 apps has its provisioning deactivated with its three mappings left.
      expect(report.findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(300);
    } finally {
      rmSync(config, { recursive: true, force: true });
    }
  }, 60_000);

  it('ships the compiled code, the rule pages and the schemas, and no tests or fixtures', () => {
    const installed = join(dir, 'node_modules/okta-push-guard');
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/cdktf.js', 'dist/cdktn.js', 'dist/src/cdktf/index.js', 'dist/src/cdktf/index.d.ts', 'dist/src/cdktn/index.js', 'dist/src/cdktn/index.d.ts', 'schema/report.schema.json', 'schema/config.schema.json', 'LICENSE']) {
      expect([file, existsSync(join(installed, file))]).toEqual([file, true]);
    }
    for (const absent of ['test', 'fixtures', 'src', 'dist/test']) expect([absent, existsSync(join(installed, absent))]).toEqual([absent, false]);
  });
});
