// The Aspect, `okta-push-guard lint cdktf.out`, and the plan of the same scenario agree.
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AppSaml } from '@cdktf/provider-okta/lib/app-saml';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { OktaPushGuard } from '../../src/cdktf';
import { lint } from '../../src/core/lint';
import { FIXTURES, pairs } from '../support/fixtures';
import { oktaStack, resource, tempApp } from '../support/cdktf-app';

describe('CDKTF agreement', () => {
  const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  beforeAll(() => {
    // Write the synth output despite the guard's errors, so the CLI can read the same stacks.
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
  });

  it('the Aspect and `lint cdktf.out` give the same (rule, address) set', async () => {
    const app = tempApp();
    oktaStack(app, 'first', { action: 'deactivate', groups: ['eng', 'ops'] });
    oktaStack(app, 'second', { action: 'activate', groups: ['qa'] });
    const guard = OktaPushGuard.applyTo(app);
    app.synth();
    const fromAspect = [...guard.findings.values()].flat();
    const report = await lint([app.outdir]);
    expect(report.inputs.map((i) => i.path)).toEqual([join(app.outdir, 'stacks/first/cdk.tf.json'), join(app.outdir, 'stacks/second/cdk.tf.json')]);
    expect(pairs(report)).toEqual(pairs(fromAspect));
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.push_eng', 'OPG001 okta_push_group.push_ops']);
    expect(report.findings[0]!.location?.constructPath).toBe('first/push_eng');
  });

  it('a synthesized cdk.tf.json agrees with the plan of the same scenario', async () => {
    // orphan-after-deactivate: the addresses of its plan, written as a CDKTF app.
    const app = new App({ outdir: tempApp().outdir });
    const stack = new TerraformStack(app, 'orphan');
    new OktaProvider(stack, 'okta', { orgName: 'acme', baseUrl: 'okta.com' });
    const slack = new AppSaml(stack, 'slack', { label: 'Slack' });
    const connection = resource(stack, 'connection', 'okta_app_connection', { id: slack.id, base_url: 'https://api.slack.com/scim/v2', action: 'deactivate' });
    connection.overrideLogicalId('slack');
    for (const name of ['eng', 'ops']) {
      const group = resource(stack, `group_${name}`, 'okta_group', { name });
      group.overrideLogicalId(name);
      resource(stack, name, 'okta_push_group', { app_id: slack.id, source_group_id: `\${okta_group.${name}.id}`, status: name === 'ops' ? 'INACTIVE' : 'ACTIVE' });
    }
    app.synth();
    const fromCdktf = await lint([join(app.outdir, 'stacks/orphan/cdk.tf.json')]);
    const fromPlan = await lint(['orphan-after-deactivate/plan.json'], { cwd: FIXTURES });
    expect(pairs(fromCdktf, 'OPG001')).toEqual(pairs(fromPlan, 'OPG001'));
    expect(pairs(fromCdktf, 'OPG001')).toEqual(['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']);
  });
});
