#!/usr/bin/env node
// npm run --silent scenario -- DIR [--parallelism N]
// Runs a scenario (DIR/after, optional DIR/seed, DIR/before*, DIR/scenario.json) through real Terraform
// with the okta provider double and a fresh simulated Okta org, and writes DIR/out/plan.json,
// DIR/out/state.json, DIR/out/org.json and DIR/out/calls.log. See test/oracle/README.md.
'use strict';
const { join } = require('node:path');

require('./scenario-loader');

function usage(message) {
  process.stderr.write(`${message}\nusage: npm run --silent scenario -- DIR [--parallelism N]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let dir;
let parallelism;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--parallelism') {
    parallelism = Number(args[++i]);
    if (!Number.isInteger(parallelism) || parallelism < 1) usage('--parallelism takes a positive whole number');
  } else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (dir === undefined) dir = a;
  else usage(`one scenario folder at a time (got ${dir} and ${a})`);
}
if (dir === undefined) usage('missing the scenario folder');

const { runScenario, ScenarioError } = require('../test/oracle/harness.ts');
runScenario(dir, parallelism ? { parallelism } : {}).then(
  (result) => {
    const mappings = result.org.apps.reduce((n, a) => n + a.mappings.length, 0);
    process.stdout.write(`${dir}: wrote ${join(result.out, 'plan.json')}, state.json, org.json, calls.log (${result.calls.length} calls; ${result.org.apps.length} apps, ${mappings} push mappings in the org)\n`);
    if (result.applyError !== null) {
      process.stderr.write(`${dir}: the apply of the plan failed${result.spec.applyFails ? ' (as scenario.json expects)' : ''}:\n${result.applyError}\n`);
      if (!result.spec.applyFails) process.exit(1);
    } else if (result.spec.applyFails) {
      process.stderr.write(`${dir}: scenario.json expects the apply to fail, and it succeeded\n`);
      process.exit(1);
    }
  },
  (err) => {
    process.stderr.write(`${err instanceof ScenarioError ? '' : 'internal error: '}${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof ScenarioError ? 1 : 70);
  },
);
