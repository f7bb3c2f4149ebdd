// Unknown and sensitive markers folded into values, and lookups over them.
import { sensitivePathsToTree, withMarkers } from '../../src/model/markers';
import { collectSensitiveStrings, lookup, SensitiveValue, UNKNOWN } from '../../src/model/value';

describe('markers', () => {
  it('marks unknown attributes that the value omits', () => {
    const v = withMarkers({ label: 'Slack' }, { id: true, label: false }, false);
    expect(v).toEqual({ label: 'Slack', id: UNKNOWN });
    expect(lookup(v, 'id')).toEqual({ state: 'unknown', sensitive: false });
  });

  it('wraps sensitive leaves so they compare but never print', () => {
    const v = withMarkers({ profile: { token: 'abc-123-secret', auth_scheme: 'TOKEN' } }, {}, { profile: { token: true } });
    const token = lookup(v, 'profile', 'token');
    expect(token).toEqual({ state: 'known', value: 'abc-123-secret', sensitive: true });
    expect(JSON.stringify(v)).not.toContain('abc-123-secret');
    const secrets = new Set<string>();
    collectSensitiveStrings(v, secrets);
    expect([...secrets]).toEqual(['abc-123-secret']);
  });

  it('treats a whole-object true marker as covering everything below', () => {
    const v = withMarkers({ a: { b: 'x' } }, undefined, { a: true });
    expect((v as { a: unknown }).a).toBeInstanceOf(SensitiveValue);
  });

  it('turns tfstate sensitive paths into a marker tree', () => {
    const tree = sensitivePathsToTree([
      [
        { type: 'get_attr', value: 'profile' },
        { type: 'get_attr', value: 'token' },
      ],
      [
        { type: 'get_attr', value: 'list' },
        { type: 'index', value: { value: 0, type: 'number' } },
      ],
    ]);
    expect(tree).toMatchObject({ profile: { token: true } });
  });

  it('reads nested blocks stored as one-element lists (SDKv2 providers)', () => {
    expect(lookup({ profile: [{ token: 't' }] }, 'profile', 'token')).toEqual({ state: 'known', value: 't', sensitive: false });
  });
});
