// Baselines: today's findings recorded by fingerprint, so a gate adopted on an org with existing
// orphans stops only new ones. Fingerprints ignore lines, so moved code keeps its entries.
import { readInputText } from '../inputs/read-file';
import { relative } from 'node:path';
import type { Finding } from '../engine/finding';
import { LoadError } from '../inputs/load-error';
import { isObject } from '../inputs/shape';
import { fingerprint } from '../engine/fingerprint';
import { MAX_JSON_FILE_BYTES, nestsDeeperThan, tooDeepDetail } from '../inputs/limits';

export interface Baseline {
  file: string;
  fingerprints: Set<string>;
}

export function readBaseline(path: string, cwd: string): Baseline {
  const shown = relative(cwd, path) || path;
  const text = readInputText(path, shown, 'no such baseline file; create it with --write-baseline', MAX_JSON_FILE_BYTES);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LoadError('bad-config', shown, 'not a readable okta-push-guard baseline');
  }
  if (nestsDeeperThan(data)) throw new LoadError('bad-config', shown, tooDeepDetail());
  const findings = isObject(data) && data.version === 1 && Array.isArray(data.findings) ? data.findings : undefined;
  if (!findings) throw new LoadError('bad-config', shown, 'not an okta-push-guard baseline (version 1)');
  return { file: shown, fingerprints: new Set(findings.filter(isObject).map((f) => String(f.fingerprint))) };
}

/** The baseline file for the unsuppressed findings of a run. */
export function baselineOf(findings: readonly Finding[], tool: { name: string; version: string }): string {
  const entries = findings
    .filter((f) => !f.suppressed && f.ruleId !== 'OPG000')
    .map((f) => ({ fingerprint: fingerprint(f), input: f.input, ruleId: f.ruleId, address: f.address }))
    .sort((a, b) => (a.input + a.ruleId + a.address < b.input + b.ruleId + b.address ? -1 : 1))
    .filter((e, i, all) => i === 0 || all[i - 1]!.fingerprint !== e.fingerprint);
  return `${JSON.stringify({ version: 1, tool, findings: entries }, null, 2)}\n`;
}
