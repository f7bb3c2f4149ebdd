// CDKTF projects and synth output as CLI inputs; the example app.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { lint } from '../../src/core/lint';
import { pairs } from '../support/fixtures';
import { captureIo } from '../support/io';

const root = join(__dirname, '..', '..');

describe('CDKTF inputs', () => {
  it('a project folder with nothing synthesized fails, saying to run cdktf synth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-project-'));
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'npx ts-node main.ts', output: 'out' }));
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', '.'], io)).toBe(2);
    expect(io.err()).toBe('okta-push-guard: error: .: a CDKTF project with nothing synthesized in out/; run `cdktf synth` first\n');
  });

  it('a manifest naming a missing stack fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-manifest-'));
    mkdirSync(join(dir, 'stacks'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { okta: { name: 'okta', synthesizedStackPath: 'stacks/okta/cdk.tf.json' } } }));
    const io = captureIo({ cwd: dir });
    expect(await main(['lint', 'manifest.json'], io)).toBe(2);
    expect(io.err()).toContain('stacks/okta/cdk.tf.json: the CDKTF manifest names this stack, but it is missing');
  });

  it('the example app synthesizes offline, and its project folder lints through cdktf.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'opg-example-'));
    // Built inside the package, where `okta-push-guard/cdktf` resolves to the package itself (dist/, built by the test setup).
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'examples/cdktf/tsconfig.json')], { cwd: root });
    execFileSync(process.execPath, [join(root, 'examples/cdktf/build/main.js')], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: join(out, 'cdktf.out') } });
    writeFileSync(join(out, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node build/main.js', output: 'cdktf.out' }));
    const report = await lint(['.'], { cwd: out });
    // Slack and the legacy wiki, each with its connection; two mappings on Slack, one on the wiki.
    expect(report.inputs).toEqual([
      { path: 'cdktf.out/stacks/okta-apps/cdk.tf.json', kind: 'config', resources: { apps: 2, connections: 2, features: 0, mappings: 3 } },
    ]);
    // The Aspect acknowledged this one during synth; the CLI, without that policy, reports it.
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.legacy_wiki_engineering']);
  }, 30_000);
});

describe('CDKTF project with hand-written .tf beside it', () => {
  it('lints both the synthesized stacks and the .tf configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-mixed-'));
    mkdirSync(join(dir, 'cdktf.out', 'stacks', 'okta'), { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'x', output: 'cdktf.out' }));
    writeFileSync(join(dir, 'cdktf.out', 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { okta: { name: 'okta', synthesizedStackPath: 'stacks/okta/cdk.tf.json' } } }));
    writeFileSync(join(dir, 'cdktf.out', 'stacks', 'okta', 'cdk.tf.json'), JSON.stringify({ resource: { okta_group: { g: { name: 'g' } } } }));
    writeFileSync(join(dir, 'extra.tf'), 'resource "okta_app_saml" "a" {\n  label = "A"\n}\nresource "okta_app_connection" "a" {\n  id       = okta_app_saml.a.id\n  base_url = "https://a"\n  action   = "deactivate"\n}\nresource "okta_push_group" "p" {\n  app_id          = okta_app_saml.a.id\n  source_group_id = "00g1"\n}\n');
    const report = await lint(['.'], { cwd: dir, env: {}, config: false });
    expect(report.inputs.map((i) => [i.path, i.kind])).toEqual([
      ['cdktf.out/stacks/okta/cdk.tf.json', 'config'],
      ['.', 'config'],
    ]);
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.p']);
  });
});
