// Built-in functions, table-driven: each expected value is what `terraform console` (1.11) gives, and
// where terraform is installed the same table is checked against it. `unknown` marks what this tool
// leaves undecided on purpose; `error` what Terraform refuses (try() falls back on those).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, type Scope } from '../../../src/loaders/hcl/evaluate';
import { EvalError } from '../../../src/loaders/hcl/errors';
import { SUPPORTED_FUNCTIONS } from '../../../src/loaders/hcl/functions';
import { parseHcl } from '../../../src/loaders/hcl/parser';
import { SensitiveValue, UNKNOWN, UnknownValue, type Value } from '../../../src/model/value';
import { describeWith } from '../../support/outside';

const ERROR = Symbol('error');
type Expected = Value | typeof ERROR | 'unknown';

const NO_NAMES: Scope = { root: () => undefined };

async function run(expression: string, scope: Scope = NO_NAMES): Promise<Value | typeof ERROR> {
  const body = await parseHcl(`x = ${expression}\n`, 'test.tf');
  try {
    return evaluate(body.attributes.get('x')!.expr, scope);
  } catch (error) {
    if (error instanceof EvalError) return ERROR;
    throw error;
  }
}

/** [expression, what Terraform gives]. */
const TABLE: [string, Expected][] = [
  // strings
  ['lower("AbC")', 'abc'],
  ['upper("aBc")', 'ABC'],
  ['title("hello wORLD-foo bar_baz")', 'Hello WORLD-Foo Bar_baz'],
  ['trimspace("  \\t a b \\n")', 'a b'],
  ['trim("?!hello?!", "!?")', 'hello'],
  ['trimprefix("helloworld", "hello")', 'world'],
  ['trimprefix("helloworld", "x")', 'helloworld'],
  ['trimsuffix("helloworld", "world")', 'hello'],
  ['chomp("a\\r\\n\\n")', 'a'],
  ['chomp("a\\nb\\n")', 'a\nb'],
  ['substr("hello world", 1, 4)', 'ello'],
  ['substr("héllo", 1, -1)', 'éllo'],
  ['substr("hello", -3, 2)', 'll'],
  ['substr("hello", 10, 2)', ''],
  ['startswith("okta-app", "okta")', true],
  ['startswith("okta-app", "app")', false],
  ['endswith("okta-app", "app")', true],
  ['strcontains("okta-app", "a-a")', true],
  ['strcontains("okta-app", "x")', false],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['split("/", "eng/emea")[0]', 'eng'],
  ['join("-", ["a", "b"], ["c"])', 'a-b-c'],
  ['join(",", [])', ''],
  ['replace("a-b-c", "-", "_")', 'a_b_c'],
  ['replace("abc", "/b/", "x")', 'unknown'],
  ['regex("a+", "caab")', 'unknown'],
  ['regexall("a", "aa")', 'unknown'],
  ['length("héllo")', 5],
  ['strrev("abc")', 'cba'],
  ['indent(2, "a\\nb")', 'a\n  b'],
  // format
  ['format("%s-%d", "a", 1)', 'a-1'],
  ['format("%v|%q|%5s|%-5s|%.2f|%x|%X|%o|%b|%t|%%", "a", "c", "d", "e", 1.234, 255, 255, 8, 5, true)', 'a|"c"|    d|e    |1.23|ff|FF|10|101|true|%'],
  ['format("%[2]s %[1]s", "a", "b")', 'b a'],
  ['format("%#v", { b = 1, a = "x" })', '{"a":"x","b":1}'],
  ['format("%s", 1.5)', '1.5'],
  ['format("%03d", 7)', '007'],
  ['format("%d", 1.5)', ERROR],
  ['format("%s", ["a"])', ERROR],
  ['format("%s")', ERROR],
  ['formatlist("%s=%s", ["a", "b"], "x")', ['a=x', 'b=x']],
  ['formatlist("%s-%s", ["a", "b"], ["1", "2"])', ['a-1', 'b-2']],
  // collections
  ['length(["a", "b"])', 2],
  ['length({ a = 1 })', 1],
  ['lookup({ a = "x" }, "a", "d")', 'x'],
  ['lookup({ a = "x" }, "b", "d")', 'd'],
  ['lookup({ a = "x" }, "b")', ERROR],
  ['merge({ a = 1, b = 2 }, { b = 3 }, null)', { a: 1, b: 3 }],
  ['merge([{ a = 1 }, { b = 2 }]...)', { a: 1, b: 2 }],
  ['merge([for k in ["x", "y"] : { (k) = upper(k) }]...)', { x: 'X', y: 'Y' }],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['concat(["a"], ["b", "c"])', ['a', 'b', 'c']],
  ['contains(["a", "b"], "b")', true],
  ['contains(["a", "b"], "c")', false],
  ['distinct(["a", "b", "a"])', ['a', 'b']],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['element(["a", "b"], 3)', 'b'],
  ['element(["a", "b"], -1)', ERROR],
  ['element([], 0)', ERROR],
  ['index(["a", "b"], "b")', 1],
  ['index(["a", "b"], "c")', ERROR],
  ['range(3)', [0, 1, 2]],
  ['range(1, 4)', [1, 2, 3]],
  ['range(3, 0, -1)', [3, 2, 1]],
  ['range(0, 10, 4)', [0, 4, 8]],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  ['zipmap(["a"], [1, 2])', ERROR],
  ['flatten([["a", ["b"]], [], "c"])', ['a', 'b', 'c']],
  ['one([])', null],
  ['one(["a"])', 'a'],
  ['one(["a", "b"])', ERROR],
  ['one([for x in [{ out = "id1" }] : x.out])', 'id1'],
  ['[{ out = "id1" }][*].out', ['id1']],
  ['one([{ out = "id1" }][*].out)', 'id1'],
  ['slice(["a", "b", "c", "d"], 1, 3)', ['b', 'c']],
  ['slice(["a"], 0, 2)', ERROR],
  ['sort(["b", "a", "10", "9"])', ['10', '9', 'a', 'b']],
  ['reverse(["a", "b", "c"])', ['c', 'b', 'a']],
  ['coalescelist([], ["a"], ["b"])', ['a']],
  ['coalesce("", null, "x")', 'x'],
  ['coalesce(null, "")', ERROR],
  ['setproduct(["a", "b"], ["1"])', [['a', '1'], ['b', '1']]],
  ['setunion(["b", "a"], ["c", "a"])', ['a', 'b', 'c']],
  ['setintersection(["a", "b", "c"], ["b", "c", "d"])', ['b', 'c']],
  ['setsubtract(["a", "b", "c"], ["b"])', ['a', 'c']],
  ['alltrue([true, "true"])', true],
  ['alltrue([true, false])', false],
  ['alltrue([])', true],
  ['anytrue([false, true])', true],
  ['anytrue([])', false],
  ['max(1, 5, 3)', 5],
  ['min(4, 2)', 2],
  ['max([1, 7]...)', 7],
  ['abs(-3.5)', 3.5],
  ['signum(-3)', -1],
  ['ceil(1.2)', 2],
  ['floor(-1.2)', -2],
  ['sum([1, 2, 3])', 6],
  // conversions
  ['tostring(12)', '12'],
  ['tostring(true)', 'true'],
  ['tostring(null)', null],
  ['tonumber("1.5")', 1.5],
  ['tobool("true")', true],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['tolist(["a", 1])', ['a', '1']],
  ['tomap({ a = 1, b = "x" })', { a: '1', b: 'x' }],
  ['nonsensitive(sensitive("x"))', 'x'],
  // can and try
  ['can(lookup({}, "a"))', false],
  ['can(lookup({ a = 1 }, "a"))', true],
  ['try(lookup({}, "a"), "fallback")', 'fallback'],
  ['try({ a = 1 }.b, { a = 1 }.a)', 1],
  // encodings
  ['jsonencode({ b = [1, "x"], a = null, c = "<&>" })', '{"a":null,"b":[1,"x"],"c":"\\u003c\\u0026\\u003e"}'],
  ['jsondecode("{\\"a\\": [1, true, null, \\"x\\"]}")', { a: [1, true, null, 'x'] }],
  ['jsondecode("{\\"a\\":1,\\"a\\":2}")', { a: 2 }],
  ['jsondecode("12345678901234567890")', 'unknown'],
  ['jsondecode("{")', ERROR],
  ['yamldecode("a: yes\\nb: \\"yes\\"\\nc: ~\\nd: 0x1F\\ne: 1.0\\nf: 1_000\\ng: 1:20")', { a: true, b: 'yes', c: null, d: 31, e: 1, f: '1_000', g: '1:20' }],
  ['yamldecode("apps:\\n  - name: slack\\n    action: deactivate\\n  - name: wiki\\n")', { apps: [{ name: 'slack', action: 'deactivate' }, { name: 'wiki' }] }],
  ['yamldecode("a: &x 1\\nb: *x")', { a: 1, b: 1 }],
  ['yamldecode("a: 2001-12-14")', 'unknown'],
  ['yamldecode("a: !!str 1")', { a: '1' }],
  ['yamldecode("1: a")', 'unknown'],
  ['yamldecode("---\\na: 1\\n---\\nb: 2")', ERROR],
  ['base64encode("okta")', 'b2t0YQ=='],
  ['base64decode("b2t0YQ==")', 'okta'],
  ['base64decode("not base64")', ERROR],
  // arithmetic Terraform does with more precision than doubles
  ['0.1 + 0.2', 'unknown'],
  ['tostring(1/4)', '0.25'],
];

