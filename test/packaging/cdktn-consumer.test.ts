// A CDK Terrain project that installs the packed package and no cdktf at all: its own door guards
// synth and type-checks; the cdktf door says what it lacks instead of crashing somewhere inside.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cdkConsumer, doorTests } from '../support/cdk-consumer';

describe('a cdktn project with the packed package', () => {
  let dir: string;
  beforeAll(() => {
    dir = cdkConsumer('cdktn');
  }, 180_000);

  it('has no cdktf installed', () => {
    expect(existsSync(join(dir, 'node_modules/cdktn/package.json'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules/cdktf'))).toBe(false);
  });

  doorTests('cdktn', () => dir);

  it('refuses the cdktf door with the package to install', () => {
    const run = spawnSync(process.execPath, ['-e', "require('okta-push-guard/cdktf')"], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("okta-push-guard/cdktf needs the cdktf package and constructs (npm install cdktf constructs): Cannot find module 'cdktf'");
  });
});
