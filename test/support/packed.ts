// The package as users get it: the tarball `npm pack` makes (packed once per test run by the global
// setup), installed into fresh projects that hold nothing of this repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const TARBALL_VARIABLE = 'OKTA_PUSH_GUARD_TARBALL';

/** Packs the built package into a temporary folder; returns the tarball's path. */
export function pack(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-pack-'));
  // dist/ is already built by the global setup; --ignore-scripts keeps pack from compiling it again.
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim();
  return join(dir, name.split('\n').pop()!);
}

export function packOnce(): string {
  const known = process.env[TARBALL_VARIABLE];
  if (known) return known;
  const tarball = pack();
  process.env[TARBALL_VARIABLE] = tarball;
  return tarball;
}

export interface ProjectOptions {
  /** Where okta-push-guard itself comes from (an npm spec such as `git+file:///…#v1.2.3`); the packed tarball by default. */
  self?: string;
  /** Dependencies besides okta-push-guard (name → version range or tarball/file spec). */
  dependencies?: Record<string, string>;
  /** package.json fields besides name, private and dependencies (overrides, type, …). */
  manifest?: Record<string, unknown>;
  /** Files to write, by path relative to the project. */
  files?: Record<string, string>;
}

/**
 * A fresh npm project with okta-push-guard installed from the packed tarball (or `self`) and
 * `dependencies` from the registry (or npm's cache). Returns its folder.
 */
export function freshProject(options: ProjectOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-consumer-'));
  const manifest = {
    name: 'consumer',
    version: '1.0.0',
    private: true,
    ...options.manifest,
    dependencies: { 'okta-push-guard': options.self ?? `file:${packOnce()}`, ...options.dependencies },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
  return dir;
}
