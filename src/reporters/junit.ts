// JUnit XML (Jenkins, GitLab, Azure DevOps): a suite per input, a failing case per finding,
// a passing case per rule that held.
import type { Report } from '../engine/report';
import type { ReporterContext } from './context';

export function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow at all, lone surrogates included.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

export function formatJunit(report: Report, context: ReporterContext): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  // Inputs, then anything else findings were reported on (the configuration file's unused suppressions).
  const paths = [...new Set([...report.inputs.map((i) => i.path), ...report.findings.map((f) => f.input)])];
  for (const path of paths) {
    const input = { path };
    const findings = report.findings.filter((f) => f.input === input.path);
    const cases: string[] = [];
    for (const f of findings) {
      const name = xml(`${f.ruleId} ${f.address}`);
      if (f.suppressed) {
        cases.push(`    <testcase classname="${xml(f.ruleId)}" name="${name}">\n      <skipped message="${xml(`suppressed: ${f.suppressed.reason}`)}"/>\n    </testcase>`);
        continue;
      }
      const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}\n` : '';
      cases.push(
        `    <testcase classname="${xml(f.ruleId)}" name="${name}" file="${xml(f.location?.file ?? f.input)}">\n` +
          `      <failure message="${xml(f.message)}" type="${xml(f.severity)}">${xml(`${where}${f.message}\n\n${f.remediation}`)}</failure>\n` +
          `    </testcase>`,
      );
    }
    const failed = new Set(findings.map((f) => f.ruleId));
    for (const run of context.runs.get(input.path) ?? []) {
      if (failed.has(run.ruleId)) continue;
      const meta = context.rules.find((r) => r.id === run.ruleId);
      cases.push(`    <testcase classname="${xml(run.ruleId)}" name="${xml(`${run.ruleId} ${meta?.name ?? ''}`.trim())}"/>`);
    }
    const suiteFailures = findings.filter((f) => !f.suppressed).length;
    const skipped = findings.length - suiteFailures;
    tests += cases.length;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${xml(input.path)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="okta-push-guard" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
