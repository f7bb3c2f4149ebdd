// What the Aspect loads into the app's process: the judge, the rules and the Terraform JSON
// evaluator, not the .tf parser (a synthesized stack has its blocks already), the readers of plans
// and state, or lint's input discovery. Run from the compiled code, as an app requires it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const root = join(__dirname, '..', '..');

/** Synthesizes an app whose push mapping is orphaned, with the guard `door` exports: what it found, the synth's error, and our files and packages loaded. */
function synthWith(door: string): { ids: string[]; failed: string; own: string[]; packages: string[] } {
  const outdir = mkdtempSync(join(tmpdir(), 'opg-aspect-loading-'));
  try {
    const script = `
      const { App, TerraformResource, TerraformStack } = require('cdktf');
      const { OktaPushGuard } = require(${JSON.stringify(door)});
      const app = new App({ outdir: ${JSON.stringify(outdir)} });
      const stack = new TerraformStack(app, 'okta');
      const saml = new TerraformResource(stack, 'app', { terraformResourceType: 'okta_app_saml' });
      saml.addOverride('label', 'App');
      const connection = new TerraformResource(stack, 'connection', { terraformResourceType: 'okta_app_connection' });
      connection.addOverride('id', '\${okta_app_saml.app.id}');
      connection.addOverride('action', 'deactivate');
      const push = new TerraformResource(stack, 'push', { terraformResourceType: 'okta_push_group' });
      push.addOverride('app_id', '\${okta_app_saml.app.id}');
      push.addOverride('source_group_id', '00geng');
      const guard = OktaPushGuard.applyTo(app, { config: false });
      let failed = '';
      try { app.synth(); } catch (error) { failed = error.message; }
      const ids = [...guard.findings.values()].flat().map((f) => f.ruleId);
      console.log(JSON.stringify({ ids, failed, loaded: Object.keys(require.cache) }));`;
    const { ids, failed, loaded } = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as { ids: string[]; failed: string; loaded: string[] };
    const names = loaded.map((f) => relative(root, f).split(sep).join('/'));
    return {
      ids,
      failed,
      own: names.filter((f) => !f.startsWith('node_modules/')),
      packages: [...new Set(names.flatMap((f) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []))],
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('okta-push-guard/cdktf in an app process', () => {
  it('the modules tsc compiled: judges (the orphaned mapping fails the synth) without the parser, the plan readers or lint', () => {
    const { ids, failed, own, packages } = synthWith(join(root, 'dist', 'src', 'cdktf'));
    expect(ids).toContain('OPG001');
    expect(failed).toContain('OPG001');
    expect(own.filter((f) => f.startsWith('dist/src/loaders/hcl/')).length).toBeGreaterThan(0);
    const unwanted = own.filter(
      (f) =>
        ['dist/src/loaders/hcl/parser.js', 'dist/src/loaders/hcl/parse-files.js', 'dist/src/loaders/hcl/module-tree.js', 'dist/src/core/lint.js', 'dist/src/inputs/discover.js'].includes(f) ||
        f.startsWith('dist/src/inputs/json-stream/') ||
        f.startsWith('dist/src/reporters/'),
    );
    expect(unwanted).toEqual([]);
    expect(packages).not.toContain('web-tree-sitter');
  });

  it('the package door (its exports): one bundled file of ours, the same verdict, no parser package', () => {
    const { ids, failed, own, packages } = synthWith('okta-push-guard/cdktf');
    expect(own).toEqual(['dist/cdktf.js']);
    expect(ids).toEqual(synthWith(join(root, 'dist', 'src', 'cdktf')).ids);
    expect(failed).toContain('OPG001');
    expect(packages).not.toEqual(expect.arrayContaining(['web-tree-sitter', 'ajv', 'yaml']));
    expect(packages).toContain('cdktf');
  });
});
