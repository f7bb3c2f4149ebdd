// Content-based detection of every input kind.
import { detect } from '../../src/inputs/detect';

describe('detect', () => {
  it.each([
    [{ format_version: '1.2', resource_changes: [] }, 'plan'],
    [{ format_version: '0.1', planned_values: {} }, 'plan'],
    [{ format_version: '1.0', values: { root_module: {} } }, 'state'],
    [{ format_version: '1.0' }, 'state'],
    [{ plan_format_version: '1.2', resource_changes: [] }, 'redacted-plan'],
    [{ version: 4, serial: 1, lineage: 'x', resources: [] }, 'tfstate'],
    [{ version: 3, serial: 1, lineage: 'x', modules: [] }, 'legacy-tfstate'],
    [{ '//': { metadata: {} }, resource: {} }, 'terraform-json'],
    [{ resource: { okta_push_group: {} } }, 'terraform-json'],
    [{ version: 'stubbed', stacks: {} }, 'cdktf-manifest'],
    [{ hello: 'world' }, 'not-terraform'],
    [{}, 'not-terraform'],
    [[1, 2], 'not-terraform'],
  ])('%j is %s', (json, kind) => {
    expect(detect(json).kind).toBe(kind);
  });
});
