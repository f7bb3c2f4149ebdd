// The CLI holds V8's young generation once a large plan has made it grow (src/young-generation.ts), which
// is most of the memory it saves on the benchmark's plans; the library leaves its host's heap as it is.
// Scenario: a generated plan of 200 apps (about 15 MB, 40 orphaned mappings), read with nothing else
// running in the process, as a file and from standard input, and through lint() in a plain Node process;
// and one just over HOLD_BELOW_INPUT_BYTES (1,840 apps, about 136 MB), which the CLI reads unheld.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOLD_BELOW_INPUT_BYTES } from '../../src/young-generation';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writePlan } = require('../../bench/plan.js') as { writePlan: (file: string, apps: number) => { bytes: number; orphans: number } };

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const MiB = 2 ** 20;

const dir = mkdtempSync(join(tmpdir(), 'opg-young-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'plan.json');
const made = writePlan(file, 200);
// Preloaded: the young generation's size (both semi-spaces) as the process exits, on stderr's last line.
const probe = join(dir, 'young-at-exit.js');
writeFileSync(probe, `process.on('exit', () => { const young = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space'); process.stderr.write('young ' + young.space_size + '\\n'); });\n`);

function youngAtExit(stderr: string): number {
  const line = stderr.trim().split('\n').pop() ?? '';
  expect(line).toMatch(/^young \d+$/);
  return Number(line.slice('young '.length));
}

function orphans(stdout: string): number {
  return (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'OPG001').length;
}

describe('the young generation while a large plan is read', () => {
  it('is held at a few MiB by the CLI, reading a file', () => {
    const result = spawnSync(process.execPath, ['--require', probe, bin, 'lint', file, '--format', 'json', '--no-config'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(result.status).toBe(1);
    expect(orphans(result.stdout)).toBe(made.orphans);
    expect(youngAtExit(result.stderr)).toBeLessThanOrEqual(8 * MiB);
  });

  it('is held at a few MiB by the CLI, reading standard input', () => {
    const result = spawnSync(process.execPath, ['--require', probe, bin, 'lint', '-', '--format', 'json', '--no-config'], { input: readFileSync(file), encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(result.status).toBe(1);
    expect(orphans(result.stdout)).toBe(made.orphans);
    expect(youngAtExit(result.stderr)).toBeLessThanOrEqual(8 * MiB);
  });

  it('grows as V8 grows it when the plan is read through the library', () => {
    const script = `require(${JSON.stringify(join(root, 'dist', 'src', 'index.js'))}).lint([${JSON.stringify(file)}], { config: false }).then((report) => process.stdout.write(JSON.stringify(report)));`;
    const result = spawnSync(process.execPath, ['--require', probe, '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(result.status).toBe(0);
    expect(orphans(result.stdout)).toBe(made.orphans);
    expect(youngAtExit(result.stderr)).toBeGreaterThan(8 * MiB);
  });
});

describe('the young generation while a plan of HOLD_BELOW_INPUT_BYTES or more is read', () => {
  it('is left to grow by the CLI, where holding it would cost more collections than the memory it saves', () => {
    const large = join(dir, 'large-plan.json');
    const written = writePlan(large, 1840);
    expect(written.bytes).toBeGreaterThanOrEqual(HOLD_BELOW_INPUT_BYTES);
    try {
      const result = spawnSync(process.execPath, ['--require', probe, bin, 'lint', large, '--format', 'json', '--no-config'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(result.status).toBe(1);
      expect(orphans(result.stdout)).toBe(written.orphans);
      expect(youngAtExit(result.stderr)).toBeGreaterThan(8 * MiB);
    } finally {
      rmSync(large, { force: true });
    }
  });
});
