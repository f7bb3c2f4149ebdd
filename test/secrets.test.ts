// No secret of any input reaches any output: sensitive values, tokens, passwords and sensitive variables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main';
import { parseJsonBytes } from '../src/inputs/read-json';
import { FORMATS } from '../src/reporters';
import { changeOf, fixturePath, FIXTURES, lintDocument, readFixture } from './support/fixtures';
import { captureIo } from './support/io';

/** Every input of every fixture: plan and state files, and the folders of .tf code. */
const inputs = readdirSync(FIXTURES)
  .filter((dir) => dir !== 'bad-tf')
  .flatMap((dir) => {
    const files = readdirSync(join(FIXTURES, dir));
    const documents = files.filter((f) => /\.(json|tfstate)$/.test(f)).map((f) => join(dir, f));
    return files.some((f) => f.endsWith('.tf')) ? [...documents, dir] : documents;
  });

/** The secrets planted in the fixtures, as their READMEs describe. */
const SECRETS = ['tok-SECRET-7Hq2Lp9Zx4Vb', 'pw-SECRET-Rt5Yu8Io', 'tok-STATE-Qw3Er5Ty7U', 'tok-PLAN-ExtLit-Hn3Kd8Wq', 'tok-PLAN-Wiki-Rf6Tg2Yh', 'example-not-a-real-token', 'wiki-scim-literal-7Kq2'];

describe('secrets', () => {
  it('the fixtures really hold the planted secrets', () => {
    const read = (f: string): string => (f.includes('.') ? readFileSync(fixturePath(f), 'utf8') : readFileSync(fixturePath(join(f, 'main.tf')), 'utf8'));
    const all = inputs.filter((f) => !f.includes('.') ? require('node:fs').existsSync(fixturePath(join(f, 'main.tf'))) : true).map(read).join('\n');
    for (const secret of SECRETS) expect(all).toContain(secret);
  });

  it.each(FORMATS.flatMap((format) => inputs.map((input) => [format, input] as const)))('%s output of %s holds none', async (format, input) => {
    const io = captureIo({ cwd: FIXTURES });
    // Findings or not, the input was read: a refused input would prove nothing.
    expect([0, 1]).toContain(await main(['lint', input, '--format', format, '--no-config'], io));
    for (const secret of SECRETS) {
      expect(io.out()).not.toContain(secret);
      expect(io.err()).not.toContain(secret);
    }
  });

  it('keeps a sensitive value out of a message even where a rule would print it', async () => {
    // An app id that comes from a sensitive variable is sensitive too: the app is then not named by it.
    const plan = readFixture('external-app-literal-id/plan.json');
    for (const address of ['okta_push_group.legacy_eng', 'okta_app_connection.legacy']) {
      const change = changeOf(plan, address).change;
      const key = address.startsWith('okta_push_group') ? 'app_id' : 'id';
      change.before_sensitive = { ...(change.before_sensitive as object), [key]: true };
      change.after_sensitive = { ...(change.after_sensitive as object), [key]: true };
    }
    const report = await lintDocument(plan);
    const text = JSON.stringify(report);
    expect(report.findings.map((f) => f.ruleId)).toContain('OPG001');
    expect(text).not.toContain('0oa1legacyExtApp0001');
  });

  it('keeps JSON error messages free of the surrounding text', () => {
    const broken = readFileSync(fixturePath('sensitive-values/plan.json'), 'utf8').replace('"tok-SECRET-7Hq2Lp9Zx4Vb"', '"tok-SECRET-7Hq2Lp9Zx4Vb" x');
    const result = parseJsonBytes(Buffer.from(broken), 'plan.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).not.toContain('SECRET');
  });
});
