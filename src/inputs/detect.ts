// Tells what a parsed JSON document is from its content alone, never from the file name.
import { isObject, typeName } from './shape';

export type DetectedKind =
  | 'plan'
  | 'redacted-plan'
  | 'state'
  | 'tfstate'
  | 'legacy-tfstate'
  | 'terraform-json'
  | 'cdktf-manifest'
  | 'not-terraform';

const PLAN_KEYS = [
  'planned_values',
  'resource_changes',
  'resource_drift',
  'output_changes',
  'configuration',
  'prior_state',
  'applyable',
  'complete',
  'errored',
  'relevant_attributes',
  'variables',
  'deferred_changes',
  'action_invocations',
];

const CONFIG_KEYS = ['resource', 'data', 'provider', 'terraform', 'module', 'variable', 'output', 'locals'];

export interface Detection {
  kind: DetectedKind;
  /** Why the document is not Terraform, for the error message. */
  reason?: string;
}

export function detect(json: unknown): Detection {
  if (!isObject(json)) {
    return { kind: 'not-terraform', reason: `the top level is ${typeName(json)}, not an object` };
  }
  if ('plan_format_version' in json) return { kind: 'redacted-plan' };
  if ('format_version' in json) {
    return PLAN_KEYS.some((k) => k in json) ? { kind: 'plan' } : { kind: 'state' };
  }
  if (typeof json.version === 'number' && ('lineage' in json || 'serial' in json || 'resources' in json || 'modules' in json)) {
    return json.version === 4 ? { kind: 'tfstate' } : { kind: 'legacy-tfstate' };
  }
  if (typeof json.version !== 'undefined' && isObject(json.stacks)) return { kind: 'cdktf-manifest' };
  if ('//' in json || CONFIG_KEYS.some((k) => isObject(json[k]) || Array.isArray(json[k]))) {
    return { kind: 'terraform-json' };
  }
  return {
    kind: 'not-terraform',
    reason: 'it is JSON but not Terraform: no format_version (plan or state from `terraform show -json`), no tfstate version, no configuration blocks',
  };
}
