// V8 flags apply to the whole process, so the tool sets them only in the CLI's own (src/v8-flags.ts):
// a library host (lint(), a test runner) keeps its flags, and so how its own WebAssembly and heap run.
// Scenario: the Quick start example (a plan with its .tf beside it, a small configuration, for which the
// CLI runs the HCL grammar on V8's baseline WebAssembly tier only), linted by the CLI and by lint() in a
// plain Node process. A preloaded hook records every call of v8.setFlagsFromString.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const example = join(root, 'fixtures', 'orphan-after-deactivate');

const dir = mkdtempSync(join(tmpdir(), 'opg-v8-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The flags set while the process ran, one JSON line on stderr at exit.
const probe = join(dir, 'record-flags.js');
writeFileSync(
  probe,
  `const v8 = require('node:v8'); const set = v8.setFlagsFromString; const seen = [];\n` +
    `v8.setFlagsFromString = (flags) => { seen.push(flags); return set(flags); };\n` +
    `process.on('exit', () => process.stderr.write('flags ' + JSON.stringify(seen) + '\\n'));\n`,
);

function flagsSet(stderr: string): string[] {
  const line = stderr.trim().split('\n').pop() ?? '';
  expect(line).toMatch(/^flags \[/);
  return JSON.parse(line.slice('flags '.length)) as string[];
}

describe('V8 flags', () => {
  it('are set by the CLI, in its own process (the baseline WebAssembly tier for a small configuration)', () => {
    const result = spawnSync(process.execPath, ['--require', probe, bin, 'lint', example, '--format', 'json', '--no-config'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(0);
    expect(flagsSet(result.stderr)).toContain('--liftoff-only');
  });

  it('are never set by lint() in a host process, which reads the same configuration to the same findings', () => {
    const script = `require(${JSON.stringify(join(root, 'dist', 'src', 'index.js'))}).lint([${JSON.stringify(example)}], { config: false }).then((report) => process.stdout.write(JSON.stringify(report)));`;
    const result = spawnSync(process.execPath, ['--require', probe, '-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const cli = spawnSync(process.execPath, [bin, 'lint', example, '--format', 'json', '--no-config'], { encoding: 'utf8' });
    const ids = (stdout: string): string[] => (JSON.parse(stdout) as { findings: { ruleId: string; address: string }[] }).findings.map((f) => `${f.ruleId} ${f.address}`);
    expect(ids(result.stdout)).toEqual(ids(cli.stdout));
    expect(flagsSet(result.stderr)).toEqual([]);
  });
});
