// A finding as reports carry it (the JSON report contract).
import type { SourceLocation } from '../model/inventory';
import type { Severity } from './severity';

export interface Suppression {
  reason: string;
  source: string;
}

/** A resource of another input of the same run that a finding rests on (inputs judged together). */
export interface ResourceElsewhere {
  input: string;
  address: string;
  location: SourceLocation | null;
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
  /** Evidence from other inputs of the run; absent when there is none. */
  elsewhere?: ResourceElsewhere[];
  location: SourceLocation | null;
  remediation: string;
  suppressed: Suppression | null;
}
