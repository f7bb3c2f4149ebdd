// Jest global setup: compile dist/ (and the CLI's bundle) once, so tests that spawn bin/okta-push-guard.js run the current
// sources; pack it for the tests that install it into fresh projects; then say, one line each, which
// tests that need outside tools are skipped here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportOutside } from './outside';
import { RUN_FOLDER_VARIABLE } from './run-folder';
import { packOnce } from './packed';

export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  // Every temporary folder the tests (and the CLIs, npm and Terraform they start) make goes into one
  // folder of this run's own, which the global teardown removes.
  process.env.TMPDIR = mkdtempSync(join(tmpdir(), 'opg-test-run-'));
  process.env[RUN_FOLDER_VARIABLE] = process.env.TMPDIR;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  // The CLI's bundle, which bin/okta-push-guard.js loads, from what tsc just wrote.
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-cli.js')], { cwd: root, stdio: 'inherit' });
  // The CDK doors' bundles, which the package's exports name.
  execFileSync(process.execPath, [join(root, 'scripts', 'bundle-doors.js')], { cwd: root, stdio: 'inherit' });
  // Packed once here, so every test file's consumer projects install the same tarball.
  packOnce();
  // Every CLI a test starts uses one code cache of this run's own (src/cli/compile-cache.ts), also in CI.
  process.env.OKTA_PUSH_GUARD_COMPILE_CACHE ??= join(mkdtempSync(join(tmpdir(), 'opg-test-compile-cache-')), 'cache');
  reportOutside((line) => process.stdout.write(line));
}
