// A finding as reports carry it (the JSON report contract).
import type { SourceLocation } from '../model/inventory';
import type { Severity } from './severity';

export interface Suppression {
  reason: string;
  source: string;
}

/** `violation`: the rule failed; `unknown`: it could not be decided before apply (a strict gate fails on these). */
export type Verdict = 'violation' | 'unknown';

export interface Finding {
  ruleId: string;
  rule: string;
  severity: Severity;
  verdict: Verdict;
  message: string;
  /** The input path the finding came from, as given on the command line. */
  input: string;
  address: string;
  app: string | null;
  related: string[];
  location: SourceLocation | null;
  remediation: string;
  suppressed: Suppression | null;
}
