// What Terraform sees of the double's schemas (`terraform providers schema -json`, through dev_overrides):
// the names, Required/Optional/Computed and Sensitive flags of okta provider v6.12.0 for the resources and
// data sources the rules read (okta/services/idaas/*.go). Defaults, plan modifiers and CRUD do not show in
// a schema: simulator.test.ts and the real twins check those.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeWith } from '../support/outside';
import { buildProvider } from './build';

jest.setTimeout(60_000);

type Attr = { type: unknown; required?: boolean; optional?: boolean; computed?: boolean; sensitive?: boolean };
type Block = { attributes?: Record<string, Attr>; block_types?: Record<string, { nesting_mode: string; block: Block }> };
type Schemas = { provider_schemas: Record<string, { resource_schemas: Record<string, { block: Block }>; data_source_schemas: Record<string, { block: Block }> }> };

function flags(a: Attr | undefined): string {
  if (!a) return 'absent';
  return ['required', 'optional', 'computed', 'sensitive'].filter((f) => a[f as keyof Attr] === true).join('+');
}

describeWith('terraform', 'the okta provider double as Terraform sees it', () => {
  let schemas: Schemas['provider_schemas'][string];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-schema-'));
    writeFileSync(join(dir, 'cli.tfrc'), `provider_installation {\n  dev_overrides {\n    "okta/okta" = ${JSON.stringify(buildProvider())}\n  }\n  direct {}\n}\n`);
    writeFileSync(join(dir, 'main.tf'), 'terraform {\n  required_providers {\n    okta = { source = "okta/okta" }\n  }\n}\n');
    const { stdout } = await promisify(execFile)('terraform', ['providers', 'schema', '-json'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir, TF_CLI_CONFIG_FILE: join(dir, 'cli.tfrc'), TF_DISABLE_PLUGIN_TLS: '1', CHECKPOINT_DISABLE: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const all = (JSON.parse(stdout) as Schemas).provider_schemas;
    schemas = all['registry.terraform.io/okta/okta']!;
  });

  it('serves the resources and data sources the rules read, under the provider\'s address', () => {
    expect(Object.keys(schemas.resource_schemas).sort()).toEqual(['okta_app_connection', 'okta_app_features', 'okta_app_oauth', 'okta_app_saml', 'okta_group', 'okta_push_group']);
    expect(Object.keys(schemas.data_source_schemas).sort()).toEqual(['okta_app', 'okta_app_connection', 'okta_app_saml', 'okta_group']);
  });

  it('okta_push_group (resource_okta_push_group.go)', () => {
    const a = schemas.resource_schemas.okta_push_group!.block.attributes!;
    expect(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, flags(v)]))).toEqual({
      id: 'computed',
      app_id: 'required',
      source_group_id: 'required',
      target_group_name: 'optional',
      target_group_id: 'optional+computed',
      status: 'optional+computed',
      delete_target_group_on_destroy: 'optional+computed',
      app_config: 'optional',
    });
    expect(a.delete_target_group_on_destroy!.type).toBe('bool');
    expect(a.app_config!.type).toEqual(['object', { type: 'string', distinguished_name: 'string', group_scope: 'string', group_type: 'string', sam_account_name: 'string' }]);
  });

  it('okta_app_connection (resource_okta_app_connection.go): id is the app id, status Computed, secrets Sensitive, profile a single block', () => {
    const b = schemas.resource_schemas.okta_app_connection!.block;
    expect(Object.fromEntries(Object.entries(b.attributes!).map(([k, v]) => [k, flags(v)]))).toEqual({ id: 'required', base_url: 'required', status: 'computed', action: 'required' });
    const profile = b.block_types!.profile!;
    expect(profile.nesting_mode).toBe('single');
    expect(Object.fromEntries(Object.entries(profile.block.attributes!).map(([k, v]) => [k, flags(v)]))).toEqual({ auth_scheme: 'required', token: 'optional+sensitive', client_id: 'optional' });
    expect(flags(profile.block.block_types!.settings!.block.attributes!.admin_password)).toBe('optional+sensitive');
    expect(profile.block.block_types!.signing!.nesting_mode).toBe('single');
  });

  it('okta_app_features (resource_okta_app_features.go): status Optional, not Computed', () => {
    const b = schemas.resource_schemas.okta_app_features!.block;
    expect(Object.fromEntries(Object.entries(b.attributes!).map(([k, v]) => [k, flags(v)]))).toEqual({ id: 'computed', app_id: 'required', description: 'optional', name: 'required', status: 'optional' });
    expect(b.block_types!.capabilities!.nesting_mode).toBe('single');
  });

  it('the data sources: okta_app_connection reads a Computed status; okta_app\'s id is Optional only, okta_group\'s Optional and Computed', () => {
    const d = schemas.data_source_schemas;
    expect(flags(d.okta_app_connection!.block.attributes!.id)).toBe('required');
    expect(flags(d.okta_app_connection!.block.attributes!.status)).toBe('computed');
    expect(flags(d.okta_app!.block.attributes!.id)).toBe('optional');
    expect(flags(d.okta_app_saml!.block.attributes!.id)).toBe('optional');
    expect(flags(d.okta_group!.block.attributes!.id)).toBe('optional+computed');
  });

  it('the apps carry SDKv2\'s id (Optional + Computed) and a status Optional with a Default', () => {
    for (const type of ['okta_app_saml', 'okta_app_oauth', 'okta_group']) expect(flags(schemas.resource_schemas[type]!.block.attributes!.id)).toBe('optional+computed');
    expect(flags(schemas.resource_schemas.okta_app_saml!.block.attributes!.status)).toBe('optional');
    expect(flags(schemas.resource_schemas.okta_app_saml!.block.attributes!.features)).toBe('computed');
    expect(flags(schemas.resource_schemas.okta_app_oauth!.block.attributes!.client_secret)).toBe('computed+sensitive');
  });
});
