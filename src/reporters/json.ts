// The JSON report, exactly as schema/report.schema.json describes it.
import type { Report } from '../engine/report';

export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
