// OPG002: one plan must not both disable provisioning and remove the app's push mappings.
import { defineRule, type Outcome } from '../src/engine/rule';
import { code, listAddresses } from '../src/okta/describe';
import { destroyedFirst, disablers, withdrawnByApp } from '../src/okta/transitions';

export const unorderedProvisioningShutdown = defineRule({
  meta: {
    id: 'OPG002',
    name: 'unordered-provisioning-shutdown',
    severity: 'error',
    description: 'Disallow disabling provisioning in the same plan that removes or deactivates the app\'s push mappings',
    rationale:
      'Terraform applies independent changes in any order (and in parallel). If provisioning is disabled before the ' +
      'mappings are deleted, Okta refuses to manage the mappings (Group Push needs provisioning) and they stay behind ' +
      'as orphans that break user activation. The prevention rule needs a guaranteed order, which only separate applies give.',
    remediation:
      '1. Delete the push mappings of {{app}} in one apply (an INACTIVE mapping still counts as a mapping). ' +
      '2. Disable provisioning in a later apply, once no mapping is left.',
    messages: {
      together:
        '{{disabler}} disables provisioning of {{app}} in the same plan that removes or deactivates its push mappings ' +
        '({{mappings}}). Terraform does not order these changes, so provisioning may be off before the mappings are gone. ' +
        'Remove the mappings in an earlier apply.',
    },
  },
  check(view) {
    if (!view.isPlan) return [];
    const outcomes: Outcome<'together'>[] = [];
    const withdrawnOn = withdrawnByApp(view);
    for (const app of view.apps) {
      const withdrawn = withdrawnOn.get(app);
      // Only an update deactivates: a connection's Create never does, and a replacement is Delete (a
      // warning) then Create.
      for (const evidence of disablers(app).filter((e) => e.resource.action === 'update')) {
        // Mappings whose destroy Terraform orders before this update (recorded dependencies) are safe.
        const unordered = (withdrawn ?? []).filter((m) => !destroyedFirst(m, evidence.resource));
        if (unordered.length === 0) {
          outcomes.push({ status: 'pass', resource: evidence.resource });
          continue;
        }
        outcomes.push({
          status: 'fail',
          messageId: 'together',
          data: { disabler: code(evidence.resource.id), app: code(app.label), mappings: listAddresses(unordered) },
          resource: evidence.resource,
          app: app.label,
          related: unordered.map((r) => r.id),
        });
      }
    }
    return outcomes;
  },
});
