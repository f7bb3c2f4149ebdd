// Jest global teardown: removes the run's temporary folder (see global-setup.ts), with everything the
// tests left in it.
import { rmSync } from 'node:fs';
import { RUN_FOLDER_VARIABLE } from './run-folder';

export default async function globalTeardown(): Promise<void> {
  const folder = process.env[RUN_FOLDER_VARIABLE];
  if (folder) rmSync(folder, { recursive: true, force: true });
}
