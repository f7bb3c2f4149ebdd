// The normalized inventory every loader produces and every later stage reads.
import type { InstanceKey, ModuleStep } from './address';
import type { ObjectValue, Value } from './value';

/** `org`: what a live Okta org holds, read through its Management API (src/org/). */
export type InputKind = 'plan' | 'redacted-plan' | 'state' | 'tfstate' | 'config' | 'org';

/** What the change does to one resource instance; `none` for inputs that describe what exists now. */
export type Action = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op' | 'forget' | 'none';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** The CDKTF construct that synthesized the resource. */
  constructPath?: string;
}

/** A suppression written as a comment on or above the block that declares a resource. */
export interface InlineSuppression {
  rules: string[];
  reason?: string;
  until?: string;
  owner?: string;
  /** Why the comment is not a valid suppression, when it is not. */
  problem?: string;
}

export interface ResourceInstance {
  /** Instance address, e.g. `module.a["x"].okta_push_group.p[0]`. */
  address: string;
  /** Unique within an inventory: the address, plus the deposed key for deposed objects. */
  id: string;
  modules: ModuleStep[];
  /** Module instance path, `module.a["x"]`, "" for the root. */
  modulePath: string;
  /** Address without instance keys, as configuration and references name it. */
  configAddress: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: InstanceKey;
  deposed?: string;
  action: Action;
  /** For `replace`: whether the old object goes first (default) or the new one is created first. */
  replaceOrder?: 'delete-first' | 'create-first';
  actionReason?: string;
  previousAddress?: string;
  /** Values before the change; null when the object does not exist before. */
  before: ObjectValue | null;
  /** Values after the change; null when Terraform will not hold the object afterwards. */
  after: ObjectValue | null;
  location?: SourceLocation;
  /**
   * What state records the object depends on (`depends_on` in state JSON and a plan's prior_state,
   * `dependencies` in raw tfstate): resource addresses without instance keys. Terraform orders a
   * destroy of this object before the update of anything listed here.
   */
  dependsOn?: string[];
  /** Inline suppressions from the code that declares it. */
  suppressions?: InlineSuppression[];
  /**
   * How findings describe the object beside its address, where the address alone says little to a
   * person: an org app's label, a mapping's source group (org inputs).
   */
  title?: string;
  /** Org inputs: the object could not be read, and why; its unknown values are unknown for that reason. */
  readError?: string;
}

/** A configuration expression as `terraform show -json` records it. */
export interface ConfigExpression {
  /** Present when Terraform could fold the expression to a constant. */
  constant?: unknown;
  references: string[];
  /**
   * Code only (plans do not say): the expression reads a file (`file()`, `templatefile()`…), so a value
   * without references is not written in the code itself.
   */
  readsFile?: boolean;
}

export type BlockExpressions = { [attribute: string]: ConfigExpression | BlockExpressions | BlockExpressions[] };

export interface ResourceConfig {
  /** Local address inside its module: `okta_push_group.p` or `data.okta_app.x`. */
  address: string;
  expressions: BlockExpressions;
  forEach?: ConfigExpression;
  count?: ConfigExpression;
}

export interface ModuleCallConfig {
  name: string;
  source?: string;
  expressions: { [variable: string]: ConfigExpression };
  forEach?: ConfigExpression;
  count?: ConfigExpression;
  module: ModuleConfig;
}

export interface ModuleConfig {
  resources: Map<string, ResourceConfig>;
  moduleCalls: Map<string, ModuleCallConfig>;
  outputs: Map<string, ConfigExpression>;
  variables: Map<string, { default?: unknown; sensitive: boolean }>;
  /** Locals, where the input records them (configuration code does; plans do not). */
  locals?: Map<string, ConfigExpression>;
}

/** A module call whose code is not available (a registry or git source not installed). */
export interface UnfollowedModule {
  address: string;
  reason: string;
  location?: SourceLocation;
}

export interface Inventory {
  kind: InputKind;
  formatVersion?: string;
  terraformVersion?: string;
  resources: ResourceInstance[];
  /** The root module's configuration, when the input carries it (plans do). */
  configuration?: ModuleConfig;
  /** Root variable values from a plan; sensitive ones wrapped as SensitiveValue. */
  variables: Map<string, Value>;
  /** Every string the input marks sensitive or that is a credential; outputs must never contain them. */
  secrets: Set<string>;
  /** Module calls that could not be followed; what depends on them is unknown. */
  unfollowedModules?: UnfollowedModule[];
  /** Resources the code removes with `removed { lifecycle { destroy = false } }`: they stay, unmanaged. */
  forgottenInCode?: UnfollowedModule[];
}
