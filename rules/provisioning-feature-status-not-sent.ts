// OPG008: okta_app_features.status is never sent to Okta, so planning a change of it changes nothing.
import { defineRule, type Outcome } from '../src/engine/rule';
import { display, lookupString } from '../src/model/value';
import { code } from '../src/okta/describe';
import { sameFeature } from '../src/okta/transitions';

export const provisioningFeatureStatusNotSent = defineRule({
  meta: {
    id: 'OPG008',
    name: 'provisioning-feature-status-not-sent',
    severity: 'warning',
    description: 'Disallow planning a change of okta_app_features status, which the provider never sends to Okta',
    rationale:
      'The okta provider\'s Create and Update of okta_app_features send only the capabilities and then store the ' +
      'status Okta reports: a planned status does not enable or disable provisioning, and the apply fails with an ' +
      'inconsistent result when Okta reports another one. A plan that means to switch provisioning off this way ' +
      'leaves it on, and anyone reading the plan believes it is off.',
    remediation:
      '1. To switch provisioning off, first remove every push mapping of {{app}} and apply. ' +
      '2. Then set action = "deactivate" on the app\'s okta_app_connection and apply. ' +
      '3. Make okta_app_features status match what Okta reports (or leave it unset).',
    messages: {
      change:
        '{{resource}} plans status = {{planned}}{{was}}, but the provider never sends status to Okta: provisioning{{onApp}} ' +
        'stays as it is, and the apply fails with an inconsistent result if Okta reports another status. Switch ' +
        'provisioning with okta_app_connection action instead, after removing the push mappings.',
    },
  },
  check(view) {
    if (!view.isPlan) return [];
    const outcomes: Outcome<'change'>[] = [];
    for (const provisioner of view.provisioners) {
      const r = provisioner.resource;
      if (provisioner.kind !== 'feature' || r.mode !== 'managed' || !r.after || !['create', 'update', 'replace'].includes(r.action)) continue;
      const planned = lookupString(r.after, 'status');
      const same = sameFeature(r);
      const before = lookupString(same ? (r.before ?? undefined) : undefined, 'status');
      // A new feature (or one now naming another) planned DISABLED is the shutdown attempt; any other
      // planned value for it may match what Okta holds.
      const changes = same ? planned.state === 'known' && display(planned) !== display(before) : planned.state === 'known' && planned.value === 'DISABLED';
      if (!changes) {
        outcomes.push({ status: 'pass', resource: r });
        continue;
      }
      const link = provisioner.link.after;
      const app = link?.state === 'linked' ? link.app.label : undefined;
      outcomes.push({
        status: 'fail',
        messageId: 'change',
        data: {
          resource: code(r.id),
          planned: display(planned),
          was: same ? ` (was ${display(before)})` : '',
          onApp: app ? ` of ${code(app)}` : '',
        },
        resource: r,
        ...(app ? { app } : {}),
      });
    }
    return outcomes;
  },
});
