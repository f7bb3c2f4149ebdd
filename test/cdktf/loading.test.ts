// What the Aspect loads into the app's process: the judge, the rules and the Terraform JSON
// evaluator, not the .tf parser (a synthesized stack has its blocks already), the readers of plans
// and state, or lint's input discovery. Run from the compiled door, as an app requires it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const root = join(__dirname, '..', '..');

describe('okta-push-guard/cdktf in an app process', () => {
  it('judges a stack (an orphaned mapping fails the synth) without loading the parser, the plan readers or lint', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'opg-aspect-loading-'));
    try {
      const script = `
        const { App, TerraformResource, TerraformStack } = require('cdktf');
        const { OktaPushGuard } = require(${JSON.stringify(join(root, 'dist', 'src', 'cdktf'))});
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
      // The error annotation fails the synth, as it should.
      expect(ids).toContain('OPG001');
      expect(failed).toContain('OPG001');
      const names = loaded.map((f) => relative(root, f).split(sep).join('/'));
      expect(names.filter((f) => f.startsWith('dist/src/loaders/hcl/')).length).toBeGreaterThan(0);
      const unwanted = names.filter(
        (f) =>
          f.includes('node_modules/web-tree-sitter/') ||
          ['dist/src/loaders/hcl/parser.js', 'dist/src/loaders/hcl/parse-files.js', 'dist/src/loaders/hcl/module-tree.js', 'dist/src/core/lint.js', 'dist/src/inputs/discover.js'].includes(f) ||
          f.startsWith('dist/src/inputs/json-stream/') ||
          f.startsWith('dist/src/reporters/'),
      );
      expect(unwanted).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
