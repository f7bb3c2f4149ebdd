// What reporters are given besides the report: they do no I/O and detect nothing themselves.
import type { RuleMeta } from '../engine/rule';
import type { RuleRun } from '../engine/run-rules';
import type { Gate } from '../engine/gate';

export interface ReporterContext {
  color: boolean;
  /** The gate the run is judged by, for formats that state a verdict. */
  gate: Gate;
  /** Metadata of every rule that ran (and of the rest, for formats that list all rules). */
  rules: readonly RuleMeta<string>[];
  /** Rule outcomes per input path, for formats that list the rules that held. */
  runs: ReadonlyMap<string, readonly RuleRun[]>;
  /** A rule's documentation page (Markdown). */
  ruleDoc: (rule: RuleMeta<string>) => string;
  /** Where a rule's documentation lives online. */
  ruleUri: (rule: RuleMeta<string>) => string;
  informationUri: string;
}
