// The release procedure (`npm run release`, RELEASING.md) and what it makes, used the way users use it:
// the release commit and its tags, the tarball, a git install of the tag, and the GitHub Action run
// from the tag and from a branch, step by step as a runner runs it, on the files GitHub would serve.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as Sarif from 'sarif';
import { runAction, type ActionRun } from '../support/action-runner';
import { expectFailedSarif } from '../support/failure';
import { describeWith } from '../support/outside';
import { freshProject, ROOT } from '../support/packed';
import { archive, git, release, sourceRepo } from '../support/release';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string>; engines: { node: string } };
const VERSION = pkg.version;
const [major, minor] = VERSION.split('.').map(Number) as [number, number];
const NEXT = `${major}.${minor + 1}.0`;
const MAJOR_TAG = `v${major}`;
/** The CLI's bundle (scripts/bundle-cli.js): its entry and the parts it loads on demand, in git's order. */
const CLI_PARTS = ['dist/cli-hcl.js', 'dist/cli-help.js', 'dist/cli-lint.js', 'dist/cli-more.js', 'dist/cli-org.js', 'dist/cli-tf.js', 'dist/cli.js'];
/** What the bundled packages need beside them (scripts/bundle-packages.js): the licences of what is bundled, yargs' message catalogues, web-tree-sitter's runtime. */
const BESIDE_CLI = ['dist/THIRD-PARTY-NOTICES.txt', 'dist/yargs/locales/en.json', 'dist/web-tree-sitter/tree-sitter.wasm'];
/** The CDK doors' bundles (scripts/bundle-doors.js), which the package's exports name. */
const DOOR_BUNDLES = ['dist/cdktf.js', 'dist/cdktn.js'];
/** Issue 9: what the Action may install, everything in its folder included. */
const MAX_INSTALLED_KIB = 60 * 1024;

function diskUsageKib(dir: string): number {
  return Number(spawnSync('du', ['-sk', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
}

const commitOf = (repo: string, ref: string): string => git(repo, ['rev-parse', `${ref}^{commit}`]);
const fileAt = (repo: string, ref: string, path: string): string => git(repo, ['show', `${ref}:${path}`]);
const filesAt = (repo: string, ref: string, under: string): string[] => git(repo, ['ls-tree', '-r', '--name-only', ref, '--', under]).split('\n').filter(Boolean);

/** A workspace like a checked-out repository: a plan with findings and its sources, a clean plan, a broken one. */
function workspace(): { dir: string; summary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'opg-workspace-'));
  cpSync(join(ROOT, 'fixtures', 'orphan-after-deactivate'), join(dir, 'infra'), { recursive: true });
  copyFileSync(join(ROOT, 'fixtures', 'safe-mapping-removal', 'plan.json'), join(dir, 'clean.json'));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ format_version: '1.2', resource_changes: [] }).slice(0, 20));
  const summary = join(mkdtempSync(join(tmpdir(), 'opg-summary-')), 'step_summary.md');
  writeFileSync(summary, '');
  return { dir, summary };
}

/** A SARIF file from a clean earlier run, which must never survive into this run. */
const STALE_SARIF = `${JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'okta-push-guard' } }, results: [] }] })}\n`;

