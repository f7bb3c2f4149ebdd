// Human-readable output for terminals and CI logs, grouped by input.
import type { Colors } from 'picocolors/types';
import type { Finding } from '../engine/finding';
import type { Report } from '../engine/report';
import type { Severity } from '../engine/severity';
import type { OktaCounts } from '../model/okta-resource-types';

export interface TextOptions {
  color: boolean;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeCounts(counts: OktaCounts): string {
  const { apps, connections, features, mappings } = counts;
  if (apps + connections + features + mappings === 0) return 'no Okta apps, connections, features or push mappings: nothing to judge';
  return `${plural(apps, 'app')}, ${plural(connections, 'connection')}, ${plural(features, 'feature')}, ${plural(mappings, 'push mapping')}`;
}

type Paint = Pick<Colors, 'bold' | 'cyan' | 'dim' | 'green' | 'red' | 'underline' | 'yellow'>;

/**
 * Without colour, every paint is `String`, as picocolors' own `createColors(false)` gives. picocolors is
 * loaded only for colour: as it loads, it asks the standard output stream whether it is a terminal,
 * which for a pipe makes a socket and loads node:net and the streams (about 5 % of a small lint's
 * run), for a default this never uses.
 */
const PLAIN: Paint = { bold: String, cyan: String, dim: String, green: String, red: String, underline: String, yellow: String };

function paintFor(color: boolean): Paint {
  return color ? (require('picocolors') as typeof import('picocolors')).createColors(true) : PLAIN;
}

export function formatText(report: Report, options: TextOptions): string {
  const c = paintFor(options.color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, note: c.cyan };
  const lines: string[] = [];
  // Suppressed findings are counted, not listed: they are in the JSON and SARIF reports.
  const byInput = new Map<string, Finding[]>();
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const list = byInput.get(f.input);
    if (list) list.push(f);
    else byInput.set(f.input, [f]);
  }
  const kinds = new Map(report.inputs.map((i) => [i.path, i.kind as string]));
  for (const [path, findings] of byInput) {
    lines.push(`${c.underline(path)} ${c.dim(`(${kinds.get(path) ?? 'configuration file'})`)}`);
    for (const f of findings) {
      const construct = f.location?.constructPath ? ` ${c.dim(`[${f.location.constructPath}]`)}` : '';
      const where = f.location ? `  ${c.dim(`${f.location.file}:${f.location.line}:${f.location.column}`)}${construct}` : '';
      const severity = paint[f.severity](f.severity.padEnd(7));
      lines.push(`  ${severity}  ${c.bold(f.ruleId)}  ${f.address}${where}`);
      lines.push(`           ${f.message}`);
    }
    lines.push('');
  }
  // What was read, so a run that judged nothing (a wrong folder, an empty stack) cannot pass unnoticed.
  lines.push(`Read ${plural(report.inputs.length, 'input')}:`);
  for (const input of report.inputs) lines.push(`  ${input.path} ${c.dim(`(${input.kind})`)}: ${describeCounts(input.resources)}`);
  const { error, warning, note, suppressed } = report.summary;
  const counted = error + warning + note;
  const inputs = plural(report.inputs.length, 'input');
  const extra = suppressed > 0 ? `, ${suppressed} suppressed` : '';
  if (counted === 0) {
    lines.push(c.green(`✔ No problems in ${inputs}${extra}.`));
  } else {
    const mark = error > 0 ? c.red('✖') : warning > 0 ? c.yellow('⚠') : c.cyan('ℹ');
    lines.push(`${mark} ${plural(counted, 'problem')} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(note, 'note')}) in ${inputs}${extra}.`);
    lines.push(c.dim('Run `okta-push-guard explain <rule id>` for why each rule matters and how to fix it.'));
  }
  return `${lines.join('\n')}\n`;
}
