// Jest global setup: compile dist/ once, so tests that spawn bin/okta-push-guard.js run the current
// sources; pack it for the tests that install it into fresh projects; then say, one line each, which
// tests that need outside tools are skipped here.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { reportOutside } from './outside';
import { packOnce } from './packed';

export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  // Packed once here, so every test file's consumer projects install the same tarball.
  packOnce();
  reportOutside((line) => process.stdout.write(line));
}
