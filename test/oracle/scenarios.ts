// Shared by the tests that run real Terraform: the real twins in fixtures/real-*/ (scenario sources in
// scenario/, the plan Terraform made in plan.json, the rest of out/ in scenario/out/), one run of each
// scenario per test file, and what is read from a run: orphans in the simulated org, the order of calls.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../src/engine/finding';
import { lint } from '../../src/core/lint';
import { FIXTURES } from '../support/fixtures';
import { type ApplyVariant, runScenario, type ScenarioResult } from './harness';

export const TWINS = readdirSync(FIXTURES).filter((d) => d.startsWith('real-')).sort();

export const twinDir = (twin: string): string => join(FIXTURES, twin);
export const scenarioDir = (twin: string): string => join(FIXTURES, twin, 'scenario');

export const MAPPINGS_WAIT_FOR_DEACTIVATION = { method: 'PATCH', path: '/group-push/mappings/', ms: 3000, until: '^POST .*/connections/default/lifecycle/deactivate$' };

/**
 * Terraform's default parallelism, with every mapping PATCH held until a connection has been deactivated
 * (or 3 s have passed): the race the rule page warns about, lost whenever Terraform lets it happen.
 */
export const SLOW_MAPPINGS: ApplyVariant = { parallelism: 10, delays: [MAPPINGS_WAIT_FOR_DEACTIVATION] };
export const ONE_AT_A_TIME: ApplyVariant = { parallelism: 1 };
export const DELETE_REFUSED: ApplyVariant = { parallelism: 10, failures: [{ method: 'DELETE', path: '/group-push/mappings/', status: 403 }] };


const runs = new Map<string, Promise<ScenarioResult>>();

/** Runs the twin's scenario once per test file (into a temporary out/), with the given extra applies. */
export function runTwin(twin: string, variants: ApplyVariant[] = []): Promise<ScenarioResult> {
  let run = runs.get(twin);
  if (!run) {
    // One provider process per scenario (reattach): the same plans as when Terraform launches it for each
    // command (twins.test.ts checks that through the scenario script), in a quarter of the time.
    run = runScenario(scenarioDir(twin), { out: mkdtempSync(join(tmpdir(), `opg-${twin}-`)), variants, provider: 'reattach' });
    runs.set(twin, run);
  }
  return run;
}

/**
 * The plan as a comparison needs it: without the time it was made, and with `relevant_attributes` sorted
 * (Terraform lists them in no fixed order from one run to the next).
 */
export function comparablePlan(plan: Record<string, unknown>): Record<string, unknown> {
  const { timestamp: _, relevant_attributes: relevant, ...rest } = plan;
  if (!Array.isArray(relevant)) return rest;
  return { ...rest, relevant_attributes: relevant.map((r) => JSON.stringify(r)).sort().map((r) => JSON.parse(r) as unknown) };
}

export function committedPlan(twin: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(twinDir(twin), 'plan.json'), 'utf8')) as Record<string, unknown>;
}

export async function lintPlanOf(twin: string): Promise<Finding[]> {
  const report = await lint([join(twin, 'plan.json')], { cwd: FIXTURES, env: {}, config: false });
  return report.findings;
}

export async function lintCodeOf(twin: string): Promise<Finding[]> {
  const report = await lint([join(twin, 'scenario', 'after')], { cwd: FIXTURES, env: {}, config: false });
  return report.findings;
}

/** Ids of the push mappings left on apps whose provisioning connection is DISABLED. */
export function orphans(org: ScenarioResult['org']): string[] {
  return org.apps.filter((a) => a.connection === 'DISABLED').flatMap((a) => a.mappings.map((m) => m.id)).sort();
}

type StateResource = { address: string; type: string; values?: Record<string, unknown> };

function resourcesOf(module: unknown): StateResource[] {
  const m = module as { resources?: StateResource[]; child_modules?: unknown[] } | undefined;
  if (!m) return [];
  return [...(m.resources ?? []), ...(m.child_modules ?? []).flatMap(resourcesOf)];
}

/** Mapping id → address, from the state after apply and the plan's prior state (for mappings it removed). */
export function mappingAddresses(result: ScenarioResult): Map<string, string> {
  const out = new Map<string, string>();
  const prior = (result.plan.prior_state as { values?: { root_module?: unknown } } | undefined)?.values?.root_module;
  const after = (result.state.values as { root_module?: unknown } | undefined)?.root_module;
  for (const r of [...resourcesOf(prior), ...resourcesOf(after)]) {
    if (r.type === 'okta_push_group' && typeof r.values?.id === 'string') out.set(r.values.id, r.address);
  }
  return out;
}

