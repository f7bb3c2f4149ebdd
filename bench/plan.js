'use strict';
// Writes a `terraform show -json` plan of an Okta org of any size, streamed to disk so that plans beyond
// what one JavaScript string can hold are possible: per app an okta_app_saml, its okta_app_connection,
// its okta_app_features and two okta_push_group mappings, beside 40 resources no rule reads (users,
// groups, memberships, another provider's buckets), in planned_values, resource_changes, prior_state
// and configuration as Terraform writes them. Every tenth app has its provisioning deactivated while its
// two mappings stay: those mappings are the orphans the run must find.
const { closeSync, openSync, writeSync } = require('node:fs');

const OKTA = 'registry.terraform.io/okta/okta';
const AWS = 'registry.terraform.io/hashicorp/aws';
const OTHERS_PER_APP = 40;
const RESOURCES_PER_APP = 5 + OTHERS_PER_APP;

const pad = (i) => String(i).padStart(17, '0');

/** The resources of app `i`: [type, name, values, provider, sensitive marker tree]. */
function resourcesOf(i) {
  const appId = `0oa${pad(i)}`;
  const down = i % 10 === 0;
  const out = [
    ['okta_app_saml', `app${i}`, { id: appId, label: `App ${i}`, status: 'ACTIVE', sso_url: `https://app${i}.example.com/sso`, recipient: `https://app${i}.example.com/sso`, audience: `https://app${i}.example.com`, subject_name_id_format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', signature_algorithm: 'RSA_SHA256', digest_algorithm: 'SHA256', features: ['PUSH_NEW_USERS', 'GROUP_PUSH'] }, OKTA, {}],
    ['okta_app_connection', `app${i}`, { id: appId, base_url: `https://app${i}.example.com/scim`, action: down ? 'deactivate' : 'activate', status: down ? 'DISABLED' : 'ENABLED', profile: [{ auth_scheme: 'TOKEN', token: `token-${i}-secret`, client_id: null, settings: [], signing: [] }] }, OKTA, { profile: [{ token: true }] }],
    ['okta_app_features', `app${i}`, { id: `${appId}/USER_PROVISIONING`, app_id: appId, name: 'USER_PROVISIONING', status: 'ENABLED', capabilities: [{ create: [{ lifecycle_create: [{ status: 'ENABLED' }] }], update: [], }] }, OKTA, {}],
  ];
  for (const team of ['eng', 'ops']) {
    out.push(['okta_push_group', `app${i}_${team}`, { id: `gPm${i}${team}`, app_id: appId, source_group_id: `00g${team}${pad(i)}`, status: 'ACTIVE', target_group_name: `${team}-${i}`, target_group_id: `00t${team}${pad(i)}`, delete_target_group_on_destroy: true, app_config: [] }, OKTA, {}]);
  }
  for (let k = 0; k < OTHERS_PER_APP; k++) {
    const n = `${i}_${k}`;
    if (k < 20) {
      // Now and then a user's password is marked sensitive: secrets of resources no rule reads are still kept out of every output.
      const secret = k === 0 && i % 50 === 0;
      out.push(['okta_user', `u${n}`, { id: `00u${pad(i * 100 + k)}`, login: `user${n}@example.com`, email: `user${n}@example.com`, first_name: `First${k}`, last_name: `Last${i}`, status: 'ACTIVE', department: 'Engineering', title: 'Engineer', ...(secret ? { password: `pw-${n}-secret` } : {}) }, OKTA, secret ? { password: true } : {}]);
    } else if (k < 30) {
      out.push(['okta_group', `g${n}`, { id: `00g${pad(i * 100 + k)}`, name: `group-${n}`, description: `Group ${n} of app ${i}`, custom_profile_attributes: '{}' }, OKTA, {}]);
    } else if (k < 35) {
      out.push(['okta_group_memberships', `m${n}`, { id: `00g${pad(i * 100 + k)}`, group_id: `00g${pad(i * 100 + k)}`, users: [`00u${pad(i * 100)}`, `00u${pad(i * 100 + 1)}`, `00u${pad(i * 100 + 2)}`], track_all_users: false }, OKTA, {}]);
    } else {
      out.push(['aws_s3_bucket', `b${n}`, { id: `bucket-${n}`, bucket: `bucket-${n}`, arn: `arn:aws:s3:::bucket-${n}`, region: 'eu-west-1', force_destroy: false, tags: { app: `app${i}`, team: 'platform' } }, AWS, {}]);
    }
  }
  return out;
}

/** Writes JSON text in large blocks. */
class Out {
  constructor(file) {
    this.fd = openSync(file, 'w');
    this.parts = [];
    this.size = 0;
    this.total = 0;
  }
  write(text) {
    this.parts.push(text);
    this.size += text.length;
    if (this.size > 1 << 22) this.flush();
  }
  flush() {
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buffer);
    this.total += buffer.length;
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
    return this.total;
  }
}

function section(out, apps, element) {
  let first = true;
  for (let i = 0; i < apps; i++) {
    for (const r of resourcesOf(i)) {
      out.write((first ? '' : ',') + JSON.stringify(element(...r)));
      first = false;
    }
  }
}

/** Writes the plan of `apps` apps to `file`; returns its size in bytes, resources and expected orphans. */
function writePlan(file, apps) {
  const out = new Out(file);
  out.write('{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{"resources":[');
  section(out, apps, (type, name, values, provider, sensitive) => ({ address: `${type}.${name}`, mode: 'managed', type, name, provider_name: provider, schema_version: 0, values, sensitive_values: sensitive }));
  out.write(']}},"resource_changes":[');
  section(out, apps, (type, name, values, provider, sensitive) => {
    const before = type === 'okta_app_connection' ? { ...values, action: 'activate', status: 'ENABLED' } : values;
    const changed = before !== values;
    return {
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name: provider,
      change: { actions: [changed ? 'update' : 'no-op'], before, after: values, after_unknown: {}, before_sensitive: sensitive, after_sensitive: sensitive },
    };
  });
  out.write('],"prior_state":{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":[');
  section(out, apps, (type, name, values, provider, sensitive) => {
    const before = type === 'okta_app_connection' ? { ...values, action: 'activate', status: 'ENABLED' } : values;
    return { address: `${type}.${name}`, mode: 'managed', type, name, provider_name: provider, schema_version: 0, values: before, sensitive_values: sensitive };
  });
  out.write(']}}},"configuration":{"provider_config":{"okta":{"name":"okta","full_name":"registry.terraform.io/okta/okta"}},"root_module":{"resources":[');
  section(out, apps, (type, name, values, provider) => ({
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_config_key: provider === OKTA ? 'okta' : 'aws',
    // Two arguments of each block, as constants; an app's connection and mappings refer to the app.
    expressions: Object.fromEntries(
      Object.entries(values)
        .filter(([k]) => k !== 'id' && k !== 'app_id')
        .slice(0, 2)
        .map(([k, v]) => [k, { constant_value: v }])
        .concat(values.app_id !== undefined ? [['app_id', { references: [`okta_app_saml.app${name.split('_')[0].slice(3)}.id`, `okta_app_saml.app${name.split('_')[0].slice(3)}`] }]] : []),
    ),
    schema_version: 0,
  }));
  out.write(']}},"timestamp":"2026-01-01T00:00:00Z","applyable":true,"complete":true,"errored":false}');
  const bytes = out.close();
  return { bytes, resources: apps * RESOURCES_PER_APP, orphans: Math.ceil(apps / 10) * 2 };
}

module.exports = { writePlan, RESOURCES_PER_APP };
