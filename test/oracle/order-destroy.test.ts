// OPG002's ordering claims for mappings that a plan destroys in the same apply that deactivates their
// app's provisioning, checked against what real Terraform does: the calls the simulated org received, in
// order, over applies of the same plan with -parallelism 1 and 10 (and a slow or refused mapping call).
import { describeWith } from '../support/outside';
import type { ApplyRun, ScenarioResult } from './harness';
import { DELETE_REFUSED, ONE_AT_A_TIME, SLOW_MAPPINGS, mappingAddresses, orphans, outcomeOf, pairsOf, provisioningCalls, runTwin, twinChecks } from './scenarios';

jest.setTimeout(240_000);

type Run = Pick<ApplyRun, 'calls' | 'org' | 'applyError'> & { name: string };

function allRuns(r: ScenarioResult): Run[] {
  return [{ name: 'the scenario apply', calls: r.calls, org: r.org, applyError: r.applyError }, ...r.variants.map((v) => ({ ...v, name: JSON.stringify(v.variant) }))];
}

/** Each mapping id's DELETE comes before the connection's deactivate, in every run. */
function expectDestroyedFirst(run: Run, mappingIds: string[]): void {
  const calls = provisioningCalls(run.calls);
  const off = calls.indexOf('deactivate');
  for (const id of mappingIds) {
    const deleted = calls.indexOf(`DELETE mapping ${id}`);
    expect({ run: run.name, calls, deletedBeforeDeactivate: deleted >= 0 && (off < 0 || deleted < off) }).toMatchObject({ deletedBeforeDeactivate: true });
  }
}

/** What the unordered case looks like when the race is lost: deactivate first, mappings refused and left. */
function expectRaceLost(run: Run, mappingIds: string[]): void {
  const calls = provisioningCalls(run.calls);
  const off = calls.indexOf('deactivate');
  expect(off).toBeGreaterThanOrEqual(0);
  for (const id of mappingIds) {
    const deleted = calls.indexOf(`DELETE mapping ${id}`);
    expect({ run: run.name, calls, deleteAfterDeactivateOrNever: deleted < 0 || deleted > off }).toMatchObject({ deleteAfterDeactivateOrNever: true });
  }
  expect(orphans(run.org)).toEqual([...mappingIds].sort());
  expect(run.applyError).toMatch(/failed to delete push group mapping/);
}

/** At -parallelism 1 either order may come; whichever came, the org shows its consequence. */
function expectOutcomeFollowsOrder(run: Run, mappingIds: string[]): void {
  const calls = provisioningCalls(run.calls);
  const off = calls.indexOf('deactivate');
  const late = mappingIds.filter((id) => !(calls.indexOf(`DELETE mapping ${id}`) >= 0 && calls.indexOf(`DELETE mapping ${id}`) < off));
  expect({ calls, orphans: orphans(run.org) }).toEqual({ calls, orphans: [...late].sort() });
}

function idsOf(r: ScenarioResult, ...addresses: string[]): string[] {
  const byAddress = new Map([...mappingAddresses(r)].map(([id, a]) => [a, id]));
  return addresses.map((a) => {
    const id = byAddress.get(a);
    if (!id) throw new Error(`no mapping id for ${a}`);
    return id;
  });
}

