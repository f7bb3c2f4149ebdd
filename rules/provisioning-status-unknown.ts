// OPG005: what cannot be linked or decided before apply is reported, never passed silently.
import { defineRule, type Outcome } from '../src/engine/rule';
import { code, describeEvidence } from '../src/okta/describe';

export const provisioningStatusUnknown = defineRule({
  meta: {
    id: 'OPG005',
    name: 'provisioning-status-unknown',
    severity: 'note',
    description: 'Require that every push mapping\'s app and its provisioning status, and every provisioning resource\'s app, can be decided before apply',
    rationale:
      'A gate that cannot tell which app a mapping belongs to, or whether that app\'s provisioning will be on, cannot ' +
      'promise the mapping is safe. These cases are reported so that a person decides, instead of being passed silently.',
    remediation:
      '1. Refer to the app directly (okta_app_saml.x.id, a data source, or a module output that returns it) rather ' +
      'than through locals or values known only after apply. 2. Where that is not possible, check by hand that ' +
      '{{app}} keeps provisioning enabled while it has push mappings. 3. Use --fail-on-unknown to make undecidable ' +
      'mappings fail the gate.',
    messages: {
      unlinkedMapping: 'Cannot tell which app push mapping {{mapping}} belongs to: {{reason}}.',
      unknownProvisioning:
        'Cannot tell whether provisioning of {{app}} is enabled after this change, so push mapping {{mapping}} may be ' +
        'orphaned: {{evidence}}.',
      unlinkedProvisioner:
        'Cannot tell which app {{resource}} configures: {{reason}}. If it disables provisioning, push mappings of that ' +
        'app would be orphaned.',
      forgottenInCode:
        '{{mapping}} is removed from Terraform with destroy = false, so the mapping stays in Okta, unmanaged; ' +
        'whether its app keeps provisioning enabled cannot be checked from the code.',
      moduleNotFollowed:
        'Cannot check inside {{module}}: {{reason}}. Push mappings or provisioning changes declared in it are not ' +
        'judged; run terraform init so its code is installed, or lint the plan.',
    },
  },
  check(view) {
    const outcomes: Outcome<'unlinkedMapping' | 'unknownProvisioning' | 'unlinkedProvisioner' | 'moduleNotFollowed' | 'forgottenInCode'>[] = [];
    for (const mapping of view.mappings) {
      const link = mapping.link.after;
      if (!link) continue;
      if (link.state === 'unknown') {
        outcomes.push({
          status: 'fail',
          messageId: 'unlinkedMapping',
          data: { mapping: code(mapping.resource.id), reason: link.reason },
          resource: mapping.resource,
        });
        continue;
      }
      const provisioning = link.app.provisioning.after;
      if (provisioning.state !== 'unknown' || !link.app.exists.after) {
        outcomes.push({ status: 'pass', resource: mapping.resource });
        continue;
      }
      outcomes.push({
        status: 'fail',
        messageId: 'unknownProvisioning',
        data: { mapping: code(mapping.resource.id), app: code(link.app.label), evidence: describeEvidence(provisioning.evidence) },
        resource: mapping.resource,
        app: link.app.label,
        related: provisioning.evidence.map((e) => e.resource.id),
      });
    }
    for (const provisioner of view.provisioners) {
      const link = provisioner.link.after;
      const effect = provisioner.effect.after.state;
      if (link?.state !== 'unknown' || (effect !== 'disabled' && effect !== 'unknown')) continue;
      outcomes.push({
        status: 'fail',
        messageId: 'unlinkedProvisioner',
        data: { resource: code(provisioner.resource.id), reason: link.reason },
        resource: provisioner.resource,
      });
    }
    for (const module of view.unfollowedModules) {
      const subject = module.location ? { id: module.address, location: module.location } : { id: module.address };
      outcomes.push({
        status: 'fail',
        messageId: 'moduleNotFollowed',
        data: { module: code(module.address), reason: module.reason },
        resource: subject,
      });
    }
    for (const forgotten of view.forgottenMappings) {
      outcomes.push({
        status: 'fail',
        messageId: 'forgottenInCode',
        data: { mapping: code(forgotten.address) },
        resource: forgotten.location ? { id: forgotten.address, location: forgotten.location } : { id: forgotten.address },
      });
    }
    return outcomes;
  },
});
