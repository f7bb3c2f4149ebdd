// The Aspect inside synth: errors fail it on the right constructs, acknowledgements turn them into notes.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Aspects, TerraformResource, type App } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import { OktaPushGuard } from '../../src/cdktf';
import { oktaStack, tempApp } from '../support/cdktf-app';

function annotations(app: App): { path: string; level: string; message: string }[] {
  const out: { path: string; level: string; message: string }[] = [];
  const visit = (c: IConstruct): void => {
    for (const m of c.node.metadata) {
      if (String(m.type).startsWith('@cdktf/')) out.push({ path: c.node.path, level: String(m.type).slice(7), message: String(m.data) });
    }
    c.node.children.forEach(visit);
  };
  visit(app);
  return out.filter((a) => /^OPG\d{3}/.test(a.message));
}

describe('OktaPushGuard aspect', () => {
  it('fails synth with OPG001 on the push mapping constructs of a stack that deactivates provisioning', () => {
    const app = tempApp();
    oktaStack(app, 'okta', { action: 'deactivate', groups: ['eng', 'ops'] });
    OktaPushGuard.applyTo(app);
    expect(() => app.synth()).toThrow(/Encountered Annotations with level "ERROR"|ERROR/);
    expect(annotations(app)).toEqual([
      { path: 'okta/push_eng', level: 'error', message: expect.stringMatching(/^OPG001: Push mapping `okta_push_group\.push_eng` remains on `okta_app_saml\.slack`/) },
      { path: 'okta/push_ops', level: 'error', message: expect.stringMatching(/^OPG001: Push mapping `okta_push_group\.push_ops`/) },
    ]);
  });

  it('lets a clean stack synthesize', () => {
    const app = tempApp();
    const stack = oktaStack(app, 'okta', { action: 'activate', groups: ['eng'] });
    Aspects.of(stack).add(new OktaPushGuard());
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app)).toEqual([]);
  });

  it('turns an acknowledged error into a note that carries the reason', () => {
    const app = tempApp();
    const stack = oktaStack(app, 'okta', { action: 'deactivate', groups: ['eng'] });
    Aspects.of(stack).add(new OktaPushGuard({ acknowledgements: [{ rule: 'OPG001', address: 'okta_push_group.push_eng', reason: 'moves to the new app in OKTA-42' }] }));
    expect(() => app.synth()).not.toThrow();
    expect(annotations(app)).toEqual([
      { path: 'okta/push_eng', level: 'info', message: expect.stringMatching(/^OPG001 \(acknowledged: moves to the new app in OKTA-42\): Push mapping/) },
    ]);
  });

  it('guards every stack of an app through applyTo, and annotates only the stack with findings', () => {
    const app = tempApp();
    oktaStack(app, 'first', { action: 'activate', groups: ['eng'] });
    oktaStack(app, 'second', { action: 'deactivate', groups: ['ops'] });
    OktaPushGuard.applyTo(app);
    expect(() => app.synth()).toThrow();
    expect(annotations(app).map((a) => a.path)).toEqual(['second/push_ops']);
  });

  it('rejects an acknowledgement without a reason, and unknown rules', () => {
    expect(() => new OktaPushGuard({ acknowledgements: [{ rule: 'OPG001', reason: ' ' }] })).toThrow('okta-push-guard: acknowledgement of OPG001 needs a reason');
    expect(() => new OktaPushGuard({ rules: { OPG999: 'off' } })).toThrow('unknown rule "OPG999"');
  });

  it('takes per-rule severity and the fail threshold', () => {
    const warned = tempApp();
    oktaStack(warned, 'okta', { action: 'deactivate', groups: ['eng'] });
    OktaPushGuard.applyTo(warned, { rules: { OPG001: 'warning' } });
    expect(() => warned.synth()).not.toThrow();
    expect(annotations(warned).map((a) => a.level)).toEqual(['warn']);

    const strict = tempApp();
    oktaStack(strict, 'okta', { action: 'deactivate', groups: ['eng'] });
    OktaPushGuard.applyTo(strict, { rules: { OPG001: 'warning' }, failOn: 'warning' });
    expect(() => strict.synth()).toThrow();

    const off = tempApp();
    oktaStack(off, 'okta', { action: 'deactivate', groups: ['eng'] });
    OktaPushGuard.applyTo(off, { rules: { OPG001: 'off' } });
    expect(() => off.synth()).not.toThrow();
  });

  it('does not duplicate annotations when synth runs again in the same process', () => {
    const app = tempApp();
    oktaStack(app, 'okta', { action: 'deactivate', groups: ['eng'] });
    OktaPushGuard.applyTo(app);
    expect(() => app.synth()).toThrow();
    expect(() => app.synth()).toThrow();
    expect(annotations(app)).toHaveLength(1);
  });

  it('never puts the token into an annotation', () => {
    const app = tempApp();
    oktaStack(app, 'okta', { action: 'deactivate', groups: ['eng'] });
    OktaPushGuard.applyTo(app);
    expect(() => app.synth()).toThrow();
    expect(annotations(app).length).toBeGreaterThan(0);
    expect(JSON.stringify(annotations(app))).not.toContain('slack_scim_token');
  });
});

