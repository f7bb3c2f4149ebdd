// `okta-push-guard/cdktf`: the guard for apps built with CDK for Terraform (`cdktf`).
import { OktaPushGuardBase, type OktaPushGuardOptions } from './aspect';
import { openDoor, type Framework } from './framework';

// The peer dependency is loaded by this door only: the CLI and the library never need it.
const door = openDoor('cdktf', (): Framework => require('cdktf') as typeof import('cdktf'));

/**
 * Fails `cdktf` synth when a stack leaves Group Push mappings on an app whose provisioning is disabled
 * (and reports the other okta-push-guard rules). Add it with `Aspects.of(app).add(new OktaPushGuard())`,
 * on a stack, or with `OktaPushGuard.applyTo(app)`: each guards every stack under it.
 */
export class OktaPushGuard extends OktaPushGuardBase {
  constructor(options: OktaPushGuardOptions = {}) {
    super(door, options);
  }
}

export type { Acknowledgement, OktaPushGuardOptions } from './aspect';
