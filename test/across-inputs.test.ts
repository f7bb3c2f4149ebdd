// Inputs that describe one org are judged together: apps matched by Okta id across inputs, the newest
// picture winning, the same object counted once, addresses never joined by name.
import { main } from '../src/cli/main';
import type { Report } from '../src/engine/report';
import { FIXTURES, pairs } from './support/fixtures';
import { captureIo } from './support/io';

async function report(...paths: string[]): Promise<{ code: number; report: Report }> {
  const io = captureIo({ cwd: FIXTURES });
  const code = await main(['lint', ...paths, '--format', 'json', '--no-config'], io);
  return { code, report: JSON.parse(io.out()) as Report };
}

describe('inputs judged together', () => {
  it('finds mappings of one workspace orphaned by a shutdown in another, with both locations', async () => {
    const { code, report: r } = await report('split-workspaces/push-state.json', 'split-workspaces/apps-plan.json');
    expect(code).toBe(1);
    expect(r.findings.map((f) => [f.input, f.ruleId, f.address])).toEqual([
      ['split-workspaces/push-state.json', 'OPG001', 'okta_push_group.eng'],
      ['split-workspaces/push-state.json', 'OPG001', 'okta_push_group.ops'],
    ]);
    const [eng] = r.findings;
    expect(eng!.related).toEqual([]);
    expect(eng!.elsewhere).toEqual([{ input: 'split-workspaces/apps-plan.json', address: 'okta_app_connection.slack', location: null }]);
    expect(eng!.message).toBe(
      'Push mapping `okta_push_group.eng` remains on `0oa8f3kq1zXvBnM2h5d7` while its provisioning is disabled: `okta_app_connection.slack` (in split-workspaces/apps-plan.json) sets action = "deactivate". Remove the mapping before disabling provisioning.',
    );
  });

  it('finds them in whichever order the inputs come', async () => {
    const { report: r } = await report('split-workspaces/apps-plan.json', 'split-workspaces/push-state.json');
    expect(pairs(r)).toEqual(['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']);
  });

  it('counts a mapping seen in a state and in a plan once, judged on the plan', async () => {
    // orphan-after-deactivate's plan holds the same mappings (same app id and mapping ids) as push-state.json.
    const { report: r } = await report('split-workspaces/push-state.json', 'orphan-after-deactivate/plan.json');
    expect(r.findings.map((f) => [f.input, f.ruleId, f.address])).toEqual([
      ['orphan-after-deactivate/plan.json', 'OPG001', 'okta_push_group.eng'],
      ['orphan-after-deactivate/plan.json', 'OPG001', 'okta_push_group.ops'],
    ]);
  });

  it('lets the newer picture of provisioning win: a plan that re-enables it over a state that has it off', async () => {
    // state-orphan-child-module's state has the portal app's provisioning on and another app's off;
    // the same state twice (JSON and raw tfstate) is the same connection seen twice, not a conflict.
    const { report: r } = await report('state-orphan-child-module/state.json', 'state-orphan-child-module/terraform.tfstate');
    expect(r.findings.every((f) => f.elsewhere === undefined)).toBe(true);
    expect(pairs(r.findings.filter((f) => f.input.endsWith('state.json')))).toEqual(pairs(r.findings.filter((f) => f.input.endsWith('.tfstate'))));
  });
});
