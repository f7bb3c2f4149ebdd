// Golden outputs of every format for one run over a plan and a .tf configuration.
// After an intended change: UPDATE_GOLDEN=1 npx jest test/reporters/golden, then review the diff.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATS } from '../../src/reporters';
import { TOOL_VERSION } from '../../src/package-info';
import { render } from '../support/reports';

const GOLDEN = join(__dirname, '..', 'golden');
const EXTENSION: Record<string, string> = { text: 'txt', json: 'json', sarif: 'sarif', github: 'github.txt', gitlab: 'gitlab.json', junit: 'xml', markdown: 'md' };

describe('golden outputs', () => {
  it.each([...FORMATS])('%s', async (format) => {
    const { out } = await render(format, ['shutdown-same-plan/plan.json', 'tf-conditional-action', 'safe-mapping-removal/plan.json']);
    // The version changes with every release; the rest must not change by accident.
    const stable = out.split(TOOL_VERSION).join('<version>');
    const file = join(GOLDEN, `report.${EXTENSION[format]}`);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, stable);
    expect(existsSync(file)).toBe(true);
    expect(stable).toBe(readFileSync(file, 'utf8'));
  });
});
