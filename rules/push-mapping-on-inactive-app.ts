// OPG004: ACTIVE push mappings should not remain on an app that is INACTIVE.
import { defineRule, type Outcome } from '../src/engine/rule';
import { named, namedApp } from '../src/okta/describe';

export const pushMappingOnInactiveApp = defineRule({
  meta: {
    id: 'OPG004',
    name: 'push-mapping-on-inactive-app',
    severity: 'warning',
    description: 'Disallow ACTIVE Group Push mappings on an app whose status is INACTIVE',
    rationale:
      'An INACTIVE app does not provision, but its ACTIVE push mappings still fire on group membership changes and ' +
      'fail, leaving the same orphaned-mapping failures as disabled provisioning, and they block a clean deletion of the app.',
    remediation:
      '1. Delete the push mappings of {{app}} and apply. ' +
      '2. Then deactivate the app in a later apply.',
    messages: {
      inactive:
        'Push mapping {{mapping}} is ACTIVE on {{app}}, which is INACTIVE{{when}}. Remove or deactivate the mapping ' +
        'before deactivating the app.',
      unknownStatus:
        'Cannot tell whether {{app}} is ACTIVE{{when}}, so ACTIVE push mapping {{mapping}} may remain on an INACTIVE ' +
        'app: its status is known only after apply. Remove or deactivate the mapping before deactivating the app.',
    },
  },
  check(view) {
    const outcomes: Outcome<'inactive' | 'unknownStatus'>[] = [];
    for (const mapping of view.mappings) {
      const link = mapping.link.after;
      const status = mapping.status.after;
      if (link?.state !== 'linked' || !link.app.exists.after || mapping.resource.readError || status?.state !== 'known' || status.value !== 'ACTIVE') continue;
      const appStatus = link.app.status.after;
      const data = { mapping: named(mapping.resource), app: namedApp(link.app), when: view.isPlan ? ' after this change' : '' };
      const related = link.app.resource ? [link.app.resource.id] : [];
      if (appStatus.state === 'unknown') {
        outcomes.push({ status: 'unknown', reason: 'app status unknown', messageId: 'unknownStatus', data, resource: mapping.resource, app: link.app.label, related });
        continue;
      }
      if (appStatus.state !== 'known' || appStatus.value !== 'INACTIVE') {
        outcomes.push({ status: 'pass', resource: mapping.resource });
        continue;
      }
      outcomes.push({ status: 'fail', messageId: 'inactive', data, resource: mapping.resource, app: link.app.label, related });
    }
    return outcomes;
  },
});
