// The fuzz harness (npm run fuzz): its checks tell each kind of failure, its mutants plant the secret
// where the tool must keep it secret, and a short run over the fixtures passes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintDocument } from '../support/fixtures';

// Plain JavaScript modules of the harness (scripts/fuzz), as it runs them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { problem } = require('../../scripts/fuzz/checks.js') as { problem: (job: object, result: object) => string | undefined };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mutate = require('../../scripts/fuzz/mutate.js') as {
  SECRET: string;
  random: (seed: number) => unknown;
  mutateJson: (r: unknown, doc: unknown) => unknown;
  plantSecretJson: (doc: unknown) => boolean;
};

const ROOT = join(__dirname, '..', '..');
const clean = { code: 1, out: 'findings', err: '', changed: [], written: { 'report.out': '{}' } };

describe('the fuzz checks', () => {
  it.each([
    ['an internal error', { ...clean, code: 2, err: 'okta-push-guard: internal error: x (please report it)\n' }, /^internal error/],
    ['an exception', { ...clean, thrown: 'TypeError: x' }, /^threw/],
    ['an exit code that is neither 0, 1 nor 2', { ...clean, code: 3 }, /^exit code 3/],
    ['a changed input', { ...clean, changed: ['plan.json'] }, /^changed its input plan\.json/],
    ['an error of two lines', { ...clean, code: 2, err: 'okta-push-guard: error: a\nb\n' }, /^an error of 2 lines/],
    ['the secret in a written file', { ...clean, written: { 'report.out': `x ${mutate.SECRET} x` } }, /planted secret/],
    ['the secret on stderr', { ...clean, err: mutate.SECRET }, /planted secret/],
  ])('tell %s', (_name, result, why) => {
    expect(problem({ planted: true }, result)).toMatch(why);
  });

  it('pass a clean run, and a secret that was not planted where it must stay secret', () => {
    expect(problem({ planted: true }, clean)).toBeUndefined();
    expect(problem({ planted: false }, { ...clean, out: mutate.SECRET })).toBeUndefined();
  });
});

describe('the planted secret', () => {
  it('is a secret to the tool in a plan and a tfstate, and shown as (sensitive value) in the address', async () => {
    for (const [name, doc] of [
      ['plan.json', { format_version: '1.2', resource_changes: [] }],
      ['terraform.tfstate', { version: 4, serial: 1, lineage: 'l', resources: [] }],
    ] as const) {
      expect(mutate.plantSecretJson(doc)).toBe(true);
      const report = await lintDocument(doc, name);
      expect(JSON.stringify(report)).not.toContain(mutate.SECRET);
      expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toContain('OPG001 okta_push_group.fuzz_secret["(sensitive value)"]');
    }
  });

  it('stays secret when planted after mutations of the rest of the document', async () => {
    const r = mutate.random(3);
    let judged = 0;
    for (let n = 0; n < 20; n++) {
      let mutated: unknown = { format_version: '1.2', resource_changes: [{ address: 'okta_group.g', mode: 'managed', type: 'okta_group', name: 'g', change: { actions: ['no-op'], before: {}, after: {} } }] };
      for (let i = 0; i < 3; i++) mutated = mutate.mutateJson(r, mutated);
      if (!mutate.plantSecretJson(mutated)) continue;
      const report = await lintDocument(mutated).catch((error: Error) => ({ error: error.message }));
      expect(JSON.stringify(report)).not.toContain(mutate.SECRET);
      if (!('error' in report)) judged++;
    }
    expect(judged).toBeGreaterThan(0);
  });
});

describe('npm run fuzz', () => {
  it('passes a short run over the fixtures, and says how many inputs passed', () => {
    const out = mkdtempSync(join(tmpdir(), 'opg-fuzz-out-'));
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/fuzz/run.js'), '--seconds', '4', '--seed', '5', '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, OKTA_PUSH_GUARD_CORPUS: '/nonexistent' } });
    expect(run.stdout).toMatch(/^fuzz: seed 5, \d+ documents and \d+ configurations as seeds, 4 s$/m);
    expect(run.stdout).toMatch(/^fuzz: [1-9]\d* passed, 0 failed$/m);
    expect(run.status).toBe(0);
  }, 60_000);

  it('refuses an unknown argument', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/fuzz/run.js'), '--minutes', '1'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^fuzz: unknown argument --minutes\n/);
  });
});
