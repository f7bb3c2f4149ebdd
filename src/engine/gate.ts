// Whether a run fails the gate: one definition for the exit code and for reports that state a verdict.
import type { Finding } from './finding';
import { fails, type FailOn } from './severity';

export interface Gate {
  failOn: FailOn;
  failOnUnknown: boolean;
}

export function failsGate(finding: Finding, gate: Gate): boolean {
  return !finding.suppressed && (fails(finding.severity, gate.failOn) || (gate.failOnUnknown && finding.verdict === 'unknown'));
}
