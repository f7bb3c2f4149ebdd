'use strict';
// Benchmark part: synth time of a CDKTF app of 4 resources per app, with and without the OktaPushGuard aspect.
// Run as a script (`node bench/cdktf.js APPS guarded|plain`), it is one such app's whole process, as
// `cdktf synth` runs it: the plain one never loads okta-push-guard. `node bench/cdktf.js APPS
// in-process RUNS` prints the in-process medians as JSON: the benchmark runs it in a process of its
// own, as a user's app has one, not in the benchmark's, which has generated the large plans and run
// every other row before.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { App, TerraformResource, TerraformStack } = require('cdktf');
const { AppSaml } = require('@cdktf/provider-okta/lib/app-saml');
const { OktaProvider } = require('@cdktf/provider-okta/lib/provider');

function build(apps, guarded) {
  const outdir = mkdtempSync(join(tmpdir(), 'opg-bench-cdktf-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'okta');
  new OktaProvider(stack, 'okta', { orgName: 'acme', baseUrl: 'okta.com' });
  for (let i = 0; i < apps; i++) {
    const saml = new AppSaml(stack, `app${i}`, { label: `App ${i}` });
    const connection = new TerraformResource(stack, `connection${i}`, { terraformResourceType: 'okta_app_connection' });
    connection.addOverride('id', saml.id);
    connection.addOverride('base_url', `https://app${i}.example.com/scim`);
    connection.addOverride('action', 'activate');
    for (const g of ['eng', 'ops']) {
      const push = new TerraformResource(stack, `push${i}_${g}`, { terraformResourceType: 'okta_push_group' });
      push.addOverride('app_id', saml.id);
      push.addOverride('source_group_id', `00g${g}`);
    }
  }
  if (guarded) require('../dist/cdktf.js').OktaPushGuard.applyTo(app);
  return { app, outdir };
}

function time(apps, guarded) {
  const { app, outdir } = build(apps, guarded);
  const start = process.hrtime.bigint();
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(outdir, { recursive: true, force: true });
  return ms;
}

/** Median synth times (s) of `apps` × 4 resources without and with the aspect, alternating `runs` times. */
function benchCdktf(apps = 500, runs = 5) {
  time(50, true); // warm up module loading
  time(50, false);
  const plain = [];
  const guarded = [];
  for (let i = 0; i < runs; i++) {
    plain.push(time(apps, false));
    guarded.push(time(apps, true));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { plain: median(plain) / 1000, guarded: median(guarded) / 1000 };
}

module.exports = { benchCdktf };

if (require.main === module) {
  const [apps, mode, runs] = process.argv.slice(2);
  if (mode === 'in-process') console.log(JSON.stringify(benchCdktf(Number(apps), Number(runs))));
  else time(Number(apps), mode === 'guarded');
}
