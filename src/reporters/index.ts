// The reporter registry: one entry per --format value.
import type { Report } from '../engine/report';
import type { ReporterContext } from './context';
import { failureGithub, failureGitlab, failureJson, failureJunit, failureMarkdown, failureSarif, failureText, type LintFailure } from './failure';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export type { ReporterContext, LintFailure };
export { failureOf } from './failure';

export const reporters: Record<Format, (report: Report, context: ReporterContext) => string> = {
  github: (report) => formatGithub(report),
  gitlab: (report) => formatGitlab(report),
  json: (report) => formatJson(report),
  junit: formatJunit,
  markdown: formatMarkdown,
  sarif: formatSarif,
  text: (report, context) => formatText(report, { color: context.color }),
};

/** What each format says when the run judged nothing (exit 2). */
export const failureReporters: Record<Format, (failure: LintFailure, context: ReporterContext) => string> = {
  github: (failure) => failureGithub(failure),
  gitlab: (failure) => failureGitlab(failure),
  json: (failure) => failureJson(failure),
  junit: (failure) => failureJunit(failure),
  markdown: (failure) => failureMarkdown(failure),
  sarif: failureSarif,
  text: (failure) => failureText(failure),
};
