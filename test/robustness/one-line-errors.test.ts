// Every error is one line, whatever a file name, a key path or an address holds: line breaks, U+2028
// and U+2029 (line separators to JavaScript and many log viewers) and other control characters are
// escaped, and what an error quotes is bounded.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { LoadError, oneLine, quoted } from '../../src/inputs/load-error';
import { captureIo } from '../support/io';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opg-one-line-'));
});

async function errorOf(...args: string[]): Promise<string> {
  const io = captureIo({ cwd: dir });
  expect(await main(['lint', ...args], io)).toBe(2);
  expect(io.out()).toBe('');
  return io.err();
}

function expectOneLine(err: string): void {
  expect(err.endsWith('\n')).toBe(true);
  expect(err.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
}

describe('one-line errors', () => {
  it('escapes a line break in a file name', async () => {
    writeFileSync(join(dir, 'a\nb\u2028c.json'), '{');
    const err = await errorOf('a\nb\u2028c.json', '--no-config');
    expectOneLine(err);
    expect(err).toBe('okta-push-guard: error: a\\nb\\u2028c.json: truncated JSON: the input ends before the document is complete (line 1)\n');
  });

  it('escapes line breaks in the key paths of a configuration file', async () => {
    writeFileSync(join(dir, 'plan.json'), '{}');
    writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ rules: { 'OPG001\nx\u2029': 'error' }, 'a\u2028b': 1 }));
    const err = await errorOf('plan.json', '--config', 'cfg.json');
    expectOneLine(err);
    expect(err).toMatch(/^okta-push-guard: error: cfg\.json: invalid configuration: /);
  });

  it('escapes line breaks in a Terraform JSON label and an address in a plan', async () => {
    mkdirSync(join(dir, 'tj'));
    writeFileSync(join(dir, 'tj', 'main.tf.json'), JSON.stringify({ resource: { 'okta\u2028push': { x: {} } } }));
    const tfJson = await errorOf('tj', '--no-config');
    expectOneLine(tfJson);
    expect(tfJson).toContain('invalid resource type "okta\\u2028push"');
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ format_version: '1.2', resource_changes: [{ address: 'okta_push_group.a\nb', type: 'okta_push_group', name: 'a\nb', change: { actions: ['create'], before: null, after: {} } }] }));
    expectOneLine(await errorOf('plan.json', '--no-config'));
  });

  it('escapes a line break in a .tf file name given as the variable file', async () => {
    mkdirSync(join(dir, 'code'));
    writeFileSync(join(dir, 'code', 'main.tf'), 'variable "x" {}\n');
    const err = await errorOf('code', '--no-config', '--var-file', 'no\nsuch.tfvars');
    expectOneLine(err);
    expect(err).toBe('okta-push-guard: error: no\\nsuch.tfvars: no such variable file\n');
  });
});

describe('what errors quote', () => {
  it('escapes control characters and lone surrogates, and keeps other text as it is', () => {
    expect(oneLine('a\tb\u0000c\u007f\u0085d\ud800e é 😀')).toBe('a\\tb\\u0000c\\u007f\\u0085d\\ud800e é 😀');
  });

  it('is bounded', () => {
    expect(quoted('x'.repeat(1000))).toBe(`"${'x'.repeat(80)}…"`);
    const error = new LoadError('bad-shape', 'f'.repeat(10_000), 'd'.repeat(1 << 20));
    expect(error.message.length).toBeLessThan(1000);
  });
});