describeWith('git', 'releasing', () => {
  let repo: string;
  let sourceCommit: string;
  let first: { status: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    repo = sourceRepo();
    first = release(repo, [VERSION, '--date=2030-01-02']);
    sourceCommit = commitOf(repo, 'main');
  }, 300_000);

  // The large folders this file makes (a repository, installed action folders, a project).
  const made: string[] = [];
  afterAll(() => {
    for (const dir of [repo, ...made]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('npm run release', () => {
    it('succeeds and says what to push, pushing nothing itself', () => {
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toContain(`git push origin main v${VERSION}\n`);
      expect(first.stdout).toContain(`git push --force origin ${MAJOR_TAG}\n`);
      expect(git(repo, ['remote'])).toBe('');
    });

    it('commits the release on the branch and tags a child commit that adds the compiled code', () => {
      expect(git(repo, ['log', '-1', '--format=%s', 'main'])).toBe(`Release ${VERSION}`);
      const tagged = commitOf(repo, `v${VERSION}`);
      expect(commitOf(repo, MAJOR_TAG)).toBe(tagged);
      expect(git(repo, ['rev-parse', `${tagged}^`])).toBe(sourceCommit);
      expect(git(repo, ['cat-file', '-t', `v${VERSION}`])).toBe('tag');
      expect(filesAt(repo, 'main', 'dist')).toEqual([]);
      const dist = filesAt(repo, tagged, 'dist');
      expect(dist).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/src/cli/main.js', 'dist/src/index.d.ts', 'dist/rules/index.js']));
      expect(dist.filter((f) => !/^dist\/(src|rules|yargs|web-tree-sitter)\//.test(f))).toEqual(['dist/THIRD-PARTY-NOTICES.txt', ...DOOR_BUNDLES, ...CLI_PARTS]);
      expect(dist).toEqual(expect.arrayContaining(BESIDE_CLI));
      // Nothing else differs but the manifest.
      expect(git(repo, ['diff', '--name-only', sourceCommit, tagged, '--', '.', ':!dist'])).toBe('package.json');
    });

    it('drops the build scripts from the tagged manifest, so that installing the tag builds nothing', () => {
      const branch = JSON.parse(fileAt(repo, 'main', 'package.json')) as typeof pkg & { workspaces?: unknown };
      const tagged = JSON.parse(fileAt(repo, `v${VERSION}`, 'package.json')) as typeof pkg & { workspaces?: unknown };
      expect(branch.scripts.prepare).toBe('npm run build');
      const { prepare: _prepare, build: _build, ...rest } = branch.scripts;
      expect(tagged).toEqual({ ...branch, scripts: rest });
      // What makes npm (pacote) install a git dependency's development dependencies before packing it.
      for (const script of ['build', 'prepare', 'prepack', 'preinstall', 'install', 'postinstall']) expect([script, tagged.scripts[script]]).toEqual([script, undefined]);
      expect(tagged.workspaces).toBeUndefined();
    });

    it('moves the changelog\'s Unreleased entries under the version and leaves the work tree clean', () => {
      const changelog = fileAt(repo, 'main', 'CHANGELOG.md');
      expect(changelog).toContain(`## [Unreleased]\n\n## [${VERSION}] - 2030-01-02\n`);
      expect(git(repo, ['status', '--porcelain'])).toBe('');
    });

    it('packs exactly the tagged commit for the GitHub release', () => {
      const tarball = join(repo, `okta-push-guard-${VERSION}.tgz`);
      expect(first.stdout).toContain(`okta-push-guard-${VERSION}.tgz`);
      const listed = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
      expect(listed).toEqual(expect.arrayContaining([...CLI_PARTS.map((f) => `package/${f}`), ...DOOR_BUNDLES.map((f) => `package/${f}`), ...BESIDE_CLI.map((f) => `package/${f}`), 'package/dist/src/cli/main.js', 'package/bin/okta-push-guard.js', 'package/schema/report.schema.json']));
      const manifest = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout;
      expect(JSON.parse(manifest)).toEqual(JSON.parse(fileAt(repo, `v${VERSION}`, 'package.json')));
    });

    it.each([
      ['a released version', () => [VERSION], `the tag v${VERSION} exists already`],
      ['a lower version', () => ['0.0.1'], `0.0.1 is lower than package.json's version ${VERSION}`],
      ['nothing under Unreleased', () => [NEXT], 'CHANGELOG.md lists nothing under "## [Unreleased]"'],
      ['not a version', () => ['1.2'], 'usage: npm run release -- X.Y.Z'],
    ])('refuses %s, changing nothing', (_name, args, message) => {
      const before = git(repo, ['show-ref']);
      const refused = release(repo, args());
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`release: ${message}`);
      expect(git(repo, ['show-ref'])).toBe(before);
      expect(git(repo, ['status', '--porcelain'])).toBe('');
    });

    it('refuses a work tree with uncommitted changes, and a detached HEAD', () => {
      writeFileSync(join(repo, 'README.md'), `${readFileSync(join(repo, 'README.md'), 'utf8')}\nchanged\n`);
      expect(release(repo, [NEXT]).stderr).toContain('release: the work tree has uncommitted changes');
      git(repo, ['checkout', '-q', '--', 'README.md']);
      git(repo, ['checkout', '-q', '--detach']);
      expect(release(repo, [NEXT]).stderr).toContain('release: HEAD is detached');
      git(repo, ['checkout', '-q', 'main']);
    });
  });

  describe('a git install of the release tag', () => {
    it('installs the compiled code without a build, and the bin lints', () => {
      const project = freshProject({ self: `git+file://${repo}#v${VERSION}` });
      made.push(project);
      const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'okta-push-guard', 'package.json'), 'utf8')) as typeof pkg;
      expect(installed.version).toBe(VERSION);
      expect(installed.scripts.prepare).toBeUndefined();
      expect(installed.scripts.build).toBeUndefined();
      copyFileSync(join(ROOT, 'fixtures', 'orphan-after-deactivate', 'plan.json'), join(project, 'plan.json'));
      const result = spawnSync(join(project, 'node_modules', '.bin', 'okta-push-guard'), ['lint', 'plan.json'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('error    OPG001  okta_push_group.eng');
      expect(result.status).toBe(1);
    }, 180_000);
  });

  describe('the GitHub Action at the release tag', () => {
    let action: string;
    let manifest: string;
    let ws: { dir: string; summary: string };
    let findings: ActionRun;
    beforeAll(() => {
      action = archive(repo, `v${VERSION}`);
      made.push(dirname(action));
      manifest = join(action, 'action.yml');
      ws = workspace();
      writeFileSync(join(ws.dir, 'okta-push-guard.sarif'), STALE_SARIF);
      findings = runAction(manifest, { actionPath: action, workspace: ws.dir, summary: ws.summary }, { paths: 'infra/plan.json' });
    }, 180_000);

    it('installs only what runs, at most 60 MB with everything in its folder', () => {
      expect(findings.steps.map((s) => [s.name, s.status])).toEqual([
        ['Check Node.js', 0],
        ['Install okta-push-guard', 0],
        ['Lint', 1],
      ]);
      expect(findings.stdout).not.toContain('is not a release');
      for (const dev of ['typescript', 'jest', 'cdktf', '@swc/core']) expect([dev, existsSync(join(action, 'node_modules', dev))]).toEqual([dev, false]);
      expect(existsSync(join(action, 'node_modules', 'yargs'))).toBe(true);
      expect(diskUsageKib(action)).toBeLessThanOrEqual(MAX_INSTALLED_KIB);
    });

    it('findings (exit 1): annotations on the .tf lines, the step summary, and SARIF with the results', () => {
      expect(findings.status).toBe(1);
      const annotations = findings.stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(annotations).toEqual([
        expect.stringMatching(/^::error file=infra\/main\.tf,line=49,col=1,title=OPG001 push-mapping-on-disabled-provisioning%3A okta_push_group\.eng::/),
        expect.stringMatching(/^::error file=infra\/main\.tf,line=55,col=1,title=OPG001 push-mapping-on-disabled-provisioning%3A okta_push_group\.ops::/),
      ]);
      const summary = readFileSync(ws.summary, 'utf8');
      expect(summary).toContain('## okta-push-guard\n\n**Blocked:** 2 errors, 0 warnings, 0 notes.');
      const log = JSON.parse(readFileSync(join(ws.dir, 'okta-push-guard.sarif'), 'utf8')) as Sarif.Log;
      expect(log).toBeValidSarifLog();
      expect(log.runs[0]!.results!.map((r) => [r.ruleId, r.locations![0]!.physicalLocation!.artifactLocation!.uri])).toEqual([
        ['OPG001', 'infra/main.tf'],
        ['OPG001', 'infra/main.tf'],
      ]);
      expect(log.runs[0]!.invocations).toBeUndefined();
    });

    it('an unreadable input (exit 2): the error annotated on the file, a Not judged summary, and a failed SARIF run', () => {
      const bad = workspace();
      writeFileSync(join(bad.dir, 'okta-push-guard.sarif'), STALE_SARIF);
      const run = runAction(manifest, { actionPath: action, workspace: bad.dir, summary: bad.summary }, { paths: 'bad.json' });
      expect(run.status).toBe(2);
      const message = 'bad.json: truncated JSON: the input ends before the document is complete (line 1)';
      expect(run.stderr).toContain(`okta-push-guard: error: ${message}\n`);
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([`::error file=bad.json,line=1,title=okta-push-guard%3A an input could not be read::${message}`]);
      expect(readFileSync(bad.summary, 'utf8')).toContain('**Not judged:** an input could not be read');
      expectFailedSarif(readFileSync(join(bad.dir, 'okta-push-guard.sarif'), 'utf8'), { message, file: 'bad.json' });
    }, 120_000);

    it('a clean plan (exit 0): the summary says passed, and SARIF has no results', () => {
      const clean = workspace();
      const run = runAction(manifest, { actionPath: action, workspace: clean.dir, summary: clean.summary }, { paths: 'clean.json', 'fail-on': 'warning' });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('okta-push-guard: 0 errors, 0 warnings, 0 notes in 1 inputs');
      expect(readFileSync(clean.summary, 'utf8')).toContain('**Passed:** no problems found.');
      const log = JSON.parse(readFileSync(join(clean.dir, 'okta-push-guard.sarif'), 'utf8')) as Sarif.Log;
      expect(log).toBeValidSarifLog();
      expect(log.runs[0]!.results).toEqual([]);
      expect(log.runs[0]!.invocations).toBeUndefined();
    }, 120_000);

    it('a SARIF file that cannot be written fails the step with an annotation, not silently', () => {
      const ws2 = workspace();
      const run = runAction(manifest, { actionPath: action, workspace: ws2.dir, summary: ws2.summary }, { paths: 'clean.json', 'sarif-file': 'reports/opg.sarif' });
      expect(run.status).toBe(2);
      const message = 'reports/opg.sarif: cannot write the report (ENOENT)';
      expect(run.stderr).toContain(`okta-push-guard: error: ${message}\n`);
      // The CLI annotates it itself, once; the step summary says the run failed.
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([`::error title=okta-push-guard%3A a report could not be written::${message}`]);
      expect(readFileSync(ws2.summary, 'utf8')).toContain('**Not judged:** a report could not be written');
    }, 120_000);

    it('a usage error the CLI refuses before any report: the Action annotates it and writes the failed SARIF', () => {
      const ws2 = workspace();
      writeFileSync(join(ws2.dir, 'okta-push-guard.sarif'), STALE_SARIF);
      const run = runAction(manifest, { actionPath: action, workspace: ws2.dir, summary: ws2.summary }, { paths: 'clean.json', args: '--bogus' });
      expect(run.status).toBe(2);
      const message = 'Unknown argument: bogus (see okta-push-guard --help)';
      expect(run.stderr).toContain(`okta-push-guard: error: ${message}`);
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([`::error title=okta-push-guard%3A not judged::${message}`]);
      expect(readFileSync(ws2.summary, 'utf8')).toContain('**Not judged:** okta-push-guard could not run');
      expectFailedSarif(readFileSync(join(ws2.dir, 'okta-push-guard.sarif'), 'utf8'), { message });
    }, 120_000);

    describe('checks Node.js before installing anything', () => {
      function fakeNode(version: string): string {
        const bin = mkdtempSync(join(tmpdir(), 'opg-fake-node-'));
        writeFileSync(join(bin, 'node'), `#!/bin/sh\nif [ "$1" = "--version" ]; then echo v${version}; exit 0; fi\nexec "${process.execPath}" "$@"\n`, { mode: 0o755 });
        return bin;
      }

      it('refuses a Node.js older than package.json\'s engines, saying what to do', () => {
        const ws3 = workspace();
        writeFileSync(join(ws3.dir, 'okta-push-guard.sarif'), STALE_SARIF);
        const run = runAction(manifest, { actionPath: action, workspace: ws3.dir, summary: ws3.summary, path: `${fakeNode('18.19.0')}:${process.env.PATH}` }, { paths: 'clean.json' });
        expect(run.steps.map((s) => [s.name, s.status])).toEqual([['Check Node.js', 2]]);
        const message = `okta-push-guard needs Node.js ${pkg.engines.node}, and this runner's node is 18.19.0: add actions/setup-node (node-version: 20 or later) before this step`;
        expect(run.stdout).toBe(`::error title=okta-push-guard%3A not judged::${message}\n`);
        expect(readFileSync(ws3.summary, 'utf8')).toContain(message);
        expectFailedSarif(readFileSync(join(ws3.dir, 'okta-push-guard.sarif'), 'utf8'), { message });
      });

      it('accepts the lowest supported version', () => {
        const lowest = /^>=(\d+\.\d+)$/.exec(pkg.engines.node)![1]!;
        const ws4 = workspace();
        const run = runAction(manifest, { actionPath: action, workspace: ws4.dir, summary: ws4.summary, path: `${fakeNode(`${lowest}.0`)}:${process.env.PATH}` }, { paths: 'clean.json' });
        expect(run.steps[0]).toMatchObject({ name: 'Check Node.js', status: 0, stdout: '' });
      }, 120_000);

      it('refuses a runner without node', () => {
        const bin = mkdtempSync(join(tmpdir(), 'opg-no-node-'));
        for (const tool of ['rm', 'tr', 'sed', 'head', 'cat']) {
          symlinkSync(spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(), join(bin, tool));
        }
        const ws5 = workspace();
        const run = runAction(manifest, { actionPath: action, workspace: ws5.dir, summary: ws5.summary, path: bin }, { paths: 'clean.json' });
        expect(run.steps.map((s) => [s.name, s.status])).toEqual([['Check Node.js', 2]]);
        const message = 'okta-push-guard needs Node.js, and there is no node on PATH: add actions/setup-node (node-version: 20 or later) before this step';
        expect(run.stdout).toBe(`::error title=okta-push-guard%3A not judged::${message}\n`);
        expectFailedSarif(readFileSync(join(ws5.dir, 'okta-push-guard.sarif'), 'utf8'), { message });
      });
    });
  });

  describe('the GitHub Action at a branch, which has no compiled code', () => {
    it('says so, builds from source, prunes the development tooling and lints', () => {
      const action = archive(repo, sourceCommit);
      made.push(dirname(action));
      expect(existsSync(join(action, 'dist'))).toBe(false);
      const ws = workspace();
      const run = runAction(join(action, 'action.yml'), { actionPath: action, workspace: ws.dir, summary: ws.summary }, { paths: 'infra/plan.json' });
      expect(run.steps.map((s) => [s.name, s.status])).toEqual([
        ['Check Node.js', 0],
        ['Install okta-push-guard', 0],
        ['Lint', 1],
      ]);
      expect(run.steps[1]!.stdout).toContain('::notice title=okta-push-guard::This ref is not a release');
      expect(run.stdout).toContain('::error file=infra/main.tf,line=49,col=1,title=OPG001');
      expect(existsSync(join(action, 'node_modules', 'typescript'))).toBe(false);
      expect(diskUsageKib(action)).toBeLessThanOrEqual(MAX_INSTALLED_KIB);
    }, 300_000);
  });

  describe('a later release', () => {
    it('bumps the version on the branch, and moves the major tag to the new release', () => {
      const changelog = readFileSync(join(repo, 'CHANGELOG.md'), 'utf8').replace('## [Unreleased]\n', '## [Unreleased]\n\n- A change.\n');
      writeFileSync(join(repo, 'CHANGELOG.md'), changelog);
      git(repo, ['commit', '-q', '-am', 'A change']);
      const firstTagged = commitOf(repo, `v${VERSION}`);
      const next = release(repo, [NEXT, '--date=2030-02-03']);
      expect(next.stderr).toBe('');
      expect(next.status).toBe(0);
      for (const file of ['package.json', 'package-lock.json']) expect([file, (JSON.parse(fileAt(repo, 'main', file)) as { version: string }).version]).toEqual([file, NEXT]);
      expect(fileAt(repo, 'main', 'CHANGELOG.md')).toContain(`## [Unreleased]\n\n## [${NEXT}] - 2030-02-03\n\n- A change.\n\n## [${VERSION}] - 2030-01-02\n`);
      expect(commitOf(repo, MAJOR_TAG)).toBe(commitOf(repo, `v${NEXT}`));
      expect(commitOf(repo, `v${VERSION}`)).toBe(firstTagged);
      expect((JSON.parse(fileAt(repo, `v${NEXT}`, 'package.json')) as { version: string }).version).toBe(NEXT);
    }, 300_000);
  });
});
