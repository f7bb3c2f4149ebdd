// The installed entry point: bin/okta-push-guard.js runs the compiled CLI and sets the exit code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

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

  it("runs the CLI's bundle: of the package's own code, only the parts of it a run uses and the code cache it loads first", () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-bin-loaded-'));
    try {
      const record = join(dir, 'loaded.json');
      const probe = join(dir, 'probe.js');
      writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify(Object.keys(require.cache))));\n`);
      const lone = join(dir, 'plan.json');
      copyFileSync(join(root, 'fixtures', 'orphan-after-deactivate', 'plan.json'), lone);
      const first = ['bin/okta-push-guard.js', 'dist/src/cli/compile-cache.js', 'dist/src/v8-flags.js', 'dist/cli.js'];
      // A folder with no configuration file in it or above it, and one with a configuration file.
      const bare = join(dir, 'bare');
      const configured = join(dir, 'configured');
      mkdirSync(bare);
      mkdirSync(configured);
      writeFileSync(join(configured, '.okta-push-guard.json'), '{ "failOn": "error" }\n');
      const runs: Array<[string[], string[], string?]> = [
        [['--version'], []],
        // A plan alone (its .tf beside it are the sources findings are placed on).
        [['lint', 'fixtures/orphan-after-deactivate/plan.json', '--no-config'], ['dist/cli-lint.js', 'dist/cli-hcl.js']],
        // A plan with no .tf beside it.
        [['lint', lone, '--no-config'], ['dist/cli-lint.js']],
        // The same, with the configuration file looked for: there is none, and nothing that reads one is loaded.
        [['lint', lone], ['dist/cli-lint.js'], bare],
        // The same where there is one: its reader is loaded.
        [['lint', lone], ['dist/cli-lint.js', 'dist/cli-hcl.js', 'dist/cli-more.js'], configured],
        // A .tf configuration, in SARIF (a reporter loaded on demand).
        [['lint', 'fixtures/orphan-after-deactivate', '--no-config', '-f', 'sarif'], ['dist/cli-lint.js', 'dist/cli-hcl.js', 'dist/cli-tf.js', 'dist/cli-more.js']],
      ];
      for (const [args, parts, cwd] of runs) {
        const result = spawnSync(process.execPath, ['--require', probe, bin, ...args], { cwd: cwd ?? root, encoding: 'utf8' });
        expect(result.stderr).toBe('');
        const own = (JSON.parse(readFileSync(record, 'utf8')) as string[])
          .filter((f) => f.startsWith(root) && !f.includes(`${sep}node_modules${sep}`) && f !== probe)
          .map((f) => relative(root, f).split(sep).join('/'));
        expect(own.sort()).toEqual([...first, ...parts].sort());
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  describe('where the compiled CLI cannot be loaded', () => {
    function copyOfBin(): string {
      const dir = mkdtempSync(join(tmpdir(), 'opg-bin-'));
      mkdirSync(join(dir, 'bin'));
      copyFileSync(bin, join(dir, 'bin', 'okta-push-guard.js'));
      return dir;
    }

    it('exits 2 (never 1, which reads as findings) and says how to build when dist/ is missing', () => {
      const dir = copyOfBin();
      const result = spawnSync(process.execPath, [join(dir, 'bin', 'okta-push-guard.js'), 'lint', 'plan.json'], { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe('okta-push-guard: error: the compiled code (dist/) is missing: run `npm run build` in the package folder, or install a release (see Install in the README)\n');
    });

    it('exits 2 with one line when a dependency is missing', () => {
      const dir = copyOfBin();
      mkdirSync(join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'cli.js'), "require('a-dependency-that-is-not-installed');\n");
      const result = spawnSync(process.execPath, [join(dir, 'bin', 'okta-push-guard.js'), 'lint'], { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe("okta-push-guard: internal error: Cannot find module 'a-dependency-that-is-not-installed'\n");
    });

    it('exits 2 with one line, never a verdict, when a part of the bundle a run needs is missing', () => {
      const dir = copyOfBin();
      cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
      cpSync(join(root, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
      rmSync(join(dir, 'dist', 'cli-lint.js'));
      const result = spawnSync(process.execPath, [join(dir, 'bin', 'okta-push-guard.js'), 'lint', join(root, 'fixtures', 'orphan-after-deactivate', 'plan.json')], { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^okta-push-guard: internal error: Cannot find module '\.\/cli-lint\.js'[^\n]*\n$/);
    });

    it("exits 2 with one line, never 1 and a stack trace, when the .tf parser's WebAssembly runtime is missing", () => {
      // web-tree-sitter fails a promise of its own that nothing awaits as well as the one the CLI awaits:
      // Node's own handling of the first would print a stack trace and exit 1, which reads as findings.
      const dir = copyOfBin();
      cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
      cpSync(join(root, 'package.json'), join(dir, 'package.json'));
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
      rmSync(join(dir, 'dist', 'web-tree-sitter', 'tree-sitter.wasm'));
      for (const target of ['plan.json', '.']) {
        const result = spawnSync(process.execPath, [join(dir, 'bin', 'okta-push-guard.js'), 'lint', join(root, 'fixtures', 'orphan-after-deactivate', target), '--no-config'], { cwd: dir, encoding: 'utf8' });
        expect([target, result.status]).toEqual([target, 2]);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^okta-push-guard: internal error: the \.tf parser's WebAssembly runtime could not start: [^\n]*tree-sitter\.wasm[^\n]*\n$/);
      }
    });
  });
});
