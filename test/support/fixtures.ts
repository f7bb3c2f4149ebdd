// Linting fixtures (and variations of them) in tests.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/engine/finding';
import type { Report } from '../../src/engine/report';
import { lint } from '../../src/core/lint';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');

export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}

export function readFixture<T = Record<string, unknown>>(relative: string): T {
  return JSON.parse(readFileSync(fixturePath(relative), 'utf8')) as T;
}

export async function lintFixture(...relative: string[]): Promise<Report> {
  return lint(relative, { cwd: FIXTURES });
}

/** Lints a document written to a temporary file (for variations of a fixture). */
export async function lintDocument(document: unknown, name = 'plan.json'): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'opg-doc-'));
  writeFileSync(join(dir, name), JSON.stringify(document));
  return lint([name], { cwd: dir });
}

/** `RULE address` pairs, sorted, optionally for one rule only. */
export function pairs(report: Report | Finding[], ruleId?: string): string[] {
  const findings = Array.isArray(report) ? report : report.findings;
  return findings
    .filter((f) => !ruleId || f.ruleId === ruleId)
    .map((f) => `${f.ruleId} ${f.address}`)
    .sort();
}

export function only(report: Report, ruleId: string): Finding[] {
  return report.findings.filter((f) => f.ruleId === ruleId);
}

type Change = { address: string; change: Record<string, unknown> };

/** The resource_changes entry of an address, for editing a copy of a plan. */
export function changeOf(plan: Record<string, unknown>, address: string): Change {
  const found = (plan.resource_changes as Change[]).find((c) => c.address === address);
  if (!found) throw new Error(`no resource change ${address}`);
  return found;
}
