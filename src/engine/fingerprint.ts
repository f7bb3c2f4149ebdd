// A finding's identity across runs: the input, the rule and the resource address, never a line
// number, so it survives line moves and unrelated resources or for_each keys being added or reordered,
// while the same address in another input (staging, prod) stays a different finding.
import { createHash } from 'node:crypto';
import type { Finding } from './finding';

export function fingerprint(finding: Pick<Finding, 'ruleId' | 'address' | 'input'>): string {
  return createHash('sha256').update(`${finding.input}\u0000${finding.ruleId}\u0000${finding.address}`).digest('hex');
}
