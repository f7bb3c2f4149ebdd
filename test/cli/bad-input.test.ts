// Every kind of unreadable input: exit 2, one line on stderr naming the file and the problem, no stack.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';

const dir = mkdtempSync(join(tmpdir(), 'opg-bad-'));
const basePlan = JSON.parse(readFileSync(join(FIXTURES, 'orphan-after-deactivate/plan.json'), 'utf8')) as Record<string, unknown>;

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function run(...paths: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ cwd: dir });
  const code = await main(['lint', ...paths], io);
  return { code, out: io.out(), err: io.err() };
}

const cases: [string, () => string, RegExp][] = [
  ['a missing file', () => 'missing.json', /^okta-push-guard: error: missing\.json: no such file or directory$/],
  ['an empty file', () => write('empty.json', ''), /empty\.json: the file is empty$/],
  ['a truncated plan', () => write('truncated.json', JSON.stringify(basePlan).slice(0, 500)), /truncated\.json: truncated JSON/],
  ['invalid JSON', () => write('invalid.json', '{"format_version": "1.2",, }'), /invalid\.json: invalid JSON at line 1, column 26/],
  ['JSON that is not Terraform', () => write('package.json', '{"name":"x","version":"1.0.0"}'), /package\.json: not a Terraform plan or state/],
  ['a binary plan file', () => write('tfplan', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)])), /tfplan: this is a binary Terraform plan file; convert it first with `terraform show -json tfplan > plan\.json`/],
  ['plan format_version 2.0', () => write('v2.json', JSON.stringify({ ...basePlan, format_version: '2.0' })), /v2\.json: unsupported plan format_version 2\.0; okta-push-guard reads format_version 0\.1 to 1\.x$/],
  ['state format_version 3.1', () => write('state-v3.json', JSON.stringify({ format_version: '3.1', values: {} })), /unsupported state format_version 3\.1/],
  ['raw tfstate version 3', () => write('old.tfstate', JSON.stringify({ version: 3, serial: 1, lineage: 'x', modules: [] })), /old\.tfstate: raw tfstate version 3 is not supported/],
  ['resource_changes that is not an array', () => write('shape.json', JSON.stringify({ ...basePlan, resource_changes: {} })), /shape\.json: malformed plan JSON: resource_changes must be an array \(found an object\)$/],
  ['a change without actions', () => write('actions.json', JSON.stringify({ format_version: '1.2', resource_changes: [{ address: 'okta_push_group.x', type: 'okta_push_group', name: 'x', change: {} }] })), /actions\.json: malformed plan JSON: resource_changes\[0\]\.change\.actions is missing \(expected an array\)$/],
  ['a tfstate whose resources are a string', () => write('res.tfstate', JSON.stringify({ version: 4, serial: 1, lineage: 'x', resources: 'none' })), /res\.tfstate: malformed terraform\.tfstate: resources must be an array/],
  ['a folder with nothing to lint', () => { mkdirSync(join(dir, 'nothing'), { recursive: true }); write('nothing/notes.txt', 'hi'); return 'nothing'; }, /nothing: no Terraform configuration \(\*\.tf, \*\.tf\.json\), plan or state \(\*\.json, \*\.tfstate\) here/],
  ['a folder of unrelated JSON', () => { mkdirSync(join(dir, 'unrelated'), { recursive: true }); write('unrelated/package.json', '{"name":"x"}'); return 'unrelated'; }, /unrelated: no Terraform plan or state found/],
];

describe('bad input', () => {
  it.each(cases)('%s', async (_name, make, message) => {
    const result = await run(make());
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    const lines = result.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^okta-push-guard: error: /);
    expect(lines[0]).toMatch(message);
    expect(result.err).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('analyses nothing when one of several inputs is bad', async () => {
    const good = join(FIXTURES, 'orphan-after-deactivate/plan.json');
    const result = await run(good, write('bad.json', '{'));
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain('bad.json');
  });

  it('does not skip a truncated plan found in a folder', async () => {
    mkdirSync(join(dir, 'mixed'), { recursive: true });
    write('mixed/plan.json', JSON.stringify(basePlan).slice(0, 300));
    write('mixed/tsconfig.json', '{ // comments are fine here\n}');
    const result = await run('mixed');
    expect(result.code).toBe(2);
    expect(result.err).toContain(join('mixed', 'plan.json'));
  });

  it('rejects unknown options as a usage error', async () => {
    const io = captureIo();
    expect(await main(['lint', '--fail-on', 'sometimes'], io)).toBe(2);
    expect(io.err()).toMatch(/^okta-push-guard: error: .*fail-on/);
  });
});
