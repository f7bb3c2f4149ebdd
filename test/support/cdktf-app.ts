// Small CDKTF apps for tests: typed Okta app resources from @cdktf/provider-okta, and the resources its
// 4.20 bindings lack (okta_app_connection, okta_push_group) declared with TerraformResource.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { AppSaml } from '@cdktf/provider-okta/lib/app-saml';
import { Group } from '@cdktf/provider-okta/lib/group';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import type { Construct } from 'constructs';

export function resource(scope: Construct, id: string, type: string, attributes: Record<string, unknown>): TerraformResource {
  const r = new TerraformResource(scope, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(attributes)) r.addOverride(key, value);
  return r;
}

export interface StackShape {
  action: 'activate' | 'deactivate';
  groups: string[];
}

/** One app with a provisioning connection and one push mapping per group. */
export function oktaStack(app: App, name: string, shape: StackShape): TerraformStack {
  const stack = new TerraformStack(app, name);
  new OktaProvider(stack, 'okta', { orgName: 'acme', baseUrl: 'okta.com' });
  const slack = new AppSaml(stack, 'slack', { label: 'Slack', ssoUrl: 'https://acme.slack.com/sso/saml', audience: 'https://slack.com' });
  resource(stack, 'slack_connection', 'okta_app_connection', {
    id: slack.id,
    base_url: 'https://api.slack.com/scim/v2',
    action: shape.action,
    profile: { auth_scheme: 'TOKEN', token: '${var.slack_scim_token}' },
  });
  for (const g of shape.groups) {
    const group = new Group(stack, `group_${g}`, { name: g });
    resource(stack, `push_${g}`, 'okta_push_group', { app_id: slack.id, source_group_id: group.id });
  }
  return stack;
}

export function tempApp(): App {
  return new App({ outdir: mkdtempSync(join(tmpdir(), 'opg-cdktf-')) });
}

/** The classes a stack needs, from either cdktf or cdktn: both have them. */
export interface StackClasses {
  TerraformStack: new (scope: Construct, id: string) => Construct;
  TerraformResource: new (scope: Construct, id: string, config: { terraformResourceType: string }) => Construct & { addOverride(path: string, value: unknown): void };
}

/** The same shape as `oktaStack`, from plain resources only, so that it builds with cdktn as well as cdktf. */
export function plainOktaStack(classes: StackClasses, scope: Construct, name: string, shape: StackShape): Construct {
  const stack = new classes.TerraformStack(scope, name);
  const add = (id: string, type: string, attributes: Record<string, unknown>): void => {
    const r = new classes.TerraformResource(stack, id, { terraformResourceType: type });
    for (const [key, value] of Object.entries(attributes)) r.addOverride(key, value);
  };
  add('slack', 'okta_app_saml', { label: 'Slack' });
  add('slack_connection', 'okta_app_connection', { id: '${okta_app_saml.slack.id}', base_url: 'https://api.slack.com/scim/v2', action: shape.action });
  for (const g of shape.groups) add(`push_${g}`, 'okta_push_group', { app_id: '${okta_app_saml.slack.id}', source_group_id: `00g_${g}` });
  return stack;
}
