// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
import { remediationFor } from '../engine/render';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding } from '../engine/finding';
import type { Report } from '../engine/report';
import type { Severity } from '../engine/severity';
import type { ReporterContext } from './context';
import { fingerprint } from '../engine/fingerprint';

/** GitHub code scanning limits per run and per result. */
export const MAX_RESULTS = 25_000;
export const MAX_RELATED_LOCATIONS = 1_000;

export const ORIGINAL_URI_BASE_IDS: Sarif.Run['originalUriBaseIds'] = {
  '%SRCROOT%': { description: { text: 'The folder okta-push-guard ran in (the repository root in CI).' } },
};

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', note: 'note' };

function uri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** Relative paths hang off the source root; an absolute one (an input given that way) is a file URI. */
function artifact(file: string): Sarif.ArtifactLocation {
  return isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: uri(file), uriBaseId: '%SRCROOT%' };
}

export function physical(file: string, line?: number, column?: number): Sarif.PhysicalLocation {
  const location: Sarif.PhysicalLocation = { artifactLocation: artifact(file) };
  if (line !== undefined) location.region = { startLine: line, ...(column !== undefined ? { startColumn: column } : {}) };
  return location;
}

function result(finding: Finding, ruleIndex: number): Sarif.Result {
  const primary: Sarif.Location = {
    physicalLocation: finding.location
      ? physical(finding.location.file, finding.location.line, finding.location.column)
      : physical(finding.input),
    logicalLocations: [{ fullyQualifiedName: finding.address, kind: 'resource' }],
  };
  const here = [...(finding.app ? [finding.app] : []), ...finding.related]
    .filter((address, i, all) => all.indexOf(address) === i)
    .map((address, i) => ({ address, physicalLocation: physical(finding.input), text: i === 0 && finding.app ? `app ${address}` : `evidence ${address}` }));
  // Evidence from another input of the run: on its own file (and line, where known).
  const elsewhere = (finding.elsewhere ?? []).map((e) => ({
    address: e.address,
    physicalLocation: e.location ? physical(e.location.file, e.location.line, e.location.column) : physical(e.input),
    text: `evidence ${e.address} in ${e.input}`,
  }));
  const related = [...here, ...elsewhere].slice(0, MAX_RELATED_LOCATIONS).map(
    (r, id): Sarif.Location => ({
      id,
      physicalLocation: r.physicalLocation,
      logicalLocations: [{ fullyQualifiedName: r.address, kind: 'resource' }],
      message: { text: r.text },
    }),
  );
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [primary],
    partialFingerprints: { 'oktaPushGuard/v1': fingerprint(finding) },
    // SARIF's kind `review` would need level none, which code scanning hides: the verdict is a property.
    properties: { input: finding.input, verdict: finding.verdict, remediation: finding.remediation },
  };
  if (related.length > 0) out.relatedLocations = related;
  if (finding.suppressed) {
    out.suppressions = [{ kind: finding.suppressed.source.startsWith('inline') ? 'inSource' : 'external', justification: finding.suppressed.reason }];
  }
  return out;
}

export function formatSarif(report: Report, context: ReporterContext): string {
  const rules: Sarif.ReportingDescriptor[] = context.rules.map((meta) => ({
    id: meta.id,
    name: meta.name,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: { text: `${meta.rationale}\n\nHow to fix: ${remediationFor(meta.remediation)}`, markdown: context.ruleDoc(meta) },
    helpUri: context.ruleUri(meta),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: ['okta', 'terraform', 'provisioning', 'reliability'], precision: 'high' },
  }));
  const index = new Map(context.rules.map((meta, i) => [meta.id, i]));
  const results = report.findings.slice(0, MAX_RESULTS).map((f) => result(f, index.get(f.ruleId) ?? -1));
  const run: Sarif.Run = {
    tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, informationUri: context.informationUri, rules } },
    originalUriBaseIds: ORIGINAL_URI_BASE_IDS,
    artifacts: report.inputs.map((input) => ({ location: artifact(input.path), description: { text: `${input.kind} input` } })),
    results,
    columnKind: 'utf16CodeUnits',
  };
  if (report.findings.length > MAX_RESULTS) {
    run.invocations = [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [{ level: 'warning', message: { text: `Only the first ${MAX_RESULTS} of ${report.findings.length} results are included (GitHub's limit per run).` } }],
      },
    ];
  }
  const log: Sarif.Log = { version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}