/** Addresses of the mappings the plan creates on an app (they have no id until Okta accepts them). */
export function createdMappings(result: ScenarioResult): string[] {
  // A -refresh-only plan has no resource_changes.
  const changes = (result.plan.resource_changes ?? []) as { address: string; type: string; change: { actions: string[] } }[];
  return changes.filter((c) => c.type === 'okta_push_group' && c.change.actions.includes('create')).map((c) => c.address).sort();
}

/** The calls that change mappings or provisioning, shortened: `PATCH mapping <id>`, `DELETE mapping <id>`, `deactivate`. */
export function provisioningCalls(calls: string[]): string[] {
  const out: string[] = [];
  for (const call of calls) {
    const [method, target = ''] = call.split(' ');
    const path = target.split('?')[0] ?? '';
    const mapping = /\/group-push\/mappings\/(\w+)$/.exec(path);
    if (mapping && method !== 'GET') out.push(`${method} mapping ${mapping[1]}`);
    else if (/\/group-push\/mappings$/.test(path) && method === 'POST') out.push('POST mapping');
    else if (/\/connections\/default\/lifecycle\/(activate|deactivate)$/.test(path)) out.push(path.endsWith('deactivate') ? 'deactivate' : 'activate');
  }
  return out;
}

export function indexOf(calls: string[], call: string): number {
  return calls.indexOf(call);
}

export function pairsOf(findings: Finding[], ...rules: string[]): string[] {
  return findings
    .filter((f) => rules.length === 0 || rules.includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.address}`)
    .sort();
}

/** What the outcome checks need from a run: the plan's findings and the orphans, by address. */
export async function outcomeOf(result: ScenarioResult): Promise<{ findings: Finding[]; orphanAddresses: string[] }> {
  const report = await lint([join(result.out, 'plan.json')], { cwd: result.out, env: {}, config: false });
  const ids = mappingAddresses(result);
  return { findings: report.findings, orphanAddresses: orphans(result.org).map((id) => ids.get(id) ?? id).sort() };
}

/**
 * The checks every real twin gets: Terraform still makes the committed plan; the apply fails exactly when
 * scenario.json says so; the mappings left on apps whose provisioning is disabled are exactly the ones
 * OPG001 named (less those Okta refused to create), or ones an OPG002 finding named; and the code alone
 * gets the plan's OPG001 verdict.
 */
export interface TwinExpectations {
  /** Where the code cannot know what the plan knows, the OPG001 pairs the code gets, and why. */
  code?: { opg001: string[]; why: string };
}

export function twinChecks(twin: string, result: () => Promise<ScenarioResult>, expectations: TwinExpectations = {}): void {
  it(`Terraform still makes the committed plan (fixtures/${twin}/plan.json)`, async () => {
    const r = await result();
    expect(comparablePlan(r.plan)).toEqual(comparablePlan(committedPlan(twin)));
  });

  it('the apply fails exactly when scenario.json says it does', async () => {
    const r = await result();
    expect({ failed: r.applyError !== null, error: r.applyError }).toMatchObject({ failed: r.spec.applyFails === true });
  });

  it('leaves push mappings on a disabled app exactly where OPG001 (or an OPG002 race) said it would', async () => {
    const r = await result();
    const { findings, orphanAddresses } = await outcomeOf(r);
    const opg001 = findings.filter((f) => f.ruleId === 'OPG001' && f.verdict === 'violation').map((f) => f.address);
    const raced = findings.filter((f) => f.ruleId === 'OPG002').flatMap((f) => f.related ?? []);
    // A mapping the plan creates on a disabled app never exists: Okta refuses it (or Terraform never gets to
    // it after an upstream failure), and the apply fails.
    const created = createdMappings(r);
    const refused = opg001.filter((a) => created.includes(a) && !orphanAddresses.includes(a));
    if (refused.length > 0) expect(r.applyError).not.toBeNull();
    for (const orphan of orphanAddresses) expect([...opg001, ...raced]).toContain(orphan);
    expect(orphanAddresses).toEqual(expect.arrayContaining(opg001.filter((a) => !refused.includes(a))));
  });

  const { code } = expectations;
  if (code) {
    it(`the code alone gets ${code.opg001.length === 0 ? 'no OPG001' : code.opg001.join(', ')}: ${code.why}`, async () => {
      await result();
      expect(pairsOf(await lintCodeOf(twin), 'OPG001')).toEqual(code.opg001);
    });
  } else {
    it('the code alone gets the same OPG001 verdict as the plan Terraform made from it', async () => {
      await result();
      expect(pairsOf(await lintCodeOf(twin), 'OPG001')).toEqual(pairsOf(await lintPlanOf(twin), 'OPG001'));
    });
  }
}
