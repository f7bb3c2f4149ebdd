// The synchronous template parser for Terraform JSON strings (cdk.tf.json): values where decidable,
// references always.
import { evaluate, safe, type Scope } from '../../../src/loaders/hcl/evaluate';
import { parseTemplate } from '../../../src/loaders/hcl/interpolation';
import { describeExpression } from '../../../src/loaders/hcl/references';
import { UNKNOWN, type Value } from '../../../src/model/value';

const scope: Scope = {
  root(name, steps) {
    if (name === 'var' && steps[0]?.kind === 'attr') {
      const vars: Record<string, Value> = { action: 'deactivate', on: true, m: { k: 'v' } };
      return { value: vars[steps[0].name] ?? null, rest: steps.slice(1) };
    }
    if (name === 'each') return { value: { key: 'eng', value: '00g1' }, rest: steps };
    return undefined;
  },
};

const value = (text: string): Value => {
  const expr = parseTemplate(text);
  return safe(() => evaluate(expr, scope));
};
const references = (text: string): string[] => {
  const expr = parseTemplate(text);
  return describeExpression(expr, () => safe(() => evaluate(expr, scope))).references.sort();
};

describe('Terraform JSON templates', () => {
  it.each([
    ['plain text', 'plain text'],
    ['${var.action}', 'deactivate'],
    ['slack-${each.key}', 'slack-eng'],
    ['$${not.interpolated}', '${not.interpolated}'],
    ['${var.on ? "deactivate" : "activate"}', 'deactivate'],
    ['${lookup(var.m, "k", "d")}', 'v'],
    ['${upper("a${each.key}")}', 'AENG'],
    ['${"$${x}"}', '${x}'],
    ['${1 + 2 * 3}', 7],
    // Dollar and percent signs that start nothing stay text, around interpolations and escapes too.
    ['50% $5 a$b %c $', '50% $5 a$b %c $'],
    ['100% %%{y} $${x} ${var.action}%', '100% %{y} ${x} deactivate%'],
    ['cost: $${each.key}$ ${each.key}%', 'cost: ${each.key}$ eng%'],
    ['', ''],
  ])('%s is %j', (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it('keeps the references of what it cannot read, and makes its value unknown', () => {
    const text = '${[for g in var.groups : okta_group.all[g].id]}';
    expect(value(text)).toBe(UNKNOWN);
    expect(references(text)).toEqual(expect.arrayContaining(['var.groups', 'okta_group.all']));
  });

  it('reads the for expressions CDKTF iterators synthesize', () => {
    expect(value('${{ for key, val in var.m: key => upper(val) }}')).toEqual({ k: 'V' });
    expect(value('${[ for key, val in var.m: "${key}=${val}"]}')).toEqual(['k=v']);
    expect(value('${{ for k, v in var.m : v => k... if k != "x" }}')).toEqual({ v: ['k'] });
    expect(value('${merge([ for k, v in var.m: { (v) = k } ]...)}')).toEqual({ v: 'k' });
    expect(references('${{ for key, val in okta_app_saml.apps: key => val.id }}')).toEqual(['okta_app_saml.apps']);
  });

  it('lists references like terraform show -json', () => {
    expect(references('${okta_app_saml.slack.id}')).toEqual(['okta_app_saml.slack', 'okta_app_saml.slack.id']);
    expect(references('${module.apps["billing"].app_id}')).toEqual(['module.apps', 'module.apps["billing"]', 'module.apps["billing"].app_id']);
  });
});
