// The Okta view rules read: apps, their push mappings and provisioning, before and after the change.
import type { InputKind, ResourceInstance, UnfollowedModule } from '../model/inventory';
import type { Lookup } from '../model/value';

export type Phase = 'before' | 'after';

export type ProvisioningState = 'enabled' | 'disabled' | 'unknown' | 'unmanaged';

/** Which resource made a status what it is, worded for a finding. */
export interface Evidence {
  resource: ResourceInstance;
  /** e.g. `sets action = "deactivate"`. */
  text: string;
  /** The input the resource belongs to, when it is another input of the same run (see across-inputs.ts). */
  input?: string;
}

export interface Provisioning {
  state: ProvisioningState;
  /** The resources that decide `state` (those disabling it, or those whose effect is unknown). */
  evidence: Evidence[];
}

export type AppKind = 'managed' | 'data' | 'external';

export interface OktaApp {
  /** Stable identity: the app's address, or `id:<literal id>` for an app this input does not manage. */
  key: string;
  /** How findings name it: an address, or the literal app id. */
  label: string;
  kind: AppKind;
  resource?: ResourceInstance;
  exists: Record<Phase, boolean>;
  status: Record<Phase, Lookup>;
  provisioning: Record<Phase, Provisioning>;
}

export type LinkVia = 'reference' | 'id' | 'literal';

export type AppLink =
  | { state: 'linked'; app: OktaApp; via: LinkVia }
  /** `candidates`: the apps it may be, where a reference names several; absent when it may be any app. */
  | { state: 'unknown'; reason: string; candidates?: OktaApp[] };

/** One `okta_push_group` instance (or deposed object). */
export interface PushMapping {
  resource: ResourceInstance;
  /** Present for each phase in which the mapping exists in Okta. */
  link: Partial<Record<Phase, AppLink>>;
  /** Mapping status (`ACTIVE` by default) in each phase it exists. */
  status: Partial<Record<Phase, Lookup>>;
  /** Terraform stops managing it but the mapping stays in Okta (`removed { destroy = false }`). */
  forgotten: boolean;
}

export type ProvisionerKind = 'connection' | 'feature';

/** What one connection or feature resource does to provisioning in a phase. */
export interface Effect {
  state: 'enabled' | 'disabled' | 'unknown' | 'none';
  evidence?: Evidence;
  /** Left over from a resource Terraform no longer manages (removed, or pointed elsewhere). */
  stale?: boolean;
}

/** An `okta_app_connection` or `okta_app_features` instance. */
export interface Provisioner {
  resource: ResourceInstance;
  kind: ProvisionerKind;
  link: Partial<Record<Phase, AppLink>>;
  effect: Record<Phase, Effect>;
  /** Credential attributes (`profile.token`…) written as literals in the code. */
  literalSecrets: string[];
  /** Credential attributes a plan records as set without references or a value: a literal through a function, or a file read. */
  maybeLiteralSecrets: string[];
}

export interface OktaView {
  inputKind: InputKind;
  /** Plans are judged on the transition too; state inputs only on what exists. */
  isPlan: boolean;
  apps: OktaApp[];
  mappings: PushMapping[];
  provisioners: Provisioner[];
  /** Module calls whose code could not be read: anything inside them is unknown. */
  unfollowedModules: UnfollowedModule[];
  /** Push mappings the code removes from Terraform but leaves in Okta (`removed`, destroy = false). */
  forgottenMappings: UnfollowedModule[];
  /** Apps that may be one Okta app: a data source read at apply (no id yet) and apps named by literal ids. */
  possiblySame: Map<OktaApp, OktaApp[]>;
}