describeWith('terraform', 'real Terraform: destroying mappings while deactivating provisioning (OPG002)', () => {
  describe('mappings and connection depend only on the app (fixtures/real-shutdown-same-plan)', () => {
    const twin = 'real-shutdown-same-plan';
    const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS]);
    twinChecks(twin, result);

    it('OPG002 fires on the connection, naming both mappings', async () => {
      const { findings } = await outcomeOf(await result());
      expect(pairsOf(findings, 'OPG002')).toEqual(['OPG002 okta_app_connection.slack']);
      expect(findings.find((f) => f.ruleId === 'OPG002')?.related?.slice().sort()).toEqual(['okta_push_group.eng', 'okta_push_group.ops']);
    });

    it('Terraform does not order them: with a slow Okta, provisioning is off before the mappings are deleted, and they stay', async () => {
      const r = await result();
      const ids = idsOf(r, 'okta_push_group.eng', 'okta_push_group.ops');
      expectRaceLost({ ...r.variants[1]!, name: 'parallelism 10, slow PATCH' }, ids);
      expectRaceLost({ name: 'the scenario apply', calls: r.calls, org: r.org, applyError: r.applyError }, ids);
    });

    it('at -parallelism 1 the org shows whichever order Terraform picked', async () => {
      const r = await result();
      expectOutcomeFollowsOrder({ ...r.variants[0]!, name: 'parallelism 1' }, idsOf(r, 'okta_push_group.eng', 'okta_push_group.ops'));
    });
  });

  for (const [twin, how] of [
    ['real-shutdown-ordered-by-mapping-dependency', "the mappings' recorded dependencies name the connection (depends_on)"],
    ['real-shutdown-ordered-by-connection-dependency', "the connection's recorded dependencies name the mappings"],
  ] as const) {
    describe(`${how} (fixtures/${twin})`, () => {
      const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS, DELETE_REFUSED]);
      twinChecks(twin, result);

      it('OPG002 does not fire', async () => {
        const { findings } = await outcomeOf(await result());
        expect(pairsOf(findings, 'OPG002')).toEqual([]);
      });

      it('Terraform deletes every mapping before it deactivates provisioning, at -parallelism 1 and 10, slow or not', async () => {
        const r = await result();
        const ids = idsOf(r, 'okta_push_group.eng', 'okta_push_group.ops');
        for (const run of allRuns(r).filter((x) => !x.name.includes('failures'))) {
          expectDestroyedFirst(run, ids);
          expect(orphans(run.org)).toEqual([]);
          expect(run.applyError).toBeNull();
        }
      });

      it('when a mapping cannot be deleted, Terraform does not deactivate provisioning at all', async () => {
        const r = await result();
        const refused = r.variants[2]!;
        expect(provisioningCalls(refused.calls)).not.toContain('deactivate');
        expect(refused.org.apps.map((a) => a.connection)).toEqual(['ENABLED']);
        expect(refused.applyError).toMatch(/failed to delete push group mapping/);
      });
    });
  }

  describe('a mapping imported with `terraform import` and removed before any apply (fixtures/real-import-then-shutdown)', () => {
    const twin = 'real-import-then-shutdown';
    const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS]);
    twinChecks(twin, result);

    it('import records no dependencies, though the configuration it was imported with referred to the connection', async () => {
      const r = await result();
      const prior = (r.plan.prior_state as { values: { root_module: { resources: { address: string; depends_on?: string[] }[] } } }).values.root_module.resources;
      expect(prior.find((x) => x.address === 'okta_push_group.eng')?.depends_on ?? []).toEqual([]);
      const { findings } = await outcomeOf(r);
      expect(pairsOf(findings, 'OPG002')).toEqual(['OPG002 okta_app_connection.slack']);
    });

    it('so the destroy is unordered: with a slow Okta the mapping is left behind', async () => {
      const r = await result();
      expectRaceLost({ ...r.variants[1]!, name: 'parallelism 10, slow PATCH' }, idsOf(r, 'okta_push_group.eng'));
      expectOutcomeFollowsOrder({ ...r.variants[0]!, name: 'parallelism 1' }, idsOf(r, 'okta_push_group.eng'));
    });

    it('the imported mapping is deleted with deleteTargetGroup=false (the flag is null in state)', async () => {
      const r = await result();
      const deletes = r.variants[0]!.calls.filter((c) => c.startsWith('DELETE ') && c.includes('/group-push/mappings/'));
      expect(deletes.every((c) => c.endsWith('?deleteTargetGroup=false'))).toBe(true);
    });
  });

  describe('mapping and connection in different instances of one module call (fixtures/real-module-instances-shutdown)', () => {
    const twin = 'real-module-instances-shutdown';
    const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS]);
    twinChecks(twin, result);

    it('the mapping records the module\'s connection (without instance keys), yet Terraform draws no destroy edge: OPG002 fires and the race can be lost', async () => {
      const r = await result();
      const prior = JSON.stringify(r.plan.prior_state);
      expect(prior).toContain('"module.slack.okta_app_connection.this"');
      const { findings } = await outcomeOf(r);
      expect(pairsOf(findings, 'OPG002')).toEqual(['OPG002 module.slack["provisioning"].okta_app_connection.this[0]']);
      const ids = idsOf(r, 'module.slack["push"].okta_push_group.this[0]');
      expectRaceLost({ ...r.variants[1]!, name: 'parallelism 10, slow PATCH' }, ids);
      expectOutcomeFollowsOrder({ ...r.variants[0]!, name: 'parallelism 1' }, ids);
    });
  });
});
