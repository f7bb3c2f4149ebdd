// How the CLI writes its output (src/cli/io.ts): straight to a pipe or file descriptor, and through
// Node's streams only for a terminal or where the descriptor will not take a write. Scenarios: the
// SARIF report of every fixture plan (far more than the 64 KiB a pipe holds) written to a pipe, to a
// file by --output, to /dev/null, and to a pipe another process made non-blocking that a slow reader
// drains; and the Node modules a small lint loads into a pipe.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const plans = readdirSync(join(root, 'fixtures'))
  .filter((name) => {
    try {
      return readdirSync(join(root, 'fixtures', name)).includes('plan.json');
    } catch {
      return false;
    }
  })
  .map((name) => `fixtures/${name}/plan.json`);
const args = ['lint', ...plans, '--format', 'sarif', '--no-config'];

const dir = mkdtempSync(join(tmpdir(), 'opg-process-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shell = (script: string) => spawnSync('sh', ['-c', script], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
const quoted = (parts: readonly string[]) => parts.map((p) => `'${p.replace(/'/g, "'\\''")}'`).join(' ');

/** The report as --output writes it: the same run's text, through a file. */
function reportInFile(): string {
  const file = join(dir, 'report.sarif');
  const result = spawnSync(process.execPath, [bin, ...args, '--output', file], { cwd: root, encoding: 'utf8' });
  expect(result.status).toBe(1);
  return readFileSync(file, 'utf8');
}

describe('the output of the CLI', () => {
  let expected: string;
  beforeAll(() => {
    expected = reportInFile();
  });

  it('is written whole to a pipe, however much larger than the pipe holds', () => {
    expect(plans.length).toBeGreaterThan(10);
    expect(Buffer.byteLength(expected)).toBeGreaterThan(4 * 65536);
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(expected);
  });

  it('is written whole to a file stdout is redirected to, and to /dev/null', () => {
    const file = join(dir, 'stdout.sarif');
    const toFile = shell(`"${process.execPath}" ${quoted([bin, ...args])} > '${file}'; echo "exit $?"`);
    expect(toFile.stdout).toBe('exit 1\n');
    expect(toFile.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(expected);
    const toNull = shell(`"${process.execPath}" ${quoted([bin, ...args])} > /dev/null; echo "exit $?"`);
    expect(toNull.stdout).toBe('exit 1\n');
    expect(toNull.stderr).toBe('');
  });

  const perl = spawnSync('perl', ['-MFcntl', '-e', 'exit 0']).status === 0;
  if (!perl) console.log('skipped: a non-blocking stdout (perl with Fcntl, which sets O_NONBLOCK on it, is not installed)');
  (perl ? it : it.skip)('is written whole to a pipe made non-blocking by another process, which a slow reader drains', () => {
    // perl sets O_NONBLOCK on the pipe's shared description and execs the CLI; the reader starts late,
    // so the pipe fills and a write to it fails with EAGAIN until the reader drains it.
    const file = join(dir, 'slow.sarif');
    const nonBlocking = `perl -MFcntl -e 'fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die; exec @ARGV or die'`;
    // The CLI's exit code goes to stderr, which is not the pipe.
    const result = shell(`(${nonBlocking} "${process.execPath}" ${quoted([bin, ...args])}; echo "exit $?" >&2) | (sleep 1; cat > '${file}')`);
    expect(result.stderr).toBe('exit 1\n');
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});

describe('a small lint into a pipe', () => {
  // What Node loads beyond what `node -e 0` does: the streams and node:net that a pipe's process.stdout
  // brings, node:tty, and node:v8 and node:os (the code cache's, which is off here), are never needed.
  const probe = join(dir, 'loaded.js');
  const record = join(dir, 'loaded.txt');
  writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, process.moduleLoadList.join('\\n')));\n`);
  const lone = join(dir, 'plan.json');
  copyFileSync(join(root, 'fixtures', 'orphan-after-deactivate', 'plan.json'), lone);

  function loaded(argv: string[]): string[] {
    const result = spawnSync(process.execPath, ['--require', probe, ...argv], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(result.stderr).toBe('');
    return readFileSync(record, 'utf8').split('\n');
  }

  it('loads no stream, node:net, node:tty, node:v8 or node:os, for a lint or --version', () => {
    const floor = new Set(loaded(['-e', '0']));
    const unwanted = /^NativeModule (stream|net|tty|v8|os|internal\/streams\/.*)$/;
    for (const argv of [[bin, 'lint', lone, '--format', 'json'], [bin, 'lint', lone], [bin, '--version']]) {
      const extra = loaded(argv).filter((m) => !floor.has(m));
      expect([argv.slice(1).join(' '), extra.filter((m) => unwanted.test(m))]).toEqual([argv.slice(1).join(' '), []]);
    }
    // The probe sees them where they are loaded.
    expect(loaded(['-e', 'process.stdout.write("")']).filter((m) => unwanted.test(m))).toEqual(expect.arrayContaining(['NativeModule net', 'NativeModule stream']));
  });
});
