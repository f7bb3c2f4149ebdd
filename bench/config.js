'use strict';
// Benchmark part: lint a generated .tf configuration of about 2,000 resources (apps, connections, for_each mappings, a module).
const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function generate(dir, apps) {
  mkdirSync(join(dir, 'modules', 'app'), { recursive: true });
  writeFileSync(
    join(dir, 'modules', 'app', 'main.tf'),
    `variable "label" {}\nvariable "action" {\n  default = "activate"\n}\nresource "okta_app_saml" "this" {\n  label = var.label\n}\nresource "okta_app_connection" "this" {\n  id       = okta_app_saml.this.id\n  base_url = "https://\${lower(var.label)}.example.com/scim"\n  action   = var.action\n}\noutput "app_id" {\n  value = okta_app_saml.this.id\n}\n`,
  );
  const blocks = ['locals {\n  teams = { eng = "00g1", ops = "00g2", qa = "00g3" }\n}\n'];
  for (let i = 0; i < apps; i++) {
    blocks.push(`module "app${i}" {\n  source = "./modules/app"\n  label  = "App${i}"\n  action = ${i % 10 === 0 ? '"deactivate"' : '"activate"'}\n}\n`);
    blocks.push(`resource "okta_push_group" "app${i}" {\n  for_each        = local.teams\n  app_id          = module.app${i}.app_id\n  source_group_id = each.value\n  target_group_name = "app${i}-\${each.key}"\n}\n`);
  }
  writeFileSync(join(dir, 'main.tf'), blocks.join('\n'));
  return apps * 5;
}

async function benchConfig(lint, apps = 400) {
  const dir = mkdtempSync(join(tmpdir(), 'opg-bench-tf-'));
  const resources = generate(dir, apps);
  const first = process.hrtime.bigint();
  const report = await lint([dir]);
  const firstMs = Number(process.hrtime.bigint() - first) / 1e6;
  const again = process.hrtime.bigint();
  await lint([dir]);
  const againMs = Number(process.hrtime.bigint() - again) / 1e6;
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n.tf configuration: ${resources} resources (${apps} module instances), ${report.findings.length} findings`);
  console.log(`lint() first run:  ${firstMs.toFixed(0)} ms (includes loading the HCL parser)`);
  console.log(`lint() again:      ${againMs.toFixed(0)} ms`);
}

module.exports = { benchConfig };
