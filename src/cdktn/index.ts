// `okta-push-guard/cdktn`: the guard for apps built with CDK Terrain (`cdktn`), the maintained fork of
// CDK for Terraform. Its own door because a framework copy keeps its aspects where only that copy's
// classes read them: the guard must hook the very `cdktn` the app imports, before any synth.
import { OktaPushGuardBase, type OktaPushGuardOptions } from '../cdktf/aspect';
import { openDoor, type Framework } from '../cdktf/framework';

// The peer dependency is loaded by this door only: the CLI and the library never need it.
const door = openDoor('cdktn', (): Framework => require('cdktn') as typeof import('cdktn'));

/**
 * Fails `cdktn` synth when a stack leaves Group Push mappings on an app whose provisioning is disabled
 * (and reports the other okta-push-guard rules). Add it with `Aspects.of(app).add(new OktaPushGuard())`,
 * on a stack, or with `OktaPushGuard.applyTo(app)`: each guards every stack under it.
 */
export class OktaPushGuard extends OktaPushGuardBase {
  constructor(options: OktaPushGuardOptions = {}) {
    super(door, options);
  }
}

export type { Acknowledgement, OktaPushGuardOptions } from '../cdktf/aspect';
