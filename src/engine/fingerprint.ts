// A finding's identity across runs: the input, the rule and the resource address, never a line
// number, so it survives line moves and unrelated resources or for_each keys being added or reordered,
// while the same address in another input (staging, prod) stays a different finding.
import type { Finding } from './finding';

let createHash: typeof import('node:crypto').createHash | undefined;

export function fingerprint(finding: Pick<Finding, 'ruleId' | 'address' | 'input'>): string {
  // node:crypto is loaded by the first fingerprint (baselines, SARIF, suppressions), not by every run.
  createHash ??= (require('node:crypto') as typeof import('node:crypto')).createHash;
  return createHash('sha256').update(`${finding.input}\u0000${finding.ruleId}\u0000${finding.address}`).digest('hex');
}
