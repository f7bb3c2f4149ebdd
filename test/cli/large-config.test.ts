// A .tf configuration with a file large enough to be parsed in two parts on two threads (parse-ahead.ts),
// and the same configuration in many files, some parsed on the worker thread, linted as a user runs it:
// the same report, byte for byte, as parsing on one core, and a syntax error in the second half of the
// large file refused with exit 2 and the same line.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SPLIT } from '../../src/loaders/hcl/parse-ahead';
import { writeWorkerProbe } from '../support/worker-probe';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeConfig } = require('../../bench/config.js') as { writeConfig: (dir: string, apps: number) => number };

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const dir = mkdtempSync(join(tmpdir(), 'opg-large-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, 'config');
writeConfig(config, 1000);
const main = join(config, 'main.tf');

// Preloaded: notes on stderr which worker scripts the run starts.
const probe = writeWorkerProbe(dir);
// Preloaded: a machine of one core, where nothing is parsed on another thread.
const oneCore = join(dir, 'one-core.js');
writeFileSync(oneCore, "const os = require('node:os'); os.availableParallelism = () => 1; const cpus = os.cpus; os.cpus = () => cpus().slice(0, 1);\n");

function lint(preload: string[], target = 'config'): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, [...preload, bin, 'lint', target, '--format', 'json', '--no-config'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
}

describe('a configuration with a file the parser reads in two parts', () => {
  it('is large enough for it', () => {
    expect(statSync(main).size).toBeGreaterThanOrEqual(SPLIT.from);
  });

  it('gives the report of parsing it whole', () => {
    const split = lint(['--require', probe]);
    expect(split.stderr).toBe(join(root, 'dist', 'src', 'loaders', 'hcl', 'parse-worker.js'));
    const whole = lint(['--require', probe, '--require', oneCore]);
    expect(whole.stderr).toBe('');
    expect(split.status).toBe(1);
    expect([split.status, split.stdout]).toEqual([whole.status, whole.stdout]);
    const report = JSON.parse(String(split.stdout)) as { findings: { ruleId: string }[] };
    // Every tenth of the 1,000 apps has its provisioning deactivated with its three mappings left.
    expect(report.findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(300);
  });

  it('is refused with exit 2 and the line of parsing it whole for a syntax error in its second half', () => {
    const text = readFileSync(main, 'utf8');
    try {
      writeFileSync(main, `${text}resource "okta_app_saml" "broken" {\n  label = = "x"\n}\n`);
      const lines = text.split('\n').length;
      const split = lint(['--require', probe]);
      expect(split.stderr).toBe(`okta-push-guard: error: config/main.tf:${lines + 1}:11: syntax error: unexpected '='\n${join(root, 'dist', 'src', 'loaders', 'hcl', 'parse-worker.js')}`);
      expect(split.status).toBe(2);
      // With --format json, the error is the report too.
      expect((JSON.parse(String(split.stdout)) as { error: { message: string } }).error.message).toBe(`config/main.tf:${lines + 1}:11: syntax error: unexpected '='`);
    } finally {
      writeFileSync(main, text);
    }
  });
});

describe('a configuration of many files, the parser reads some on its worker thread', () => {
  it('gives the report of parsing them all on one core', () => {
    // The same configuration in eight files of about 35 kB.
    const parts = join(dir, 'parts');
    cpSync(join(config, 'modules'), join(parts, 'modules'), { recursive: true });
    const blocks = readFileSync(main, 'utf8').split(/\n(?=(?:module|resource|locals) )/);
    const per = Math.ceil(blocks.length / 8);
    for (let i = 0; i < 8; i++) writeFileSync(join(parts, `part${i}.tf`), `${blocks.slice(i * per, (i + 1) * per).join('\n')}\n`);
    const shared = lint(['--require', probe], 'parts');
    expect(shared.stderr).toBe(join(root, 'dist', 'src', 'loaders', 'hcl', 'parse-worker.js'));
    const alone = lint(['--require', probe, '--require', oneCore], 'parts');
    expect(alone.stderr).toBe('');
    expect(shared.status).toBe(1);
    expect([shared.status, shared.stdout]).toEqual([alone.status, alone.stdout]);
    const report = JSON.parse(String(shared.stdout)) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(300);
  });
});
