// The rule registry: an explicit list, sorted by id. Adding a rule means adding it here.
import type { Rule } from '../src/engine/rule';
import { provisioningFeatureStatusNotSent } from './provisioning-feature-status-not-sent';
import { provisioningResourceRemovalIsNoop } from './provisioning-resource-removal-is-noop';
import { provisioningSecretInCode } from './provisioning-secret-in-code';
import { provisioningStatusUnknown } from './provisioning-status-unknown';
import { pushMappingDestroyDeletesTargetGroup } from './push-mapping-destroy-deletes-target-group';
import { pushMappingOnDisabledProvisioning } from './push-mapping-on-disabled-provisioning';
import { pushMappingOnInactiveApp } from './push-mapping-on-inactive-app';
import { unorderedProvisioningShutdown } from './unordered-provisioning-shutdown';

export const rules: readonly Rule[] = [
  pushMappingOnDisabledProvisioning,
  unorderedProvisioningShutdown,
  pushMappingDestroyDeletesTargetGroup,
  pushMappingOnInactiveApp,
  provisioningStatusUnknown,
  provisioningResourceRemovalIsNoop,
  provisioningSecretInCode,
  provisioningFeatureStatusNotSent,
] as Rule[];

export function findRule(idOrName: string): Rule | undefined {
  const wanted = idOrName.toLowerCase();
  return rules.find((r) => r.meta.id.toLowerCase() === wanted || r.meta.name === wanted);
}
