// The package as a user installs it: the packed tarball in a fresh project, run through its bin.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshProject, ROOT } from '../support/packed';

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

  it('ships the compiled code, the rule pages and the schemas, and no tests or fixtures', () => {
    const installed = join(dir, 'node_modules/okta-push-guard');
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cdktf/index.js', 'dist/src/cdktf/index.d.ts', 'dist/src/cdktn/index.js', 'dist/src/cdktn/index.d.ts', 'schema/report.schema.json', 'schema/config.schema.json', 'LICENSE']) {
      expect([file, existsSync(join(installed, file))]).toEqual([file, true]);
    }
    for (const absent of ['test', 'fixtures', 'src', 'dist/test']) expect([absent, existsSync(join(installed, absent))]).toEqual([absent, false]);
  });
});
