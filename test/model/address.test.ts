// Parsing and printing Terraform addresses and references.
import { formatResourceAddress, parseModulePath, parseResourceAddress, parseTraversal } from '../../src/model/address';

describe('addresses', () => {
  it.each([
    'okta_push_group.eng',
    'okta_push_group.eng[0]',
    'okta_push_group.eng["a.b [c]"]',
    'module.a.okta_app_saml.this',
    'module.a["x"].module.b[2].data.okta_app.x["k"]',
  ])('round-trips %s', (address) => {
    const parsed = parseResourceAddress(address);
    expect(parsed).not.toBeNull();
    expect(formatResourceAddress(parsed!)).toBe(address);
  });

  it('splits module instance keys from the resource', () => {
    expect(parseResourceAddress('module.apps["billing"].okta_app_saml.this')).toEqual({
      modules: [{ name: 'apps', key: 'billing' }],
      mode: 'managed',
      type: 'okta_app_saml',
      name: 'this',
    });
    expect(parseModulePath('module.a[0].module.b')).toEqual([{ name: 'a', key: 0 }, { name: 'b' }]);
  });

  it('parses reference traversals and rejects expressions', () => {
    expect(parseTraversal('each.value.app_id')).toEqual([
      { kind: 'attr', name: 'each' },
      { kind: 'attr', name: 'value' },
      { kind: 'attr', name: 'app_id' },
    ]);
    expect(parseTraversal('module.m["x"].out')?.[2]).toEqual({ kind: 'index', key: 'x' });
    expect(parseTraversal('a[each.key]')).toEqual([{ kind: 'attr', name: 'a' }, { kind: 'eachIndex' }]);
    expect(parseTraversal('a[var.k]')).toBeNull();
    expect(parseResourceAddress('not an address')).toBeNull();
  });
});
