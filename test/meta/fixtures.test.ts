// Each fixture's README states its expected findings; the tool must produce exactly those.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, lintFixture, pairs } from '../support/fixtures';

function expectedFindings(readme: string): string[] {
  const section = readme.split(/^## Expected findings\s*$/m)[1];
  if (section === undefined) throw new Error('README has no "## Expected findings" section');
  const body = section.split(/^## /m)[0]!;
  if (/^None\.\s*$/m.test(body)) return [];
  return body
    .split('\n')
    .map((line) => /^\|\s*(OPG\d{3})\s*\|\s*`?([^|`]+?)`?\s*\|/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`)
    .sort();
}

// bad-tf (configurations that must fail) and regressions have tests of their own.
const fixtures = readdirSync(FIXTURES).filter((d) => !d.startsWith('.') && d !== 'bad-tf' && d !== 'regressions');

describe.each(fixtures)('fixture %s', (dir) => {
  const readme = readFileSync(join(FIXTURES, dir, 'README.md'), 'utf8');
  const files = readdirSync(join(FIXTURES, dir));
  const documents = files.filter((f) => /\.(json|tfstate)$/.test(f) && !f.endsWith('.tf.json'));
  // A folder of only .tf code is itself the input; where a plan sits beside its sources, the README describes the plan.
  const inputs = documents.length > 0 ? documents : files.some((f) => /\.tf(\.json)?$/.test(f)) ? ['.'] : [];

  it('has inputs and a README that names its scenario', () => {
    expect(inputs.length).toBeGreaterThan(0);
    expect(readme).toMatch(/^# /);
  });

  it.each(inputs)('%s gives exactly the findings its README lists', async (input) => {
    const path = input === '.' ? dir : join(dir, input);
    const report = await lintFixture(path);
    expect(pairs(report.findings.filter((f) => f.input === path && !f.suppressed))).toEqual(expectedFindings(readme));
  });
});
