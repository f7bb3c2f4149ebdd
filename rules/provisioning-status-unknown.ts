// OPG005: what cannot be linked or decided before apply is reported, never passed silently: every
// outcome of this rule is an undecidable verdict.
import { defineRule, type Outcome } from '../src/engine/rule';
import { code, describeEvidence, evidenceRefs, listAddresses, named, namedApp } from '../src/okta/describe';
import { destroyedFirst, disablers, withdrawnByApp } from '../src/okta/transitions';

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
        'Cannot tell whether provisioning of {{app}} is enabled{{when}}, so push mapping {{mapping}} may be ' +
        'orphaned: {{evidence}}.',
      unlinkedProvisioner:
        'Cannot tell which app {{resource}} configures: {{reason}}. If it disables provisioning, push mappings of that ' +
        'app would be orphaned.',
      maybeUnordered:
        '{{disabler}} disables provisioning of {{app}}, which may be {{other}} (one of them has an id known only after ' +
        'apply), whose push mappings this plan removes ({{mappings}}). If they are the same app, Terraform does not ' +
        'order these changes: remove the mappings in an earlier apply.',
      forgottenInCode:
        '{{mapping}} is removed from Terraform with destroy = false, so the mapping stays in Okta, unmanaged; ' +
        'whether its app keeps provisioning enabled cannot be checked from the code.',
      unreadableMappings:
        'Cannot read the push mappings of {{app}} from the org ({{reason}}), so any of them may be orphaned. ' +
        'Check its Push Groups tab, or run the audit again.',
      moduleNotFollowed:
        'Cannot check inside {{module}}: {{reason}}. Push mappings or provisioning changes declared in it are not ' +
        'judged; run terraform init so its code is installed, or lint the plan.',
    },
  },
  check(view) {
    const outcomes: Outcome<'unlinkedMapping' | 'unknownProvisioning' | 'unreadableMappings' | 'unlinkedProvisioner' | 'moduleNotFollowed' | 'forgottenInCode' | 'maybeUnordered'>[] = [];
    for (const mapping of view.mappings) {
      const link = mapping.link.after;
      if (!link) continue;
      if (link.state === 'unknown') {
        outcomes.push({
          status: 'unknown',
          reason: 'mapping not linked',
          messageId: 'unlinkedMapping',
          data: { mapping: code(mapping.resource.id), reason: link.reason },
          resource: mapping.resource,
        });
        continue;
      }
      if (mapping.resource.readError) {
        // An org input's placeholder for a mapping list it could not read: unknown whatever provisioning says.
        outcomes.push({
          status: 'unknown',
          reason: 'mappings unreadable',
          messageId: 'unreadableMappings',
          data: { app: namedApp(link.app), reason: mapping.resource.readError },
          resource: mapping.resource,
          app: link.app.label,
        });
        continue;
      }
      const provisioning = link.app.provisioning.after;
      if (provisioning.state !== 'unknown' || !link.app.exists.after) {
        outcomes.push({ status: 'pass', resource: mapping.resource });
        continue;
      }
      outcomes.push({
        status: 'unknown',
        reason: 'provisioning status unknown',
        messageId: 'unknownProvisioning',
        data: { mapping: named(mapping.resource), app: namedApp(link.app), evidence: describeEvidence(provisioning.evidence), when: view.isPlan ? ' after this change' : view.inputKind === 'org' ? ' in the org' : '' },
        resource: mapping.resource,
        app: link.app.label,
        ...evidenceRefs(provisioning.evidence),
      });
    }
    for (const provisioner of view.provisioners) {
      const link = provisioner.link.after;
      const effect = provisioner.effect.after.state;
      if (link?.state !== 'unknown' || (effect !== 'disabled' && effect !== 'unknown')) continue;
      outcomes.push({
        status: 'unknown',
        reason: 'provisioner not linked',
        messageId: 'unlinkedProvisioner',
        data: { resource: code(provisioner.resource.id), reason: link.reason },
        resource: provisioner.resource,
      });
    }
    for (const module of view.unfollowedModules) {
      const subject = module.location ? { id: module.address, location: module.location } : { id: module.address };
      outcomes.push({
        status: 'unknown',
        reason: 'module not followed',
        messageId: 'moduleNotFollowed',
        data: { module: code(module.address), reason: module.reason },
        resource: subject,
      });
    }
    if (view.isPlan && view.possiblySame.size > 0) {
      const withdrawnOn = withdrawnByApp(view);
      for (const app of view.apps) {
        if (withdrawnOn.has(app)) continue;
        for (const evidence of disablers(app)) {
          for (const other of view.possiblySame.get(app) ?? []) {
            const withdrawn = withdrawnOn.get(other)?.filter((m) => !destroyedFirst(m, evidence.resource));
            if (!withdrawn?.length) continue;
            outcomes.push({
              status: 'unknown',
              reason: 'may be the same app',
              messageId: 'maybeUnordered',
              data: { disabler: code(evidence.resource.id), app: code(app.label), other: code(other.label), mappings: listAddresses(withdrawn) },
              resource: evidence.resource,
              app: app.label,
              related: withdrawn.map((r) => r.id),
            });
          }
        }
      }
    }
    for (const forgotten of view.forgottenMappings) {
      outcomes.push({
        status: 'unknown',
        reason: 'forgotten in code',
        messageId: 'forgottenInCode',
        data: { mapping: code(forgotten.address) },
        resource: forgotten.location ? { id: forgotten.address, location: forgotten.location } : { id: forgotten.address },
      });
    }
    return outcomes;
  },
});
