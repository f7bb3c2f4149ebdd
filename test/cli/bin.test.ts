// The installed entry point: bin/okta-push-guard.js runs the compiled CLI and sets the exit code.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('bin/okta-push-guard.js', () => {
  it('lints the Quick start example: prints the findings and exits 1', () => {
    const result = run('lint', 'fixtures/orphan-after-deactivate/plan.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error    OPG001  okta_push_group.eng');
    expect(result.stderr).toBe('');
  });

  it('exits 2 with one line and no stack trace on a missing file', () => {
    const result = run('lint', 'nope.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('okta-push-guard: error: nope.json: no such file or directory\n');
  });

  it('treats a reader that closes stdout early as normal', () => {
    // SARIF for every fixture plan is larger than a pipe's 64 KiB buffer, so the write really fails.
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" lint fixtures/*/plan.json -f sarif | head -c 10`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stdout.startsWith('{\n  "versi')).toBe(true);
    expect(result.stderr).toBe('');
  });
});
