#!/usr/bin/env node
// npm run --silent twins [-- NAME…]
// Regenerates the real twins: for each fixtures/real-*/ (or the ones named), runs its scenario/ through
// real Terraform (see scripts/scenario.js) and writes the plan Terraform made to plan.json beside the
// README, and the state, the simulated org and the calls of the apply to scenario/out/.
'use strict';
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

require('./scenario-loader');
const { runScenario } = require('../test/oracle/harness.ts');

const fixtures = join(__dirname, '..', 'fixtures');
const wanted = process.argv.slice(2).map((n) => (n.startsWith('real-') ? n : `real-${n}`));
const twins = readdirSync(fixtures).filter((d) => d.startsWith('real-') && (wanted.length === 0 || wanted.includes(d))).sort();
for (const name of wanted) if (!twins.includes(name)) {
  process.stderr.write(`no real twin fixtures/${name}\n`);
  process.exit(2);
}

function comparable(text) {
  const { timestamp: _, relevant_attributes: relevant, ...rest } = JSON.parse(text);
  return JSON.stringify({ ...rest, relevant_attributes: (relevant ?? []).map((r) => JSON.stringify(r)).sort() });
}

function sorted(log) {
  return log.split('\n').filter(Boolean).sort().join('\n');
}

function same(a, b) {
  return comparable(a) === comparable(b);
}

(async () => {
  for (const twin of twins) {
    const scenario = join(fixtures, twin, 'scenario');
    const out = join(scenario, 'out');
    mkdirSync(out, { recursive: true });
    const started = Date.now();
    const committedCalls = existsSync(join(out, 'calls.log')) ? readFileSync(join(out, 'calls.log'), 'utf8') : null;
    const result = await runScenario(scenario, { out, provider: 'reattach' });
    // Calls that Terraform makes in parallel come in any order: keep the committed log when only their
    // order changed (the order tests check the order that matters, on fresh runs).
    if (committedCalls !== null && sorted(committedCalls) === sorted(readFileSync(join(out, 'calls.log'), 'utf8'))) {
      writeFileSync(join(out, 'calls.log'), committedCalls);
    }
    // Keep the committed plan when Terraform made the same one again (it differs only in its timestamp
    // and in the order of relevant_attributes, which Terraform does not keep), so that regenerating
    // changes no file that has not changed.
    const committed = join(fixtures, twin, 'plan.json');
    if (existsSync(committed) && same(readFileSync(committed, 'utf8'), readFileSync(join(out, 'plan.json'), 'utf8'))) rmSync(join(out, 'plan.json'));
    else renameSync(join(out, 'plan.json'), committed);
    const failed = result.applyError !== null;
    if (failed !== (result.spec.applyFails === true)) {
      process.stderr.write(`${twin}: the apply ${failed ? `failed:\n${result.applyError}` : 'succeeded'}, and scenario.json says it ${result.spec.applyFails ? 'fails' : 'succeeds'}\n`);
      process.exitCode = 1;
    }
    process.stdout.write(`${twin}: plan.json and scenario/out/ written (${Date.now() - started} ms)\n`);
  }
})().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
