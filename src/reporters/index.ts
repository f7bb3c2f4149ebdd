// The reporter registry: one entry per --format value.
import type { Report } from '../engine/report';
import type { ReporterContext } from './context';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export type { ReporterContext };

export const reporters: Record<Format, (report: Report, context: ReporterContext) => string> = {
  github: (report) => formatGithub(report),
  gitlab: (report) => formatGitlab(report),
  json: (report) => formatJson(report),
  junit: formatJunit,
  markdown: formatMarkdown,
  sarif: formatSarif,
  text: (report, context) => formatText(report, { color: context.color }),
};
