// `okta-push-guard/cdktf`: the Aspect that guards `cdktf synth`.
export { OktaPushGuard, type Acknowledgement, type OktaPushGuardOptions } from './aspect';