describe('built-in functions', () => {
  it.each(TABLE.map(([e, v]) => [e, v === ERROR ? 'an error' : v]))('%s is %j', async (expression, expected) => {
    const got = await run(expression as string);
    if (expected === 'unknown') expect(got).toBeInstanceOf(UnknownValue);
    else if (expected === 'an error') expect(got).toBe(ERROR);
    else expect(got).toEqual(expected);
  });

  it('lists every supported function in the README, and no other', () => {
    const readme = require('node:fs').readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8') as string;
    const bullet = /- \*\*Functions\*\*([\s\S]*?)\. A sensitive argument/.exec(readme)![1]!;
    expect([...bullet.matchAll(/`([a-z0-9]+)`/g)].map((m) => m[1]).sort()).toEqual([...SUPPORTED_FUNCTIONS]);
  });

  it('tests every supported function', () => {
    const called = new Set(TABLE.flatMap(([e]) => [...e.matchAll(/([a-z0-9]+)\(/g)].map((m) => m[1]!)));
    expect(SUPPORTED_FUNCTIONS.filter((f) => !called.has(f) && f !== 'file' && f !== 'sensitive')).toEqual([]);
  });
});

describe('unknowns and marks', () => {
  const vars: Record<string, Value> = { u: UNKNOWN, s: new SensitiveValue('s3cr3t'), apps: { a: { action: UNKNOWN }, b: { action: 'deactivate' } } };
  const scope: Scope = {
    root(name, steps) {
      if (name === 'var' && steps[0]?.kind === 'attr') return { value: vars[steps[0].name] ?? null, rest: steps.slice(1) };
      return undefined;
    },
  };

  it.each(['upper(var.u)', 'format("%s", var.u)', 'join(",", ["a", var.u])', 'jsonencode({ a = var.u })', 'contains(["a", var.u], "a")', 'flatten([var.u])', 'alltrue([var.u, true])', 'coalesce(var.u, "x")', 'try(var.u, "x")', 'can(var.u)', 'merge(var.u, {})'])(
    '%s is unknown',
    async (expression) => {
      expect(await run(expression, scope)).toBeInstanceOf(UnknownValue);
    },
  );

  it('keeps the known parts of collections around an unknown element', async () => {
    expect(await run('merge(var.apps, { c = {} })', scope)).toEqual({ a: { action: UNKNOWN }, b: { action: 'deactivate' }, c: {} });
    expect(await run('keys(var.apps)', scope)).toEqual(['a', 'b']);
    expect(await run('length([var.u, 1])', scope)).toBe(2);
    expect(await run('lookup(var.apps, "b").action', scope)).toBe('deactivate');
    expect(await run('anytrue([var.u, true])', scope)).toBe(true);
    expect(await run('coalesce("x", var.u)', scope)).toBe('x');
  });

  it.each(['upper(var.s)', 'format("%s!", var.s)', 'join(",", [var.s])', 'base64encode(var.s)', 'jsonencode({ a = var.s })', 'merge({ a = 1 }, sensitive({ b = 2 }))', 'sensitive("x")', 'lookup({ a = "x" }, var.s, "d")'])(
    '%s is sensitive',
    async (expression) => {
      const v = await run(expression, scope);
      expect(v).toBeInstanceOf(SensitiveValue);
      expect(JSON.stringify(v)).not.toContain('s3cr3t');
    },
  );
});

/** The whole table as one console expression: each entry's JSON, or "!error" where Terraform fails. */
function terraformValues(expressions: string[]): (string | null)[] {
  const dir = mkdtempSync(join(tmpdir(), 'opg-console-'));
  const input = `jsonencode([${expressions.map((e) => `try(jsonencode(${e}), "!error")`).join(', ')}])\n`;
  const result = spawnSync('terraform', ['console'], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return (JSON.parse(JSON.parse(line) as string) as string[]).map((s) => (s === '!error' ? null : s));
}

/** JSON with sorted keys, so that key order does not matter. */
function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

describeWith('terraform', 'built-in functions agree with terraform console', () => {
  it('gives the values Terraform gives', () => {
    const decided = TABLE.filter(([, v]) => v !== 'unknown');
    const got = terraformValues(decided.map(([e]) => e));
    const mismatches = decided
      .map(([e, v], i) => ({ e, expected: v === ERROR ? null : canon(v), terraform: got[i] === null ? null : canon(JSON.parse(got[i]!)) }))
      .filter((m) => m.expected !== m.terraform);
    expect(mismatches).toEqual([]);
  });
});
