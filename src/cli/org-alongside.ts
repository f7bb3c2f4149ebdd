// What lint judges beside its paths: the live org, when one is named. Kept apart from org-commands.ts so
// that a lint without an org loads none of the org client.
import { LoadError } from '../inputs/load-error';
import type { LintArgs } from './commands';
import type { Io } from './io';

export interface OrgArgs {
  /** --org-url; else OKTA_ORG_NAME and OKTA_BASE_URL (audit only). */
  orgUrl?: string;
  /** --timeout, in seconds. */
  timeout?: number;
  /** --concurrency: requests in flight at once. */
  concurrency?: number;
}

/**
 * What lint judges alongside the paths: the org of --org-url, else of the configuration's orgUrl; with
 * neither, nothing, and the network is never touched (the provider's OKTA_ORG_NAME is not enough).
 */
export function orgAlongside(org: OrgArgs, io: Io): NonNullable<LintArgs['alongside']> {
  return async (inputs, config) => {
    if (org.orgUrl === undefined && config?.orgUrl === undefined) {
      // A setting that would not be used is refused, so that nobody believes the org took part.
      const unused = org.timeout !== undefined ? '--timeout' : org.concurrency !== undefined ? '--concurrency' : undefined;
      if (unused) throw new LoadError('unused-argument', unused, 'no org is read: give --org-url too (or orgUrl in the configuration)');
      return [];
    }
    // The org client is loaded only by runs that read an org.
    const { connect } = require('./org-commands') as typeof import('./org-commands');
    const { liveInputs } = require('../org/live') as typeof import('../org/live');
    return liveInputs(connect(org, io, false, config), inputs);
  };
}
