// The pre-commit hook as users install it: pre-commit clones this repository at a revision, builds the
// node environment (npm install, npm pack, npm install -g of the tarball) and runs the hook on the
// changed files of another repository. Needs the pre-commit command (apt-get install pre-commit).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeWith } from '../support/outside';
import { ROOT } from '../support/packed';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd, encoding: 'utf8' }).trim();

/** This working tree (what is tracked or new, not what is ignored) committed as a repository of its own: its revision. */
function snapshotOfThisRepository(dir: string): string {
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(dir, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // deleted but not yet committed
    }
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'snapshot');
  return git(dir, 'rev-parse', 'HEAD');
}

describeWith('pre-commit', 'the pre-commit hook', () => {
  const base = mkdtempSync(join(tmpdir(), 'opg-pre-commit-'));
  const hookRepo = join(base, 'hook');
  const user = join(base, 'user');
  const env = { ...process.env, PRE_COMMIT_HOME: join(base, 'cache'), NO_COLOR: '1' };
  let rev: string;

  const configure = (args?: string[]): void => {
    const hook = args ? `      - id: okta-push-guard\n        args: ${JSON.stringify(args)}\n` : '      - id: okta-push-guard\n';
    writeFileSync(join(user, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n${hook}`);
  };
  const preCommit = (...args: string[]) => spawnSync('pre-commit', ['run', '--verbose', '--color', 'never', ...args], { cwd: user, env, encoding: 'utf8' });

  beforeAll(() => {
    mkdirSync(hookRepo);
    rev = snapshotOfThisRepository(hookRepo);
    // The user's repository: a clean configuration under infra/ (its production variables orphan the
    // mappings) and a stack whose provisioning is already off while its mappings remain.
    const code = readFileSync(join(ROOT, 'fixtures/tf-var-file-orphan/main.tf'), 'utf8');
    mkdirSync(join(user, 'infra'), { recursive: true });
    mkdirSync(join(user, 'stacks/legacy'), { recursive: true });
    writeFileSync(join(user, 'infra/main.tf'), code);
    writeFileSync(join(user, 'infra/prod.tfvars'), 'wiki_provisioning = "deactivate"\n');
    writeFileSync(join(user, 'stacks/legacy/main.tf'), code.replace('default = "activate"', 'default = "deactivate"'));
    git(user, 'init', '-q');
    configure();
    git(user, 'add', '-A');
    // The first run installs the hook's environment from the repository (npm install, pack, install -g).
    const install = preCommit('--files', 'infra/main.tf');
    if (install.status !== 0) throw new Error(`pre-commit could not install or run the hook:\n${install.stdout}\n${install.stderr}`);
  }, 300_000);

  it('by default lints the folder of each changed file, one configuration per folder', () => {
    const result = preCommit('--all-files');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('okta-push-guard....');
    expect(result.stdout).toContain('stacks/legacy (config)\n  error    OPG001  okta_push_group.wiki_eng  stacks/legacy/main.tf:41:1');
    expect(result.stdout).toContain('Read 2 inputs:\n  infra (config): 1 app, 1 connection, 0 features, 2 push mappings\n  stacks/legacy (config)');
  }, 60_000);

  it('lints only the folders of the files that changed', () => {
    const result = preCommit('--files', 'infra/main.tf');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Read 1 input:\n  infra (config)');
    expect(result.stdout).not.toContain('stacks/legacy');
  }, 60_000);

  it('lints the folders given in args (with their options), whatever file changed', () => {
    configure(['infra', '--var-file', 'infra/prod.tfvars']);
    const result = preCommit('--files', 'stacks/legacy/main.tf');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('infra (config)\n  error    OPG001  okta_push_group.wiki_eng  infra/main.tf:41:1');
    expect(result.stdout).toContain('Read 1 input:\n  infra (config)');
    expect(result.stdout).not.toContain('stacks/legacy (config)');
  }, 60_000);

  it('fails, never passes, when a folder given in args does not exist', () => {
    configure(['infar']);
    const result = preCommit('--files', 'infra/main.tf');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('okta-push-guard: error: infar: no such file or directory');
    expect(result.stdout).toContain('- exit code: 2');
  }, 60_000);
});
