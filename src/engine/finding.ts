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
  /** Which of the rule's messages: tests and tools match on it rather than on the wording. */
  messageId: string;
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

/** What makes a finding, the rest taking their defaults: a violation, no app, no related, no location, not suppressed. */
export type FindingParts = Pick<Finding, 'ruleId' | 'rule' | 'severity' | 'messageId' | 'message' | 'input' | 'address' | 'remediation'> &
  Partial<Pick<Finding, 'verdict' | 'app' | 'related' | 'elsewhere' | 'location'>>;

/** One finding, every field in the order the report gives them. */
export function makeFinding(parts: FindingParts): Finding {
  const { verdict = 'violation', app = null, related = [], elsewhere, location = null, ...rest } = parts;
  return {
    ruleId: rest.ruleId,
    rule: rest.rule,
    severity: rest.severity,
    verdict,
    messageId: rest.messageId,
    message: rest.message,
    input: rest.input,
    address: rest.address,
    app,
    related,
    ...(elsewhere?.length ? { elsewhere } : {}),
    location,
    remediation: rest.remediation,
    suppressed: null,
  };
}
