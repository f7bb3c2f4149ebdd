// `okta-push-guard/cdktf`: the guard for apps built with CDK for Terraform (`cdktf`).
import { OktaPushGuardBase, type OktaPushGuardOptions } from './aspect';
import { openDoor, type Framework } from './framework';

// The peer dependency is loaded by this door only: the CLI and the library never need it.
const door = openDoor('cdktf', (): Framework => require('cdktf') as typeof import('cdktf'));

export class OktaPushGuard extends OktaPushGuardBase {
  constructor(options: OktaPushGuardOptions = {}) {
    super(door, options);
  }
}

export type { Acknowledgement, OktaPushGuardOptions } from './aspect';
