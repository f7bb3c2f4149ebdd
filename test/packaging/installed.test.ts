// The package as a user installs it: the packed tarball in a fresh project, run through its bin.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
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

  it('ships the compiled code, the rule pages and the schemas, and no tests or fixtures', () => {
    const installed = join(dir, 'node_modules/okta-push-guard');
    for (const file of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cdktf/index.js', 'dist/src/cdktf/index.d.ts', 'dist/src/cdktn/index.js', 'dist/src/cdktn/index.d.ts', 'schema/report.schema.json', 'schema/config.schema.json', 'LICENSE']) {
      expect([file, existsSync(join(installed, file))]).toEqual([file, true]);
    }
    for (const absent of ['test', 'fixtures', 'src', 'dist/test']) expect([absent, existsSync(join(installed, absent))]).toEqual([absent, false]);
  });
});
