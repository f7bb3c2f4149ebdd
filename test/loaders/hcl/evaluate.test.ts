// Static evaluation of HCL expressions: what is decidable is computed, the rest is unknown, never guessed.
import { evaluate, safe, type Scope } from '../../../src/loaders/hcl/evaluate';
import { parseHcl } from '../../../src/loaders/hcl/parser';
import { describeExpression } from '../../../src/loaders/hcl/references';
import { SensitiveValue, UNKNOWN, type Value } from '../../../src/model/value';

const vars: Record<string, Value> = {
  name: 'Slack',
  on: true,
  off: false,
  teams: { eng: '00g1', ops: '00g2' },
  list: ['b', 'a', 'b'],
  unknown: UNKNOWN,
  secret: new SensitiveValue('s3cr3t-token'),
  empty: '',
};

const scope: Scope = {
  root(name, steps) {
    if (name === 'var' && steps[0]?.kind === 'attr') return { value: vars[steps[0].name] ?? null, rest: steps.slice(1) };
    if (name === 'okta_app_saml' && steps[0]?.kind === 'attr') return { value: { label: 'Slack' }, rest: steps.slice(1) };
    return undefined;
  },
};

async function value(expression: string): Promise<Value> {
  const body = await parseHcl(`x = ${expression}\n`, 'test.tf');
  return safe(() => evaluate(body.attributes.get('x')!.expr, scope));
}

describe('evaluate', () => {
  it.each([
    ['"plain"', 'plain'],
    ['42', 42],
    ['true', true],
    ['null', null],
    ['"Hello ${var.name}!"', 'Hello Slack!'],
    ['"$${literal}"', '${literal}'],
    ['var.on ? "deactivate" : "activate"', 'deactivate'],
    ['var.off ? "deactivate" : "activate"', 'activate'],
    ['var.name == "Slack" && !var.off', true],
    ['1 + 2 * 3', 7],
    ['tostring(12)', '12'],
    ['lower("ACTIVE")', 'active'],
    ['upper("deactivate")', 'DEACTIVATE'],
    ['coalesce(var.empty, "", "fallback")', 'fallback'],
    ['lookup(var.teams, "ops", "none")', '00g2'],
    ['lookup(var.teams, "qa", "none")', 'none'],
    ['try(var.teams.qa, "default")', 'default'],
    ['merge(var.teams, { qa = "00g3" })', { eng: '00g1', ops: '00g2', qa: '00g3' }],
    ['toset(var.list)', ['a', 'b']],
    ['tomap({ a = 1 })', { a: 1 }],
    ['[for k, v in var.teams : "${k}=${v}"]', ['eng=00g1', 'ops=00g2']],
    ['{ for k, v in var.teams : v => k if k != "ops" }', { '00g1': 'eng' }],
    ['var.teams["eng"]', '00g1'],
    ['okta_app_saml.x.label', 'Slack'],
  ])('%s is %j', async (expression, expected) => {
    expect(await value(expression)).toEqual(expected);
  });

  it('strips the common indentation of an indented heredoc and keeps the final newline', async () => {
    expect(await value('<<-EOT\n    first\n      second\n    EOT')).toBe('first\n  second\n');
    expect(await value('<<EOT\nkept ${var.name}\nEOT')).toBe('kept Slack\n');
  });

  it.each([
    'var.unknown',
    '"prefix-${var.unknown}"',
    'var.unknown ? "a" : "b"',
    'okta_app_saml.x.id',
    'file("token.txt")',
    'lower(var.unknown)',
    'timestamp()',
    '"%{if var.on}x%{endif}"',
  ])('%s is unknown', async (expression) => {
    expect(await value(expression)).toBe(UNKNOWN);
  });

  it('decides a conditional whose branches agree even when the condition is unknown', async () => {
    expect(await value('var.unknown ? "same" : "same"')).toBe('same');
  });

  it('keeps values computed from a sensitive input sensitive', async () => {
    const v = await value('"Bearer ${var.secret}"');
    expect(v).toBeInstanceOf(SensitiveValue);
    expect(JSON.stringify(v)).not.toContain('s3cr3t');
  });
});

describe('describeExpression', () => {
  async function describe(expression: string) {
    const body = await parseHcl(`x = ${expression}\n`, 'test.tf');
    const expr = body.attributes.get('x')!.expr;
    return describeExpression(expr, () => safe(() => evaluate(expr, scope)));
  }

  it('records literals as constants, like terraform show -json', async () => {
    expect(await describe('"literal-token"')).toEqual({ constant: 'literal-token', references: [] });
    expect(await describe('<<-EOT\n  heredoc\n  EOT')).toEqual({ constant: 'heredoc\n', references: [] });
  });

  it('lists every traversal prefix of references, and nothing for function calls without them', async () => {
    expect((await describe('module.crm.app_id')).references).toEqual(['module.crm.app_id', 'module.crm']);
    // Code says which instance: `[each.key]` is kept (a plan would only record okta_app_saml.s and each.key).
    expect((await describe('okta_app_saml.s[each.key].id')).references.sort()).toEqual(['each.key', 'okta_app_saml.s', 'okta_app_saml.s[each.key]', 'okta_app_saml.s[each.key].id']);
    expect((await describe('okta_app_saml.s[each.value].id')).references.sort()).toEqual(['each.value', 'okta_app_saml.s']);
    // As a plan records it (no references, no value), plus what only code can tell: it reads a file.
    expect(await describe('file("token")')).toEqual({ references: [], readsFile: true });
    expect(await describe('sensitive("s3cr3t")')).toEqual({ references: [] });
    expect((await describe('[for t in var.teams : t.id]')).references).toEqual(['var.teams']);
  });
});