describe('OktaPushGuard with locally generated bindings', () => {
  it('judges resources declared by a binding class (as `cdktf get` generates) the same way', () => {
    // The shape `cdktf get` generates for okta/okta 6.x: a TerraformResource with typed attributes.
    class PushGroup extends TerraformResource {
      constructor(
        scope: Construct,
        id: string,
        private readonly config: { appId: string; sourceGroupId: string },
      ) {
        super(scope, id, { terraformResourceType: 'okta_push_group', terraformGeneratorMetadata: { providerName: 'okta' } });
      }
      protected override synthesizeAttributes(): { [name: string]: unknown } {
        return { app_id: this.config.appId, source_group_id: this.config.sourceGroupId };
      }
    }
    const app = tempApp();
    const stack = oktaStack(app, 'okta', { action: 'deactivate', groups: [] });
    const slack = stack.node.findChild('slack') as unknown as { id: string };
    new PushGroup(stack, 'generated_push', { appId: slack.id, sourceGroupId: '00g1' });
    OktaPushGuard.applyTo(app);
    expect(() => app.synth()).toThrow();
    expect(annotations(app).map((a) => [a.path, a.level])).toEqual([['okta/generated_push', 'error']]);
  });
});

describe('OktaPushGuard and the configuration file', () => {
  it('applies its rules and suppressions inside synth', () => {
    const dir = require('node:fs').mkdtempSync(join(tmpdir(), 'opg-aspect-config-')) as string;
    require('node:fs').writeFileSync(
      join(dir, '.okta-push-guard.json'),
      JSON.stringify({ rules: { OPG007: 'off' }, suppressions: [{ rule: 'OPG001', address: 'okta_push_group.push_eng', reason: 'OKTA-42 moves it', until: '2099-01-01' }] }),
    );
    const app = tempApp();
    oktaStack(app, 'okta', { action: 'deactivate', groups: ['eng', 'ops'] });
    const guard = OktaPushGuard.applyTo(app, { cwd: dir });
    expect(() => app.synth()).toThrow();
    expect(annotations(app).map((a) => [a.path, a.level])).toEqual([
      ['okta/push_eng', 'info'],
      ['okta/push_ops', 'error'],
    ]);
    expect(annotations(app)[0]!.message).toMatch(/^OPG001 \(acknowledged: OKTA-42 moves it\)/);
    expect([...guard.findings.values()].flat().filter((f) => f.suppressed).map((f) => f.address)).toEqual(['okta_push_group.push_eng']);
  });

  it('ignores configuration files when told to', () => {
    const dir = require('node:fs').mkdtempSync(join(tmpdir(), 'opg-aspect-noconfig-')) as string;
    require('node:fs').writeFileSync(join(dir, '.okta-push-guard.json'), '{ "failOn": "sometimes" }');
    const app = tempApp();
    oktaStack(app, 'okta', { action: 'activate', groups: ['eng'] });
    expect(() => OktaPushGuard.applyTo(app, { cwd: dir })).toThrow(/failOn: must be one of/);
    expect(() => OktaPushGuard.applyTo(app, { cwd: dir, config: false })).not.toThrow();
  });
});
