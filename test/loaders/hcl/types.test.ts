// Variable type conversion with optional() defaults, table-driven; where terraform is installed the
// known results are checked against the values `terraform console` gives for the same variables.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, safe, type Scope } from '../../../src/loaders/hcl/evaluate';
import { parseHcl } from '../../../src/loaders/hcl/parser';
import { convert } from '../../../src/loaders/hcl/types';
import { SensitiveValue, UnknownValue, type Value } from '../../../src/model/value';
import { describeWith } from '../../support/outside';

const NO_NAMES: Scope = { root: () => undefined };

/** [type, value, converted value or 'unknown']. */
const TABLE: [string, string, Value | 'unknown'][] = [
  ['string', '12', '12'],
  ['number', '"5"', 5],
  ['bool', '"true"', true],
  ['list(string)', '[1, true, "a"]', ['1', 'true', 'a']],
  ['set(string)', '["b", "a", "b"]', ['a', 'b']],
  ['map(number)', '{ a = "1" }', { a: 1 }],
  ['tuple([string, number])', '[1, "2"]', ['1', 2]],
  ['any', '{ a = [1] }', { a: [1] }],
  ['list(any)', '[1, "a", true]', ['1', 'a', 'true']],
  ['map(any)', '{ a = "x", b = "y" }', { a: 'x', b: 'y' }],
  ['object({ a = string })', '{ a = "x", extra = 1 }', { a: 'x' }],
  ['object({ a = optional(string) })', '{}', { a: null }],
  ['object({ a = optional(string, "d") })', '{}', { a: 'd' }],
  ['object({ a = optional(string, "d") })', '{ a = null }', { a: 'd' }],
  ['object({ a = optional(string, "d") })', '{ a = "given" }', { a: 'given' }],
  ['object({ n = optional(number, 1) })', '{ n = "7" }', { n: 7 }],
  [
    'map(object({ x = optional(string, "d"), y = optional(number), z = optional(list(string), []) }))',
    '{ k = { x = null, extra = 1 }, j = { y = "5", z = ["a", 1] } }',
    { j: { x: 'd', y: 5, z: ['a', '1'] }, k: { x: 'd', y: null, z: [] } },
  ],
  ['object({ o = optional(object({ n = optional(string, "inner") }), {}) })', '{}', { o: { n: 'inner' } }],
  ['list(object({ name = string, action = optional(string, "deactivate") }))', '[{ name = "a" }, { name = "b", action = "activate" }]', [{ name: 'a', action: 'deactivate' }, { name: 'b', action: 'activate' }]],
  ['object({ a = string })', 'null', null],
  // Terraform refuses these values; this tool calls them unknown rather than guessing.
  ['object({ a = string })', '{}', 'unknown'],
  ['number', '"five"', 'unknown'],
  ['list(string)', '{ a = 1 }', 'unknown'],
  ['list(string)', '[[1]]', 'unknown'],
  ['tuple([string])', '["a", "b"]', 'unknown'],
  // Terraform unifies these into maps; this tool does not attempt it.
  ['map(any)', '{ a = { p = 1 }, b = { q = 2 } }', 'unknown'],
];

async function expr(text: string) {
  const body = await parseHcl(`x = ${text}\n`, 'test.tf');
  return body.attributes.get('x')!.expr;
}

const constant = (e: Parameters<typeof evaluate>[0]): Value => safe(() => evaluate(e, NO_NAMES));

describe('variable type conversion', () => {
  it.each(TABLE)('%s of %s is %j', async (type, value, expected) => {
    const got = convert(evaluate(await expr(value), NO_NAMES), await expr(type), constant);
    if (expected === 'unknown') expect(got).toBeInstanceOf(UnknownValue);
    else expect(got).toEqual(expected);
  });

  it('keeps sensitivity', async () => {
    const got = convert(new SensitiveValue({ a: 1 }), await expr('object({ a = string, b = optional(string, "d") })'), constant);
    expect(got).toEqual(new SensitiveValue({ a: '1', b: 'd' }));
  });

  it('reads the constraint of Terraform JSON, a string', async () => {
    expect(convert({}, { kind: 'literal', value: 'object({ a = optional(string, "d") })' }, constant)).toEqual({ a: 'd' });
  });
});

describeWith('terraform', 'variable type conversion agrees with terraform console', () => {
  it('gives the values Terraform gives', () => {
    const known = TABLE.filter(([, , v]) => v !== 'unknown');
    const dir = mkdtempSync(join(tmpdir(), 'opg-types-'));
    writeFileSync(join(dir, 'main.tf'), known.map(([type, value], i) => `variable "v${i}" {\n  type    = ${type}\n  default = ${value}\n}\n`).join(''));
    const input = `jsonencode([${known.map((_, i) => `jsonencode(var.v${i})`).join(', ')}])\n`;
    const result = spawnSync('terraform', ['console'], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    const line = result.stdout.trim().split('\n').pop() ?? '';
    const got = (JSON.parse(JSON.parse(line) as string) as string[]).map((s) => JSON.parse(s) as unknown);
    const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
    expect(got.map(canon)).toEqual(known.map(([, , v]) => canon(v)));
  });
});
