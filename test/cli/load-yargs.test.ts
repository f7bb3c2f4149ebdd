// yargs is loaded without cliui, string-width and node:assert, which only its help and its failed checks
// use. In the CLI's bundle (scripts/bundle-yargs.js) yargs is compiled in with stand-ins put there at
// build time; outside it (the library's dist/src/cli/main.js), src/cli/load-yargs.ts puts stand-ins in
// the module cache while yargs loads. Under Jest neither applies (Jest keeps its own registry), so the
// CLI is run as a process: a lint must load neither the help layout nor yargs from node_modules, and
// help and usage errors must read exactly as they do with the installed yargs and its real modules.
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
// The CLI as the library's unbundled modules run it, with the installed yargs and its real help layout
// loaded before it, so that no stand-in is put in its place.
const unbundled = join(dir, 'unbundled.js');
writeFileSync(
  unbundled,
  `const from = { paths: [require('path').dirname(require.resolve('yargs/package.json', { paths: [${JSON.stringify(root)}] }))] };\n` +
    `for (const name of ['cliui', 'string-width']) require(require.resolve(name, from));\n` +
    `require(${JSON.stringify(join(root, 'dist', 'src', 'cli', 'main.js'))}).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`,
);

function run(args: string[], preload: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [...preload.flatMap((p) => ['--require', p]), bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

/** yargs and what it requires, as installed. */
const YARGS_PACKAGES = /[/\\]node_modules[/\\](yargs|yargs-parser|y18n|cliui|string-width|wrap-ansi|strip-ansi|escalade|get-caller-file|require-directory)[/\\]/;

function loaded(): { files: string[]; builtins: string[] } {
  return JSON.parse(readFileSync(record, 'utf8')) as { files: string[]; builtins: string[] };
}

describe('yargs loaded without its help layout and node:assert', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a lint loads neither, nor yargs from node_modules, and still reports', () => {
    const result = run(['lint', join(FIXTURES, 'orphan-after-deactivate', 'plan.json'), '--no-config', '--format', 'json'], [probe]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('OPG001');
    const { files, builtins } = loaded();
    expect(files.filter((f) => YARGS_PACKAGES.test(f) || f.endsWith('cli-help.js'))).toEqual([]);
    expect(builtins).not.toContain('NativeModule assert');
  });

  it.each([[['--help']], [['lint', '--help']], [['audit', '--help']], [['remediate', '--help']], [['lint', '--bogus']], [['lint', '--format', 'xml', 'plan.json']], [['remediate']], [['--version']]])(
    'prints %j as the installed yargs does with its real modules',
    (args) => {
      const real = spawnSync(process.execPath, [unbundled, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const bundled = run(args);
      expect(real.stdout + real.stderr).not.toBe('');
      expect(bundled.stdout).toBe(real.stdout);
      expect(bundled.stderr).toBe(real.stderr);
      expect(bundled.status).toBe(real.status);
    },
  );

  it.each([[['--help']], [['lint', '--bogus']], [['lint', '--format', 'xml', 'plan.json']]])('speaks the language of the environment as the installed yargs does: %j', (args) => {
    const env = { ...process.env, NO_COLOR: '1', LC_ALL: 'de_DE.UTF-8' };
    const real = spawnSync(process.execPath, [unbundled, ...args], { cwd: root, encoding: 'utf8', env });
    const bundled = run(args, [], { LC_ALL: 'de_DE.UTF-8' });
    expect(`${real.stdout}${real.stderr}`).toMatch(/Kommandos|Unbekanntes|Unzulässige/);
    expect(bundled.stdout).toBe(real.stdout);
    expect(bundled.stderr).toBe(real.stderr);
  });

  it('help is really laid out through the stand-ins, by the part that holds the layout', () => {
    const help = run(['--help'], [probe]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Commands:\n {2}okta-push-guard lint \[paths\.\.\] +Lint plans/m);
    const { files } = loaded();
    expect(files.filter((f) => f.endsWith('cli-help.js'))).toEqual([join(root, 'dist', 'cli-help.js')]);
    expect(files.filter((f) => YARGS_PACKAGES.test(f))).toEqual([]);
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
