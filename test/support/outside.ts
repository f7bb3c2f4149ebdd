// What the tests need from outside the project: the shared corpus and a few commands (terraform,
// pre-commit, git). On a user's clone they may be missing, and the tests that need them are skipped with
// one visible line (printed by the global setup); CI sets OKTA_PUSH_GUARD_REQUIRE_ALL=1 so that
// nothing is ever skipped there.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REQUIRE_ALL = 'OKTA_PUSH_GUARD_REQUIRE_ALL';

export interface Outside {
  /** Shown in the skip line and the CI failure. */
  name: string;
  available: () => boolean;
  /** How to make it available. */
  hint: string;
}

/** The shared corpus: OKTA_PUSH_GUARD_CORPUS, else `../shared/corpus` beside the project. */
export function corpusDir(): string | undefined {
  const given = process.env.OKTA_PUSH_GUARD_CORPUS;
  const dir = given ? resolve(given) : join(__dirname, '..', '..', '..', 'shared', 'corpus');
  return existsSync(join(dir, 'INDEX.md')) ? dir : undefined;
}

const found = new Map<string, boolean>();
export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  let known = found.get(command);
  if (known === undefined) {
    known = spawnSync(command, args, { stdio: 'ignore' }).status === 0;
    found.set(command, known);
  }
  return known;
}

/** git, and this project as a git work tree (the release and Action tests take its files from there). */
function gitWorkTree(): boolean {
  return hasCommand('git') && spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: join(__dirname, '..', '..'), stdio: 'ignore' }).status === 0;
}

export const OUTSIDE: Record<'corpus' | 'terraform' | 'pre-commit' | 'git' | 'openssl', Outside> = {
  corpus: {
    name: 'the shared corpus',
    available: () => corpusDir() !== undefined,
    hint: 'set OKTA_PUSH_GUARD_CORPUS to its folder, or put it at ../shared/corpus',
  },
  terraform: { name: 'terraform', available: () => hasCommand('terraform', ['version']), hint: 'install Terraform >= 1.5' },
  'pre-commit': { name: 'pre-commit', available: () => hasCommand('pre-commit'), hint: 'apt-get install pre-commit (or pip install pre-commit)' },
  git: { name: 'git and a git clone of the project', available: gitWorkTree, hint: 'install git and run the tests in a clone of the repository' },
  openssl: { name: 'openssl', available: () => hasCommand('openssl', ['version']), hint: 'apt-get install openssl' },
};

/** `describe` when the outside thing is there; otherwise a skipped block (the global setup said why). */
export function describeWith(need: keyof typeof OUTSIDE, title: string, body: () => void): void {
  if (OUTSIDE[need].available()) describe(title, body);
  else describe.skip(`${title} (skipped: ${OUTSIDE[need].name} not found)`, body);
}

/** One line for each missing thing, or an error listing them when CI requires all of them. */
export function reportOutside(write: (line: string) => void): void {
  const missing = Object.values(OUTSIDE).filter((o) => !o.available());
  if (missing.length === 0) return;
  if (process.env[REQUIRE_ALL] === '1') {
    throw new Error(`${REQUIRE_ALL}=1 but these are missing: ${missing.map((m) => `${m.name} (${m.hint})`).join('; ')}`);
  }
  for (const m of missing) write(`okta-push-guard tests: skipping the tests that need ${m.name}, which is not here; ${m.hint}.\n`);
}
