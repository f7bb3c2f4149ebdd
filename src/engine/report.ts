// The report every front door returns and every reporter renders (JSON report contract, version 1).
import type { InputKind } from '../model/inventory';
import type { OktaCounts } from '../model/okta-resource-types';
import type { Finding } from './finding';
import type { RuleRun } from './run-rules';
import type { Gate } from './gate';
import { compareSeverity } from './severity';

export interface ReportInput {
  path: string;
  kind: InputKind;
  /** The Okta objects the input holds (resources and data sources), so an empty pass is visible. */
  resources: OktaCounts;
}

export interface Summary {
  error: number;
  warning: number;
  note: number;
  suppressed: number;
}

export interface Report {
  version: 1;
  tool: { name: string; version: string };
  inputs: ReportInput[];
  findings: Finding[];
  summary: Summary;
}

/** What a run knows beyond the report: per-input rule outcomes (for formats that list the rules that held) and the gate. */
export interface LintRun {
  report: Report;
  runs: Map<string, RuleRun[]>;
  /** What fails the run: the caller's, else the configuration's failOn; undecidable verdicts or not. */
  gate: Gate;
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { error: 0, warning: 0, note: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) summary.suppressed++;
    else summary[f.severity]++;
  }
  return summary;
}

/** Severity first, then address, then rule: the order people read findings in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
