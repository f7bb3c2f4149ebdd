// A finding's identity across runs: the rule and the resource address, never a line number, so it
// survives line moves and unrelated resources or for_each keys being added or reordered.
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/finding';

export function fingerprint(finding: Pick<Finding, 'ruleId' | 'address'>): string {
  return createHash('sha256').update(`${finding.ruleId}\u0000${finding.address}`).digest('hex');
}
