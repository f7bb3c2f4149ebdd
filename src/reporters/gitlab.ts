// GitLab Code Quality report (the merge-request widget's JSON).
import type { Report } from '../engine/report';
import type { Severity } from '../engine/severity';
import { fingerprint } from '../engine/fingerprint';

const SEVERITY: Record<Severity, 'critical' | 'major' | 'info'> = { error: 'critical', warning: 'major', note: 'info' };

export function formatGitlab(report: Report): string {
  const issues = report.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      type: 'issue',
      check_name: `${f.ruleId} ${f.rule}`,
      description: f.message,
      content: { body: f.remediation },
      categories: ['Bug Risk'],
      severity: SEVERITY[f.severity],
      fingerprint: fingerprint(f),
      location: { path: f.location?.file ?? f.input, lines: { begin: f.location?.line ?? 1 } },
    }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
