// An instance key (a for_each key in a plan, an index_key in tfstate) equal to a secret is scrubbed in
// every place an address reaches: every format, fingerprints, the baseline, the job summary. Errors
// about malformed addresses quote none of the input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { fingerprint } from '../../src/engine/fingerprint';
import { FORMATS } from '../../src/reporters';
import { captureIo } from '../support/io';

const SECRET = 'tok-KEY-9Zq4Wm2Xc7';
const PROVIDER = 'registry.terraform.io/okta/okta';

function change(type: string, name: string, after: Record<string, unknown>, extra: { index?: string; sensitive?: unknown } = {}) {
  const address = `${type}.${name}${extra.index !== undefined ? `[${JSON.stringify(extra.index)}]` : ''}`;
  const sensitive = extra.sensitive ?? {};
  return {
    address,
    mode: 'managed',
    type,
    name,
    ...(extra.index !== undefined ? { index: extra.index } : {}),
    provider_name: PROVIDER,
    change: { actions: ['no-op'], before: after, after, after_unknown: {}, before_sensitive: sensitive, after_sensitive: sensitive },
  };
}

/** A plan whose mapping is keyed by the connection's (sensitive) token. */
function planKeyedBySecret(): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      change('okta_app_saml', 'slack', { id: '0oaSLACK1', label: 'Slack', status: 'ACTIVE' }),
      change('okta_app_connection', 'slack', { id: '0oaSLACK1', action: 'deactivate', profile: { auth_scheme: 'TOKEN', token: SECRET } }, { sensitive: { profile: { token: true } } }),
      change('okta_push_group', 'eng', { id: 'm1', app_id: '0oaSLACK1', source_group_id: 'g1', status: 'ACTIVE' }, { index: SECRET }),
    ],
  };
}

function tfstateKeyedBySecret(): unknown {
  const instance = (attributes: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ schema_version: 0, attributes, sensitive_attributes: [], ...extra });
  const resource = (type: string, name: string, instances: unknown[]) => ({ mode: 'managed', type, name, provider: `provider["${PROVIDER}"]`, instances });
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: 'l',
    outputs: {},
    resources: [
      resource('okta_app_saml', 'slack', [instance({ id: '0oaSLACK1', label: 'Slack', status: 'ACTIVE' })]),
      resource('okta_app_connection', 'slack', [
        instance(
          { id: '0oaSLACK1', action: 'deactivate', status: 'DISABLED', profile: [{ auth_scheme: 'TOKEN', token: SECRET }] },
          { sensitive_attributes: [[{ type: 'get_attr', value: 'profile' }, { type: 'index', value: { value: 0, type: 'number' } }, { type: 'get_attr', value: 'token' }]] },
        ),
      ]),
      resource('okta_push_group', 'eng', [instance({ id: 'm1', app_id: '0oaSLACK1', source_group_id: 'g1', status: 'ACTIVE' }, { index_key: SECRET })]),
    ],
  };
}

/**
 * A value marked sensitive on a resource no rule reads and whose type holds no credential (an SSM
 * parameter): only its sensitive marker makes it a secret, and the streaming reader keeps the resource
 * for that marker alone.
 */
const OTHER_SECRET = 'ssm-VALUE-4Kp8Rt1Yv3';

function planKeyedByOtherSecret(): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      change('okta_app_saml', 'slack', { id: '0oaSLACK1', label: 'Slack', status: 'ACTIVE' }),
      change('okta_app_connection', 'slack', { id: '0oaSLACK1', action: 'deactivate', profile: { auth_scheme: 'BASIC' } }),
      {
        ...change('aws_ssm_parameter', 'team', { name: '/okta/team', type: 'SecureString', value: OTHER_SECRET }, { sensitive: { value: true } }),
        provider_name: 'registry.terraform.io/hashicorp/aws',
      },
      change('okta_push_group', 'eng', { id: 'm1', app_id: '0oaSLACK1', source_group_id: 'g1', status: 'ACTIVE' }, { index: OTHER_SECRET }),
    ],
  };
}

