// Every rule has a doc page, a test file, a name equal to its file name, and a row in the README.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../rules';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('rule registry', () => {
  it('lists every rule module, sorted by id, with unique ids and names', () => {
    const modules = readdirSync(join(root, 'rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(rules.map((r) => r.meta.name).sort()).toEqual(modules);
    const ids = rules.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(rules.map((r) => [r.meta.id, r] as const))('%s', (_id, rule) => {
    const { meta } = rule;

    it('has a doc page with Example, Why and How to fix', () => {
      const doc = readFileSync(join(root, 'rules', `${meta.name}.md`), 'utf8');
      expect(doc).toMatch(new RegExp(`^# ${meta.name} \\(${meta.id}\\)`));
      for (const section of ['## Example', '## Why', '## How to fix']) expect(doc).toContain(section);
    });

    it('has a test file named after it', () => {
      expect(existsSync(join(root, 'test', 'rules', `${meta.name}.test.ts`))).toBe(true);
    });

    it('describes itself with Disallow, Require or Enforce, and gives numbered remediation steps', () => {
      expect(meta.description).toMatch(/^(Disallow|Require|Enforce) /);
      expect(meta.remediation).toMatch(/^1\. /);
      expect(meta.rationale.length).toBeGreaterThan(80);
    });

    it('appears in the README rule table with its default severity', () => {
      expect(readme).toContain(`| ${meta.id} | \`${meta.name}\` | ${meta.severity} |`);
    });

    it('names its message placeholders consistently', () => {
      for (const template of Object.values<string>(meta.messages)) expect(template.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[{}]/);
    });
  });
});

describe('rendered findings', () => {
  it('leave no placeholder unfilled on any fixture', async () => {
    const { lint } = await import('../../src/core/lint');
    const fixtures = join(root, 'fixtures');
    const inputs = readdirSync(fixtures).filter((d) => !['bad-tf', 'regressions'].includes(d));
    const report = await lint(inputs, { cwd: fixtures, env: {}, config: false });
    expect(report.findings.length).toBeGreaterThan(50);
    for (const f of report.findings) {
      expect(f.message).not.toMatch(/\{\{|\}\}/);
      expect(f.remediation).not.toMatch(/\{\{|\}\}/);
    }
  });
});
