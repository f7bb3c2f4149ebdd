// A pull-request comment: the verdict first, then the findings, then what to do.
import { remediationFor } from '../engine/render';
import type { Finding } from '../engine/finding';
import type { Report } from '../engine/report';
import { failsGate } from '../engine/gate';
import type { ReporterContext } from './context';

/** Findings beyond this many go into a collapsed section. */
const SHOWN = 20;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(f: Finding): string {
  const where = f.location ? `\`${f.location.file}:${f.location.line}\`` : `\`${f.input}\``;
  return `| ${f.severity} | ${f.ruleId} | \`${cell(f.address)}\` | ${f.app ? `\`${cell(f.app)}\`` : ''} | ${cell(where)} | ${cell(f.message)} |`;
}

export function formatMarkdown(report: Report, context: ReporterContext): string {
  const { error, warning, note, suppressed } = report.summary;
  const open = report.findings.filter((f) => !f.suppressed);
  const lines: string[] = ['## okta-push-guard', ''];
  const counts = `${error} error${error === 1 ? '' : 's'}, ${warning} warning${warning === 1 ? '' : 's'}, ${note} note${note === 1 ? '' : 's'}`;
  // The verdict is the gate's, so it agrees with the exit code.
  if (report.findings.some((f) => failsGate(f, context.gate))) lines.push(`**Blocked:** ${counts}.`);
  else if (error + warning + note > 0) lines.push(`**Passed** with ${counts}.`);
  else lines.push('**Passed:** no problems found.');
  lines.push('', `${report.inputs.length} input${report.inputs.length === 1 ? '' : 's'}: ${report.inputs.map((i) => `\`${i.path}\` (${i.kind})`).join(', ')}${suppressed ? `; ${suppressed} suppressed` : ''}.`);
  if (open.length > 0) {
    const header = ['', '| severity | rule | resource | app | location | message |', '|---|---|---|---|---|---|'];
    lines.push(...header, ...open.slice(0, SHOWN).map(row));
    if (open.length > SHOWN) {
      lines.push('', `<details><summary>${open.length - SHOWN} more</summary>`, ...header, ...open.slice(SHOWN).map(row), '', '</details>');
    }
    lines.push('', '### How to fix', '');
    for (const id of [...new Set(open.map((f) => f.ruleId))]) {
      const meta = context.rules.find((r) => r.id === id);
      if (meta) lines.push(`- **${meta.id} ${meta.name}**: ${remediationFor(meta.remediation)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
