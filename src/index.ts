// Public API of okta-push-guard: lint() and the types of what it returns.
export { lint, lintRun, type LintOptions } from './core/lint';
export type { Finding, Suppression } from './engine/finding';
export type { LintRun, Report, ReportInput, Summary } from './engine/report';
export type { Rule, RuleMeta, Outcome } from './engine/rule';
export { SEVERITIES, FAIL_ON_LEVELS, fails, type Severity, type FailOn } from './engine/severity';
export { LoadError, type LoadErrorCode } from './inputs/load-error';
export type { InputKind, SourceLocation } from './model/inventory';
export { rules } from '../rules';