function tfstateKeyedByOtherSecret(): unknown {
  type Instance = { schema_version?: number; attributes: Record<string, unknown>; sensitive_attributes: unknown[]; index_key?: string };
  const state = tfstateKeyedBySecret() as { resources: { mode?: string; type: string; name?: string; provider?: string; instances: Instance[] }[] };
  const connection = state.resources.find((r) => r.type === 'okta_app_connection')!.instances[0]!;
  connection.attributes = { id: '0oaSLACK1', action: 'deactivate', status: 'DISABLED', profile: [{ auth_scheme: 'BASIC' }] };
  connection.sensitive_attributes = [];
  state.resources.find((r) => r.type === 'okta_push_group')!.instances[0]!.index_key = OTHER_SECRET;
  state.resources.push({
    mode: 'managed',
    type: 'aws_ssm_parameter',
    name: 'team',
    provider: 'provider["registry.terraform.io/hashicorp/aws"]',
    instances: [{ schema_version: 0, attributes: { name: '/okta/team', type: 'SecureString', value: OTHER_SECRET }, sensitive_attributes: [[{ type: 'get_attr', value: 'value' }]] }],
  });
  return state;
}

describe.each([
  ['a plan for_each key', 'plan.json', planKeyedBySecret, SECRET],
  ['a tfstate index_key', 'terraform.tfstate', tfstateKeyedBySecret, SECRET],
  ['a plan for_each key, marked sensitive only on a resource no rule reads,', 'plan.json', planKeyedByOtherSecret, OTHER_SECRET],
  ['a tfstate index_key, marked sensitive only on a resource no rule reads,', 'terraform.tfstate', tfstateKeyedByOtherSecret, OTHER_SECRET],
])('%s equal to a secret', (_name, file, make, secret) => {
  const dir = mkdtempSync(join(tmpdir(), 'opg-key-secret-'));
  writeFileSync(join(dir, file), JSON.stringify(make()));

  it.each(FORMATS)('is scrubbed from the %s report, the job summary and the failure-free stderr', async (format) => {
    const summary = join(dir, `summary-${format}.md`);
    const io = captureIo({ cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(await main(['lint', file, '--no-config', '--format', format, '--report', 'github:annotations.txt'], io)).toBe(1);
    const outputs = [io.out(), io.err(), readFileSync(join(dir, 'annotations.txt'), 'utf8'), readFileSync(summary, 'utf8')];
    for (const text of outputs) expect(text).not.toContain(secret);
    expect(io.out()).toContain('(sensitive value)');
  });

  it('is scrubbed from the finding, its fingerprint and the baseline', async () => {
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', file, '--no-config', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out()) as { findings: { ruleId: string; address: string; input: string; related: string[] }[] };
    const orphan = report.findings.find((f) => f.ruleId === 'OPG001')!;
    expect(orphan.address).toBe('okta_push_group.eng["(sensitive value)"]');
    expect(JSON.stringify(report)).not.toContain(secret);
    // The fingerprint is computed from the scrubbed address, so the secret cannot be recovered from it.
    const baselineIo = captureIo({ cwd: dir });
    expect(await main(['lint', file, '--no-config', '--write-baseline', 'baseline.json'], baselineIo)).toBe(0);
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    expect(baseline).not.toContain(secret);
    expect(baseline).toContain(fingerprint(orphan));
    expect(baseline).not.toContain(fingerprint({ ...orphan, address: `okta_push_group.eng[${JSON.stringify(secret)}]` }));
    // And the baseline still suppresses it.
    const again = captureIo({ cwd: dir });
    expect(await main(['lint', file, '--no-config', '--baseline', 'baseline.json'], again)).toBe(0);
  });
});

describe('an error about a malformed address', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opg-bad-address-'));
  it.each([
    ['a secret', `okta_push_group.eng["${SECRET}`],
    ['a megabyte', `okta_push_group.${'x'.repeat(1 << 20)} y`],
    ['line breaks', 'okta_push_group.a\nb\u2028c'],
  ])('quotes none of it when it holds %s', async (_name, address) => {
    const plan = planKeyedBySecret() as { resource_changes: { address: string }[] };
    plan.resource_changes[2]!.address = address;
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', 'plan.json', '--no-config'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: plan.json: malformed plan JSON: resource_changes[2].address must be a resource address (found a string that is not one)\n');
  });
});
