// A throwaway git repository holding this work tree's files, for running the release procedure and
// for making folders exactly as GitHub serves a ref to an Action (`git archive` of the commit).
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './packed';

let isolated: NodeJS.ProcessEnv | undefined;

/** git with a fixed identity and none of the user's or the system's configuration (signing, hooks). */
export function gitEnv(): NodeJS.ProcessEnv {
  if (isolated) return isolated;
  const home = mkdtempSync(join(tmpdir(), 'opg-git-home-'));
  const config = join(home, 'gitconfig');
  writeFileSync(config, '');
  isolated = {
    ...process.env,
    GIT_CONFIG_GLOBAL: config,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Release Test',
    GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
    GIT_COMMITTER_NAME: 'Release Test',
    GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
  };
  return isolated;
}

export function git(repo: string, args: string[], env: NodeJS.ProcessEnv = gitEnv()): string {
  return execFileSync('git', args, { cwd: repo, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/**
 * A new repository whose one commit holds the files of this work tree as they are now (tracked and
 * untracked, not ignored), on branch `main`, with this project's node_modules linked in for the build.
 */
export function sourceRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'opg-release-repo-'));
  const env = gitEnv();
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '');
  // Through tar, so that modes (the bin's executable bit) come along.
  const archive = execFileSync('tar', ['-cf', '-', '--null', '-T', '-'], { cwd: ROOT, input: files.join('\0'), maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-xf', '-'], { cwd: repo, input: archive });
  git(repo, ['init', '-q', '-b', 'main'], env);
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'));
  // A symbolic link is not the folder that .gitignore's `node_modules/` means.
  appendFileSync(join(repo, '.git', 'info', 'exclude'), 'node_modules\n');
  git(repo, ['add', '-A'], env);
  git(repo, ['commit', '-q', '-m', 'Source'], env);
  return repo;
}

export function release(repo: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync('npm', ['run', '--silent', 'release', '--', ...args], { cwd: repo, env: gitEnv(), encoding: 'utf8' });
}

/** The folder a runner gets for `uses: owner/repo@ref`: the ref's files, without .git. */
export function archive(repo: string, ref: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-action-'));
  const action = join(dir, 'action');
  mkdirSync(action);
  const tar = execFileSync('git', ['archive', '--format=tar', ref], { cwd: repo, env: gitEnv(), maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-xf', '-'], { cwd: action, input: tar });
  return action;
}
