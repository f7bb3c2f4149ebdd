// yargs is loaded without cliui, string-width and node:assert (src/cli/load-yargs.ts), which only its
// help and its failed checks use. Under Jest the module cache stand-ins do not apply (Jest keeps its own
// registry), so the CLI is run as a process: a lint must not load them, and help and usage errors must
// read exactly as they do when the real modules are loaded from the start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { strict as assert } from 'node:assert';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertStandIn } from '../../src/cli/load-yargs';
import { FIXTURES } from '../support/fixtures';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'okta-push-guard.js');
const dir = mkdtempSync(join(tmpdir(), 'opg-yargs-'));
const record = join(dir, 'loaded.json');
// Writes, at exit, the files in the module cache and the built-in modules loaded.
const probe = join(dir, 'probe.js');
writeFileSync(probe, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ files: Object.keys(require.cache), builtins: process.moduleLoadList })));\n`);
// Loads the real help layout before the CLI, so that no stand-in is put in its place.
const eager = join(dir, 'eager.js');
writeFileSync(eager, `const from = { paths: [require('path').dirname(require.resolve('yargs/package.json', { paths: [${JSON.stringify(root)}] }))] };\nfor (const name of ['cliui', 'string-width']) require(require.resolve(name, from));\n`);

function run(args: string[], preload: string[] = []) {
  return spawnSync(process.execPath, [...preload.flatMap((p) => ['--require', p]), bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('yargs loaded without its help layout and node:assert', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a lint loads neither, and still reports', () => {
    const result = run(['lint', join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), '--no-config', '--format', 'json'], [probe]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('OPG001');
    const loaded = JSON.parse(readFileSync(record, 'utf8')) as { files: string[]; builtins: string[] };
    expect(loaded.files.filter((f) => /[/\\]node_modules[/\\](cliui|string-width|wrap-ansi)[/\\]/.test(f))).toEqual([]);
    expect(loaded.files.some((f) => /[/\\]node_modules[/\\]yargs[/\\]/.test(f))).toBe(true);
    expect(loaded.builtins).not.toContain('NativeModule assert');
  });

  it.each([[['--help']], [['lint', '--help']], [['audit', '--help']], [['remediate', '--help']], [['lint', '--bogus']], [['lint', '--format', 'xml', 'plan.json']], [['remediate']], [['--version']]])(
    'prints %j as with the real modules loaded from the start',
    (args) => {
      const real = run(args, [eager]);
      const standIns = run(args);
      expect(standIns.stdout).toBe(real.stdout);
      expect(standIns.stderr).toBe(real.stderr);
      expect(standIns.status).toBe(real.status);
    },
  );

  it('help is really laid out through the stand-ins', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Commands:\n {2}okta-push-guard lint \[paths\.\.\] +Lint plans/m);
  });

  it("the assert stand-in passes what node:assert passes and throws node:assert's own error otherwise", () => {
    expect(() => assertStandIn.notStrictEqual(1, 2)).not.toThrow();
    expect(() => assertStandIn.strictEqual('a', 'a')).not.toThrow();
    expect(() => assertStandIn.strictEqual(NaN, NaN)).not.toThrow();
    const thrown = (check: () => void): unknown => {
      try {
        check();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    for (const [standIn, real] of [
      [() => assertStandIn.notStrictEqual(undefined, undefined), () => assert.notStrictEqual(undefined, undefined)],
      [() => assertStandIn.strictEqual(typeof 1, 'string'), () => assert.strictEqual(typeof 1, 'string')],
      [() => assertStandIn.notStrictEqual(true, true, 'kept'), () => assert.notStrictEqual(true, true, 'kept')],
    ] as const) {
      const [got, want] = [thrown(standIn), thrown(real)] as [Error, Error];
      expect(got).toBeInstanceOf(assert.AssertionError);
      expect(got.message).toBe(want.message);
    }
  });

  it('stands in for every assert method the installed yargs calls', () => {
    // Should an upgrade of yargs call another method, the stand-in would lack it: this fails first.
    const built = readFileSync(join(dirname(require.resolve('yargs/package.json', { paths: [root] })), 'build', 'index.cjs'), 'utf8');
    const called = new Set([...built.matchAll(/\bassert\.(\w+)\(/g)].map((m) => m[1]));
    expect(called.size).toBeGreaterThan(0);
    for (const method of called) expect([method, typeof (assertStandIn as Record<string, unknown>)[method!]]).toEqual([method, 'function']);
    expect(built).not.toMatch(/\bassert\(/);
  });
});
