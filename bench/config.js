'use strict';
// Benchmark part: a generated .tf configuration (apps, connections, for_each mappings, a module): five resources per app.
const { writeFileSync, mkdirSync } = require('node:fs');
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

/** Writes the configuration of `apps` module instances into `dir`; returns how many resources it declares. */
function writeConfig(dir, apps) {
  mkdirSync(dir, { recursive: true });
  return generate(dir, apps);
}

module.exports = { writeConfig };
