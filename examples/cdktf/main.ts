// Example CDKTF app: Okta apps with provisioning and Group Push, guarded by okta-push-guard during synth.
// `npm run synth:example` synthesizes it in-process into cdktf.out/ (no terraform binary needed).
import { App, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
// One module per resource: loading the whole provider package costs ~100 ms for nothing.
import { AppSaml } from '@cdktf/provider-okta/lib/app-saml';
import { Group } from '@cdktf/provider-okta/lib/group';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { OktaPushGuard } from 'okta-push-guard/cdktf';

/**
 * okta_app_connection and okta_push_group arrived in okta/okta 6.5; the prebuilt bindings
 * (@cdktf/provider-okta 14, provider 4.20) lack them, so they are declared as plain resources.
 */
function oktaResource(scope: Construct, id: string, type: string, attributes: Record<string, unknown>): TerraformResource {
  const resource = new TerraformResource(scope, id, { terraformResourceType: type });
  for (const [name, value] of Object.entries(attributes)) resource.addOverride(name, value);
  return resource;
}

class OktaAppsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new OktaProvider(this, 'okta', { orgName: 'acme', baseUrl: 'okta.com' });
    const slackToken = new TerraformVariable(this, 'slack_scim_token', { type: 'string', sensitive: true });
    const engineering = new Group(this, 'engineering', { name: 'Engineering' });
    const operations = new Group(this, 'operations', { name: 'Operations' });

    // Slack: provisioning on, two groups pushed. Nothing to report.
    const slack = new AppSaml(this, 'slack', {
      label: 'Slack',
      ssoUrl: 'https://acme.slack.com/sso/saml',
      recipient: 'https://acme.slack.com/sso/saml',
      destination: 'https://acme.slack.com/sso/saml',
      audience: 'https://slack.com',
    });
    oktaResource(this, 'slack_provisioning', 'okta_app_connection', {
      id: slack.id,
      base_url: 'https://api.slack.com/scim/v2',
      action: 'activate',
      profile: { auth_scheme: 'TOKEN', token: slackToken.stringValue },
    });
    oktaResource(this, 'slack_engineering', 'okta_push_group', { app_id: slack.id, source_group_id: engineering.id });
    oktaResource(this, 'slack_operations', 'okta_push_group', { app_id: slack.id, source_group_id: operations.id });

    // The old wiki: provisioning switched off while a push mapping is still there (OPG001).
    const wiki = new AppSaml(this, 'legacy_wiki', {
      label: 'Legacy Wiki',
      ssoUrl: 'https://wiki.acme.example/sso/saml',
      audience: 'https://wiki.acme.example',
    });
    oktaResource(this, 'legacy_wiki_provisioning', 'okta_app_connection', {
      id: wiki.id,
      base_url: 'https://wiki.acme.example/scim/v2',
      action: 'deactivate',
      profile: { auth_scheme: 'OAUTH2', client_id: 'wiki-provisioning' },
    });
    oktaResource(this, 'legacy_wiki_engineering', 'okta_push_group', { app_id: wiki.id, source_group_id: engineering.id });
  }
}

const app = new App();
new OktaAppsStack(app, 'okta-apps');
// Guard every stack of the app; `Aspects.of(app).add(new OktaPushGuard({...}))` does the same.
OktaPushGuard.applyTo(app, {
  acknowledgements: [
    {
      rule: 'OPG001',
      address: 'okta_push_group.legacy_wiki_engineering',
      reason: 'the mapping moves to the new wiki in OKTA-42; provisioning stays off until then',
    },
  ],
});
app.synth();
