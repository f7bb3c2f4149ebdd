// The ways people attach an aspect, with CDKTF and with CDK Terrain: each guards every stack when the
// app synthesizes, or synth fails; none passes without judging.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { Construct, type IConstruct } from 'constructs';
import { OktaPushGuard as CdktfGuard } from '../../src/cdktf';
import { OktaPushGuard as CdktnGuard } from '../../src/cdktn';
import { plainOktaStack, type StackClasses } from '../support/cdktf-app';

const ORPHAN = /\[okta\/push_eng\] OPG001: Push mapping `okta_push_group\.push_eng` remains on `okta_app_saml\.slack`/;

function errors(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => `[${c.node.path}] ${String(m.data)}`));
}

const doors = [
  { name: 'cdktf', framework: cdktf as typeof cdktf, Guard: CdktfGuard },
  { name: 'cdktn', framework: cdktn as unknown as typeof cdktf, Guard: CdktnGuard as unknown as typeof CdktfGuard },
];

describe.each(doors)('okta-push-guard/$name', ({ framework, Guard }) => {
  const { App, Aspects, Testing } = framework;
  const classes = framework as unknown as StackClasses;
  const newApp = () => new App({ outdir: mkdtempSync(join(tmpdir(), 'opg-habit-')) });
  const stack = (scope: Construct, action: 'activate' | 'deactivate') => plainOktaStack(classes, scope, 'okta', { action, groups: ['eng'] }) as cdktf.TerraformStack;

  describe('Aspects.of(app).add(guard), as with AWS CDK and cdk-nag', () => {
    it('fails synth on a stack that leaves a push mapping on disabled provisioning', () => {
      const app = newApp();
      stack(app, 'deactivate');
      Aspects.of(app).add(new Guard({ config: false }));
      expect(() => app.synth()).toThrow(ORPHAN);
    });

    it('judges a clean stack, which synthesizes', () => {
      const app = newApp();
      stack(app, 'activate');
      const guard = new Guard({ config: false });
      Aspects.of(app).add(guard);
      app.synth();
      expect(guard.findings.get('okta')).toEqual([]);
      expect(JSON.parse(readFileSync(join(app.outdir, 'stacks/okta/cdk.tf.json'), 'utf8')).resource.okta_push_group).toBeDefined();
    });

    it('reaches stacks under a construct that groups them, and stacks added after the guard', () => {
      const app = newApp();
      const group = new Construct(app, 'region');
      Aspects.of(group).add(new Guard({ config: false }));
      stack(group, 'deactivate');
      expect(() => app.synth()).toThrow(/\[region\/okta\/push_eng\] OPG001/);
    });

    it('reaches the stack in Testing.synth, Testing.synthScope and Testing.fullSynth', () => {
      const app = Testing.app();
      const s = stack(app, 'deactivate');
      Aspects.of(app).add(new Guard({ config: false }));
      // Testing.synth never throws on annotations: the error is recorded on the construct.
      expect(Testing.synth(s)).toContain('okta_push_group');
      expect(errors(s)).toEqual([expect.stringMatching(ORPHAN)]);
      expect(() => Testing.fullSynth(s)).toThrow(ORPHAN);

      let inScope: IConstruct | undefined;
      // synthScope makes its own app; a guard on that one is what the test can reach.
      Testing.synthScope((scope) => {
        inScope = scope;
        Aspects.of(scope.node.root).add(new Guard({ config: false }));
        new classes.TerraformResource(scope, 'slack', { terraformResourceType: 'okta_app_saml' });
        const c = new classes.TerraformResource(scope, 'connection', { terraformResourceType: 'okta_app_connection' });
        c.addOverride('id', '${okta_app_saml.slack.id}');
        c.addOverride('action', 'deactivate');
        c.addOverride('base_url', 'https://a');
        const p = new classes.TerraformResource(scope, 'push_eng', { terraformResourceType: 'okta_push_group' });
        p.addOverride('app_id', '${okta_app_saml.slack.id}');
        p.addOverride('source_group_id', '00g1');
      });
      expect(errors(inScope!)).toEqual([expect.stringMatching(/^\[stack\/push_eng\] OPG001/)]);
    });

    it('hands down only guards: other aspects on the App stay as the framework treats them', () => {
      const app = newApp();
      stack(app, 'activate');
      const seen: string[] = [];
      Aspects.of(app).add({ visit: (node: IConstruct) => void seen.push(node.node.path) });
      Aspects.of(app).add(new Guard({ config: false }));
      app.synth();
      expect(seen).toEqual([]);
    });
  });

  describe('Guard.applyTo(app) before the stacks exist', () => {
    it('fails synth on an orphan in a stack created afterwards', () => {
      const app = newApp();
      Guard.applyTo(app, { config: false });
      stack(app, 'deactivate');
      expect(() => app.synth()).toThrow(ORPHAN);
    });

    it('judges a clean stack created afterwards, which synthesizes', () => {
      const app = newApp();
      const guard = Guard.applyTo(app, { config: false });
      stack(app, 'activate');
      app.synth();
      expect(guard.findings.get('okta')).toEqual([]);
      expect(existsSync(join(app.outdir, 'manifest.json'))).toBe(true);
    });
  });

  describe('a guard on the stack, as before', () => {
    it('keeps working with Testing.synth and Testing.fullSynth', () => {
      const app = Testing.app();
      const s = stack(app, 'deactivate');
      Aspects.of(s).add(new Guard({ config: false }));
      expect(JSON.parse(Testing.synth(s)).resource.okta_push_group.push_eng).toEqual({ app_id: '${okta_app_saml.slack.id}', source_group_id: '00g_eng' });
      expect(errors(s)).toEqual([expect.stringMatching(ORPHAN)]);
      expect(() => Testing.fullSynth(s)).toThrow(ORPHAN);
      // Handing down from the App does not add the same guard a second time.
      expect(errors(s)).toHaveLength(1);
    });

    it('judges the whole stack when registered on a construct inside it', () => {
      const app = newApp();
      const s = stack(app, 'deactivate');
      Aspects.of(s.node.findChild('push_eng')).add(new Guard({ config: false }));
      expect(() => app.synth()).toThrow(ORPHAN);
    });
  });
});

describe('a guard from the other door', () => {
  it('is refused by applyTo, naming the door to use', () => {
    const cdktnApp = new cdktn.App({ outdir: mkdtempSync(join(tmpdir(), 'opg-habit-')) });
    expect(() => CdktfGuard.applyTo(cdktnApp, { config: false })).toThrow(
      "okta-push-guard/cdktf: the App is a cdktn construct; import OktaPushGuard from 'okta-push-guard/cdktn'",
    );
    const cdktfApp = new cdktf.App({ outdir: mkdtempSync(join(tmpdir(), 'opg-habit-')) });
    const s = new cdktf.TerraformStack(cdktfApp, 'okta');
    expect(() => CdktnGuard.applyTo(s, { config: false })).toThrow(
      "okta-push-guard/cdktn: the App is a cdktf construct; import OktaPushGuard from 'okta-push-guard/cdktf'",
    );
  });
});
