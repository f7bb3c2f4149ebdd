// The same scenario as .tf code and as the plan Terraform makes from it gives the same OPG001 verdicts.
import { join } from 'node:path';
import { lint } from '../src/core/lint';
import { FIXTURES, pairs } from './support/fixtures';

/** Fixture folders holding both the code (main.tf, modules) and the plan made from it. */
const SCENARIOS = [
  'orphan-after-deactivate',
  'features-user-vs-inbound',
  'external-app-literal-id',
  'module-app-same-plan',
  'module-for-each-apps',
  'module-variable-app-id',
  'data-source-app',
  'mapping-via-connection-id',
  'inactive-app',
  'moved-mapping',
  'code-each-value-references',
];

describe('code and plan agree', () => {
  it.each(SCENARIOS)('%s: same (rule, address) set for OPG001', async (scenario) => {
    const report = await lint([scenario], { cwd: FIXTURES, env: {} });
    expect(report.inputs.map((i) => i.kind).sort()).toEqual(['config', 'plan']);
    const fromCode = pairs(report.findings.filter((f) => f.input === scenario), 'OPG001');
    const fromPlan = pairs(report.findings.filter((f) => f.input === join(scenario, 'plan.json')), 'OPG001');
    expect(fromCode).toEqual(fromPlan);
    // Agreement on "nothing" would prove little: most of these scenarios have findings.
    if (scenario !== 'inactive-app') expect(fromCode.length).toBeGreaterThan(0);
  });

  it('code sees through locals, which a plan does not record: OPG001 in code, OPG005 in the plan', async () => {
    const report = await lint(['unknown-app-reference'], { cwd: FIXTURES, env: {} });
    expect(pairs(report.findings.filter((f) => f.input === 'unknown-app-reference'))).toEqual(['OPG001 okta_push_group.eng']);
    expect(pairs(report.findings.filter((f) => f.input === 'unknown-app-reference/plan.json'))).toEqual([
      'OPG005 okta_app_connection.new',
      'OPG005 okta_push_group.eng',
    ]);
  });
});
