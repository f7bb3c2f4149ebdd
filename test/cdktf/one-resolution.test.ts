// Inside a synth the guard's resolution of a stack is the one the framework writes: the stack is
// resolved once, the file is the configuration judged, and nothing the tree gains or changes after
// the guard judged it is lost from that file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import type { IConstruct } from 'constructs';
import { OktaPushGuard as CdktfGuard } from '../../src/cdktf';
import { OktaPushGuard as CdktnGuard } from '../../src/cdktn';
import { plainOktaStack, type StackClasses } from '../support/cdktf-app';

const doors = [
  { name: 'cdktf', framework: cdktf as typeof cdktf, Guard: CdktfGuard },
  { name: 'cdktn', framework: cdktn as unknown as typeof cdktf, Guard: CdktnGuard as unknown as typeof CdktfGuard },
];

describe.each(doors)('okta-push-guard/$name resolves a stack once per synth', ({ framework, Guard }) => {
  const { App, Aspects, Testing, TerraformStack } = framework;
  const classes = framework as unknown as StackClasses;
  type Stack = cdktf.TerraformStack;
  const newApp = () => new App({ outdir: mkdtempSync(join(tmpdir(), 'opg-once-')) });
  const build = (app: IConstruct, action: 'activate' | 'deactivate' = 'activate') =>
    plainOktaStack(classes, app as cdktf.App, 'okta', { action, groups: ['eng', 'ops'] }) as Stack;
  const written = (app: cdktf.App) => readFileSync(join(app.outdir, 'stacks/okta/cdk.tf.json'), 'utf8');

  let resolutions: jest.SpyInstance;
  beforeEach(() => {
    resolutions = jest.spyOn(TerraformStack.prototype, 'toTerraform');
  });
  afterEach(() => resolutions.mockRestore());

  it('App.synth: one resolution, and the same file as without the guard', () => {
    const plain = newApp();
    build(plain);
    plain.synth();
    expect(resolutions).toHaveBeenCalledTimes(1);

    resolutions.mockClear();
    const guarded = newApp();
    const stack = build(guarded);
    const guard = Guard.applyTo(guarded, { config: false });
    guarded.synth();
    expect(resolutions).toHaveBeenCalledTimes(1);
    expect(guard.findings.get('okta')).toEqual([]);
    expect(written(guarded)).toBe(written(plain));
    // Once the synth is over the stack resolves itself again.
    expect(Object.hasOwn(stack, 'toTerraform')).toBe(false);
  });

  it('Testing.synth: one resolution, and the same JSON as without the guard', () => {
    const plain = build(Testing.app());
    const expected = Testing.synth(plain);
    resolutions.mockClear();
    const app = Testing.app();
    const stack = build(app);
    Aspects.of(app).add(new Guard({ config: false }));
    expect(Testing.synth(stack)).toBe(expected);
    expect(resolutions).toHaveBeenCalledTimes(1);
  });

  it('a synth that fails leaves nothing behind: a change made afterwards is resolved', () => {
    const app = newApp();
    const stack = build(app, 'deactivate');
    Guard.applyTo(app, { config: false });
    expect(() => app.synth()).toThrow(/OPG001/);
    expect(Object.hasOwn(stack, 'toTerraform')).toBe(false);
    (stack.node.findChild('slack_connection') as cdktf.TerraformResource).addOverride('action', 'activate');
    const after = stack.toTerraform() as { resource: { okta_app_connection: { slack_connection: { action: string } } } };
    expect(after.resource.okta_app_connection.slack_connection.action).toBe('activate');
  });

  it('an aspect that visits after the guard: its change is written, from a second resolution', () => {
    const app = newApp();
    const stack = build(app);
    Guard.applyTo(app, { config: false });
    // The stack's last construct, and an aspect of its own: aspects of an inner scope visit a construct
    // after those of the stack, the guard's included.
    const backend = new framework.LocalBackend(stack, { path: 'okta.tfstate' });
    Aspects.of(backend).add({ visit: (node: IConstruct) => void (node === backend && backend.addOverride('path', 'changed.tfstate')) });
    app.synth();
    expect(JSON.parse(written(app)).terraform.backend.local.path).toBe('changed.tfstate');
    expect(resolutions).toHaveBeenCalledTimes(2);
  });

  it('a construct added after the guard judged the stack: it is written, from a second resolution', () => {
    const app = newApp();
    const stack = build(app);
    Guard.applyTo(app, { config: false });
    stack.node.addValidation({
      validate: () => {
        if (!stack.node.tryFindChild('late')) new classes.TerraformResource(stack, 'late', { terraformResourceType: 'okta_group' });
        return [];
      },
    });
    app.synth();
    expect(JSON.parse(written(app)).resource.okta_group).toHaveProperty('late');
    expect(resolutions).toHaveBeenCalledTimes(2);
  });

  it('a construct an aspect adds under the last one: the aspects that visit it are written, from a second resolution', () => {
    const app = newApp();
    const stack = build(app);
    const last = new framework.LocalBackend(stack, { path: 'okta.tfstate' });
    // Both run before the guard on the last construct; the framework visits the new one after it.
    Aspects.of(stack).add({
      visit: (node: IConstruct) => void (node === last && !last.node.tryFindChild('rule') && new classes.TerraformResource(last, 'rule', { terraformResourceType: 'okta_group_rule' })),
    });
    Aspects.of(stack).add({
      visit: (node: IConstruct) => void ((node as Partial<cdktf.TerraformResource>).terraformResourceType === 'okta_group_rule' && (node as cdktf.TerraformResource).addOverride('status', 'ACTIVE')),
    });
    Guard.applyTo(app, { config: false });
    app.synth();
    expect(Object.values(JSON.parse(written(app)).resource.okta_group_rule)).toEqual([expect.objectContaining({ status: 'ACTIVE' })]);
    expect(resolutions).toHaveBeenCalledTimes(2);
  });

  describe('a stack nested in another', () => {
    const nested = (app: cdktf.App, action: 'activate' | 'deactivate') => {
      const outer = build(app, action);
      new framework.LocalBackend(outer, { path: 'outer.tfstate' });
      const inner = new TerraformStack(outer, 'inner');
      new classes.TerraformResource(inner, 'group', { terraformResourceType: 'okta_group' });
      const backend = new framework.LocalBackend(inner, { path: 'inner.tfstate' });
      return { inner, backend };
    };

    it('is judged, and so is its outer stack, whose last construct is in it, without validations', () => {
      const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'opg-once-')), skipValidation: true });
      nested(app, 'deactivate');
      const guard = Guard.applyTo(app, { config: false });
      expect(() => app.synth()).toThrow(/\[okta\/push_eng\] OPG001/);
      expect([...guard.findings.keys()].sort()).toEqual(['okta', 'okta/inner']);
    });

    it('keeps what its own aspects change when it is synthesized itself', () => {
      const app = newApp();
      const { inner, backend } = nested(app, 'activate');
      Aspects.of(inner).add({ visit: (node: IConstruct) => void (node === backend && backend.addOverride('path', 'changed.tfstate')) });
      Guard.applyTo(app, { config: false });
      app.synth();
      const manifest = JSON.parse(readFileSync(join(app.outdir, 'manifest.json'), 'utf8'));
      const file = JSON.parse(readFileSync(join(app.outdir, manifest.stacks['inner'].synthesizedStackPath), 'utf8'));
      expect(file.terraform.backend.local.path).toBe('changed.tfstate');
    });
  });
});
