// The reporter registry: one entry per --format value.
import type { Report } from '../engine/report';
import { formatJson } from './json';
import { formatText } from './text';

export const FORMATS = ['text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReporterOptions {
  color: boolean;
}

export const reporters: Record<Format, (report: Report, options: ReporterOptions) => string> = {
  json: (report) => formatJson(report),
  text: (report, options) => formatText(report, options),
};
