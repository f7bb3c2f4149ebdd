#!/usr/bin/env node
'use strict';
// Benchmark: lint a generated plan of many Okta apps and compare with the cost of JSON.parse alone.
// Usage: npm run bench [-- <apps>]   (needs `npm run build`; the default of 8000 apps gives a plan of ~35 MB).
// Then lints a generated .tf configuration of 2,000 resources (bench/config.js), and times the synth
// of a 2,000-resource CDKTF app with and without the aspect (bench/cdktf.js).
const { mkdtempSync, writeFileSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { lint } = require('../dist/src');
const { benchConfig } = require('./config');
const { benchCdktf } = require('./cdktf');

const apps = Number(process.argv[2] ?? 8000);
const provider = 'registry.terraform.io/okta/okta';

function change(address, type, name, values, index) {
  return {
    address,
    mode: 'managed',
    type,
    name,
    ...(index !== undefined ? { index } : {}),
    provider_name: provider,
    change: { actions: ['no-op'], before: values, after: values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  };
}

function generate() {
  const changes = [];
  const configResources = [];
  for (let i = 0; i < apps; i++) {
    const appId = `0oa${String(i).padStart(17, '0')}`;
    const app = `okta_app_saml.app${i}`;
    changes.push(change(app, 'okta_app_saml', `app${i}`, { id: appId, label: `App ${i}`, status: 'ACTIVE', sso_url: `https://app${i}.example.com/sso`, features: ['GROUP_PUSH'] }));
    changes.push(change(`okta_app_connection.app${i}`, 'okta_app_connection', `app${i}`, { id: appId, base_url: `https://app${i}.example.com/scim`, action: i % 10 === 0 ? 'deactivate' : 'activate', status: i % 10 === 0 ? 'DISABLED' : 'ENABLED', profile: { auth_scheme: 'TOKEN', token: `tok-${i}`, client_id: null, settings: null, signing: null } }));
    for (const key of ['eng', 'ops']) {
      changes.push(change(`okta_push_group.app${i}["${key}"]`, 'okta_push_group', `app${i}`, { id: `gPm${i}${key}`, app_id: appId, source_group_id: `00g${key}`, status: 'ACTIVE', target_group_name: key, target_group_id: `t${i}${key}`, delete_target_group_on_destroy: true, app_config: null }, key));
    }
    configResources.push(
      { address: app, mode: 'managed', type: 'okta_app_saml', name: `app${i}`, provider_config_key: 'okta', expressions: { label: { constant_value: `App ${i}` } }, schema_version: 1 },
      { address: `okta_app_connection.app${i}`, mode: 'managed', type: 'okta_app_connection', name: `app${i}`, provider_config_key: 'okta', expressions: { id: { references: [`${app}.id`, app] }, action: { constant_value: 'activate' } }, schema_version: 0 },
      { address: `okta_push_group.app${i}`, mode: 'managed', type: 'okta_push_group', name: `app${i}`, provider_config_key: 'okta', expressions: { app_id: { references: [`${app}.id`, app] } }, for_each_expression: { constant_value: ['eng', 'ops'] }, schema_version: 0 },
    );
  }
  // One for_each block of apps and one of mappings keyed the same way: the case that would be
  // quadratic without keyed instance lookup.
  for (let i = 0; i < apps; i++) {
    const key = `team${i}`;
    const appId = `0ob${String(i).padStart(17, '0')}`;
    changes.push(change(`okta_app_saml.teams["${key}"]`, 'okta_app_saml', 'teams', { id: appId, label: key, status: 'ACTIVE' }, key));
    changes.push(change(`okta_push_group.teams["${key}"]`, 'okta_push_group', 'teams', { id: `gPt${i}`, app_id: appId, source_group_id: '00gteam', status: 'ACTIVE', delete_target_group_on_destroy: true }, key));
  }
  configResources.push(
    { address: 'okta_app_saml.teams', mode: 'managed', type: 'okta_app_saml', name: 'teams', provider_config_key: 'okta', expressions: { label: { references: ['each.key'] } }, for_each_expression: { references: ['var.teams'] }, schema_version: 1 },
    { address: 'okta_push_group.teams', mode: 'managed', type: 'okta_push_group', name: 'teams', provider_config_key: 'okta', expressions: { app_id: { references: ['each.value.id', 'each.value'] } }, for_each_expression: { references: ['okta_app_saml.teams'] }, schema_version: 0 },
  );
  return { format_version: '1.2', terraform_version: '1.9.8', resource_changes: changes, configuration: { root_module: { resources: configResources } }, applyable: true, complete: true, errored: false };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opg-bench-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(generate()));
  const bytes = readFileSync(file).length;

  let t = process.hrtime.bigint();
  JSON.parse(readFileSync(file, 'utf8'));
  const parseMs = Number(process.hrtime.bigint() - t) / 1e6;

  t = process.hrtime.bigint();
  const report = await lint([file]);
  const lintMs = Number(process.hrtime.bigint() - t) / 1e6;
  rmSync(dir, { recursive: true, force: true });

  const resources = apps * 6;
  console.log(`plan: ${(bytes / 1e6).toFixed(1)} MB, ${resources} resources, ${report.findings.length} findings`);
  console.log(`JSON.parse alone: ${parseMs.toFixed(0)} ms`);
  console.log(`lint():           ${lintMs.toFixed(0)} ms (${(lintMs / parseMs).toFixed(1)}x parse)`);
  console.log(`peak RSS:         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await benchConfig(lint);
  benchCdktf();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
