// The reporter registry: one entry per --format value. Each format's module is loaded when a run
// writes that format, so a run pays only for the formats it writes.
import type { Report } from '../engine/report';
import type { ReporterContext } from './context';
import type { LintFailure } from './failure';
import type { Format } from './formats';

export { FORMATS, type Format } from './formats';
export type { ReporterContext, LintFailure };

const failure = (): typeof import('./failure') => require('./failure') as typeof import('./failure');

export function failureOf(error: unknown, tool: LintFailure['tool']): LintFailure {
  return failure().failureOf(error, tool);
}

export const reporters: Record<Format, (report: Report, context: ReporterContext) => string> = {
  github: (report) => (require('./github') as typeof import('./github')).formatGithub(report),
  gitlab: (report) => (require('./gitlab') as typeof import('./gitlab')).formatGitlab(report),
  json: (report) => (require('./json') as typeof import('./json')).formatJson(report),
  junit: (report, context) => (require('./junit') as typeof import('./junit')).formatJunit(report, context),
  markdown: (report, context) => (require('./markdown') as typeof import('./markdown')).formatMarkdown(report, context),
  sarif: (report, context) => (require('./sarif') as typeof import('./sarif')).formatSarif(report, context),
  text: (report, context) => (require('./text') as typeof import('./text')).formatText(report, { color: context.color }),
};

/** What each format says when the run judged nothing (exit 2). */
export const failureReporters: Record<Format, (failure: LintFailure, context: ReporterContext) => string> = {
  github: (f) => failure().failureGithub(f),
  gitlab: (f) => failure().failureGitlab(f),
  json: (f) => failure().failureJson(f),
  junit: (f) => failure().failureJunit(f),
  markdown: (f) => failure().failureMarkdown(f),
  sarif: (f, context) => failure().failureSarif(f, context),
  text: (f) => failure().failureText(f),
};
