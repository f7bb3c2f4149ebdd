// Number literals Terraform reads that the HCL grammar has gaps for (an exponent without a fraction)
// are read as Terraform reads them, never refused as a syntax error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '../../src/core/lint';
import { loadConfiguration } from '../../src/loaders/hcl/load-configuration';

function folder(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'opg-numbers-'));
  writeFileSync(join(dir, 'main.tf'), code);
  return dir;
}

describe('number literals', () => {
  it.each([
    ['1e3', 1000],
    ['1E3', 1000],
    ['2e+2', 200],
    ['5e-1', 0.5],
    ['1.5e1', 15],
    ['12', 12],
  ])('%s is %d', async (literal, value) => {
    const dir = folder(`resource "okta_push_group" "p" {\n  app_id = ${literal}\n  tuple  = [${literal}, ${literal}]\n  text   = "${literal} stays text"\n}\n`);
    const inventory = await loadConfiguration(dir, { cwd: dir, assignments: [], env: {} });
    expect(inventory.resources[0]!.after).toMatchObject({ app_id: value, tuple: [value, value], text: `${literal} stays text` });
  });

  it('count = 1e3 makes a thousand instances, on the lines they are declared', async () => {
    const dir = folder('# a comment about 1e3\nresource "okta_push_group" "p" {\n  count           = 1e3\n  app_id          = "0oa1"\n  source_group_id = "g"\n}\n');
    const report = await lint(['.'], { cwd: dir, config: false });
    expect(report.inputs[0]!.resources.mappings).toBe(1000);
    const inventory = await loadConfiguration(dir, { cwd: dir, assignments: [], env: {} });
    expect(inventory.resources[999]!.location).toMatchObject({ line: 2, column: 1 });
  });

  it('a real syntax error next to one is still reported where it is', async () => {
    const dir = folder('locals {\n  a = 1e3\n  b = = 2\n}\n');
    await expect(loadConfiguration(dir, { cwd: dir, assignments: [], env: {} })).rejects.toThrow(/main\.tf:3:\d+: syntax error/);
  });
});
