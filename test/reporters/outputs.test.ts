// Several reports from one run, every file written atomically.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';

describe('several outputs', () => {
  it('prints text and writes SARIF, JUnit and Markdown from one lint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-multi-'));
    const io = captureIo({ cwd: FIXTURES });
    const code = await main(
      ['lint', 'orphan-after-deactivate/plan.json', '--report', `sarif:${join(dir, 'r.sarif')}`, '--report', `junit:${join(dir, 'r.xml')}`, '--report', `markdown:${join(dir, 'r.md')}`],
      io,
    );
    expect(code).toBe(1);
    expect(io.out()).toContain('error    OPG001  okta_push_group.eng');
    expect(readdirSync(dir).sort()).toEqual(['r.md', 'r.sarif', 'r.xml']);
    expect(JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8')).runs[0].results).toHaveLength(2);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('failures="2"');
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('**Blocked:** 2 errors');
  });

  it('refuses a malformed --report before linting', async () => {
    const io = captureIo({ cwd: FIXTURES });
    expect(await main(['lint', 'orphan-after-deactivate/plan.json', '--report', 'pdf:x.pdf'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: --report pdf:x.pdf: expected FORMAT:FILE with FORMAT one of text, json, sarif, github, gitlab, junit, markdown\n');
    expect(io.out()).toBe('');
  });
});
