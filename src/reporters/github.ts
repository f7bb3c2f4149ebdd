// GitHub Actions workflow commands: one annotation per finding, on its .tf line when known.
import type { Finding } from '../engine/finding';
import type { Report } from '../engine/report';
import type { Severity } from '../engine/severity';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Escaping of a command's message, as the Actions runner (toolkit `escapeData`) reads it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command property value (`escapeProperty`): also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const file = f.location?.file ?? f.input;
  const props = [`file=${escapeProperty(file)}`];
  if (f.location) props.push(`line=${f.location.line}`, `col=${f.location.column}`);
  props.push(`title=${escapeProperty(`${f.ruleId} ${f.rule}: ${f.address}`)}`);
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
}

export function formatGithub(report: Report): string {
  const lines = report.findings.filter((f) => !f.suppressed).map(annotation);
  const { error, warning, note, suppressed } = report.summary;
  lines.push(`okta-push-guard: ${error} errors, ${warning} warnings, ${note} notes${suppressed ? `, ${suppressed} suppressed` : ''} in ${report.inputs.length} inputs`);
  return `${lines.join('\n')}\n`;
}
