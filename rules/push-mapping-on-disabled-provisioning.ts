// OPG001: a Group Push mapping must not remain on an app whose provisioning is disabled.
import { defineRule, type Outcome } from '../src/engine/rule';
import { describeEvidence, evidenceRefs, named, namedApp } from '../src/okta/describe';
import type { Evidence } from '../src/okta/view';

/** Evidence that only a connection the plan creates or replaces disables provisioning: Okta is not told. */
function createdConnection(e: Evidence): boolean {
  return e.resource.type === 'okta_app_connection' && (e.resource.action === 'create' || e.resource.action === 'replace');
}

export const pushMappingOnDisabledProvisioning = defineRule({
  meta: {
    id: 'OPG001',
    name: 'push-mapping-on-disabled-provisioning',
    severity: 'error',
    description: 'Disallow Group Push mappings on an app whose provisioning is disabled',
    rationale:
      'Okta needs provisioning enabled to run Group Push. When a user in a pushed group is matched or activated ' +
      '(for example by an Active Directory import), Okta runs the push for every mapping on the app; with provisioning ' +
      'disabled the push fails with "invalid credentials", and because every provisioning sub-job must succeed the ' +
      'whole user activation fails. The import itself completes, so the failure is easy to miss, and repair is manual.',
    remediation:
      '1. Remove every okta_push_group of {{app}} (delete the resources, or move them to the app that replaces it) and apply. ' +
      '2. Only then disable provisioning (okta_app_connection action = "deactivate") in a later apply. ' +
      'If provisioning is already off in Okta, re-enable it with a valid API token, ' +
      'delete the mappings, then disable it again.',
    messages: {
      remains:
        'Push mapping {{mapping}} remains on {{app}} while its provisioning is disabled: {{evidence}}. ' +
        'Remove the mapping before disabling provisioning.',
      forgotten:
        'Push mapping {{mapping}} is removed from Terraform with destroy = false, so it stays on {{app}} in Okta ' +
        'while its provisioning is disabled: {{evidence}}. Delete the mapping before disabling provisioning.',
      createdConnection:
        'Push mapping {{mapping}} stays on {{app}}, whose provisioning this plan means to disable ({{evidence}}), but ' +
        'the connection is created, and the provider\'s Create never deactivates: the apply fails with "Provider returned ' +
        'invalid result object after apply" and leaves the connection tainted, so Okta keeps the provisioning status it ' +
        'has, which the plan does not show. Remove the mapping before disabling provisioning; once it is gone, import the ' +
        'connection (terraform import) so that deactivating it is an update.',
    },
  },
  check(view) {
    const outcomes: Outcome<'remains' | 'forgotten' | 'createdConnection'>[] = [];
    for (const mapping of view.mappings) {
      const link = mapping.link.after;
      // A mapping list that could not be read is OPG005's to report.
      if (link?.state !== 'linked' || !link.app.exists.after || mapping.resource.readError) continue;
      const provisioning = link.app.provisioning.after;
      if (provisioning.state !== 'disabled') {
        outcomes.push(
          provisioning.state === 'unknown'
            ? // Counted, not reported: OPG005 reports the mapping with the evidence.
              { status: 'unknown', resource: mapping.resource, reason: 'provisioning status unknown' }
            : { status: 'pass', resource: mapping.resource },
        );
        continue;
      }
      const data = { mapping: named(mapping.resource), app: namedApp(link.app), evidence: describeEvidence(provisioning.evidence) };
      // A connection this plan creates (or replaces: Delete only warns, then Create) never deactivates in Okta.
      if (!mapping.forgotten && provisioning.evidence.every(createdConnection)) {
        outcomes.push({ status: 'unknown', reason: 'created connection', messageId: 'createdConnection', data, resource: mapping.resource, app: link.app.label, ...evidenceRefs(provisioning.evidence) });
        continue;
      }
      outcomes.push({
        status: 'fail',
        messageId: mapping.forgotten ? 'forgotten' : 'remains',
        data,
        resource: mapping.resource,
        app: link.app.label,
        ...evidenceRefs(provisioning.evidence),
      });
    }
    return outcomes;
  },
});
