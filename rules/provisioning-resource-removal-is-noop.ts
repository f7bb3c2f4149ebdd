// OPG006: destroying a connection or feature resource does not change provisioning in Okta.
import { defineRule, type Outcome } from '../src/engine/rule';
import { code } from '../src/okta/describe';

const STATE_WORDS = { enabled: 'stays enabled', disabled: 'stays disabled', unknown: 'stays as it is', none: 'stays as it is' } as const;

export const provisioningResourceRemovalIsNoop = defineRule({
  meta: {
    id: 'OPG006',
    name: 'provisioning-resource-removal-is-noop',
    severity: 'warning',
    description: 'Disallow destroying okta_app_connection or okta_app_features (or pointing them at another app) to turn provisioning off',
    rationale:
      'The provider\'s delete for okta_app_connection and okta_app_features only prints a warning: nothing is ' +
      'deactivated in Okta. Removing the resource leaves provisioning as it was, now unmanaged, which hides its real ' +
      'state from later plans and from this check.',
    remediation:
      '1. To turn provisioning off, first remove every push mapping of {{app}} and apply. ' +
      '2. Then set action = "deactivate" on its okta_app_connection and apply. ' +
      '3. Only then remove the resource from the configuration, if at all.',
    messages: {
      noop:
        'Destroying {{resource}} does not change provisioning{{onApp}} in Okta: the provider only warns on delete, so ' +
        'provisioning {{stays}} and is no longer managed by Terraform.',
      moved:
        '{{resource}} now points at {{newApp}}, but nothing is undone for {{app}}: its provisioning {{stays}} and is ' +
        'no longer managed by Terraform.',
    },
  },
  check(view) {
    if (!view.isPlan) return [];
    const outcomes: Outcome<'noop' | 'moved'>[] = [];
    for (const provisioner of view.provisioners) {
      const r = provisioner.resource;
      if (r.mode !== 'managed') continue;
      const link = provisioner.link.before;
      const app = link?.state === 'linked' ? link.app.label : undefined;
      const next = provisioner.link.after;
      if (link?.state === 'linked' && next?.state === 'linked' && next.app !== link.app) {
        outcomes.push({
          status: 'fail',
          messageId: 'moved',
          data: { resource: code(r.id), newApp: code(next.app.label), app: code(link.app.label), stays: STATE_WORDS[provisioner.effect.before.state] },
          resource: r,
          app: link.app.label,
        });
        continue;
      }
      if (r.action !== 'delete') continue;
      outcomes.push({
        status: 'fail',
        messageId: 'noop',
        data: { resource: code(r.id), onApp: app ? ` of ${code(app)}` : '', stays: STATE_WORDS[provisioner.effect.before.state] },
        resource: r,
        ...(app ? { app } : {}),
      });
    }
    return outcomes;
  },
});
