// OPG002's claims for mappings that a plan deactivates or replaces in the same apply that deactivates
// their app's provisioning, checked against real Terraform's call order (-parallelism 1 and 10).
import { describeWith } from '../support/outside';
import type { ScenarioResult } from './harness';
import { ONE_AT_A_TIME, SLOW_MAPPINGS, mappingAddresses, orphans, outcomeOf, pairsOf, provisioningCalls, runTwin, twinChecks } from './scenarios';

jest.setTimeout(240_000);

function runsOf(r: ScenarioResult): { name: string; calls: string[]; org: ScenarioResult['org']; applyError: string | null }[] {
  return [{ name: 'the scenario apply', calls: r.calls, org: r.org, applyError: r.applyError }, ...r.variants.map((v) => ({ ...v, name: JSON.stringify(v.variant) }))];
}

const idOf = (r: ScenarioResult, address: string): string => {
  const found = [...mappingAddresses(r)].find(([, a]) => a === address);
  if (!found) throw new Error(`no mapping id for ${address}`);
  return found[0];
};

describeWith('terraform', 'real Terraform: updating or replacing mappings while deactivating provisioning (OPG002)', () => {
  describe('mappings set to INACTIVE that refer to the connection (fixtures/real-deactivate-mappings-same-plan)', () => {
    const twin = 'real-deactivate-mappings-same-plan';
    const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS]);
    twinChecks(twin, result);

    it('OPG002 fires on the connection, and OPG001 on both mappings', async () => {
      const { findings } = await outcomeOf(await result());
      expect(pairsOf(findings, 'OPG001', 'OPG002')).toEqual(['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops', 'OPG002 okta_app_connection.slack']);
    });

    it('an update is ordered by the new configuration\'s references: the connection first, so every PATCH comes too late', async () => {
      const r = await result();
      const ids = [idOf(r, 'okta_push_group.eng'), idOf(r, 'okta_push_group.ops')];
      for (const run of runsOf(r)) {
        const calls = provisioningCalls(run.calls);
        const off = calls.indexOf('deactivate');
        expect(off).toBeGreaterThanOrEqual(0);
        for (const id of ids) expect({ run: run.name, calls, patchAfter: calls.indexOf(`PATCH mapping ${id}`) > off }).toMatchObject({ patchAfter: true });
        expect(orphans(run.org)).toEqual([...ids].sort());
        expect(run.org.apps[0]?.mappings.map((m) => m.status)).toEqual(['ACTIVE', 'ACTIVE']);
      }
    });
  });

  describe('a create_before_destroy replacement of a mapping that refers to the connection (fixtures/real-replace-create-before-destroy-shutdown)', () => {
    const twin = 'real-replace-create-before-destroy-shutdown';
    const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS]);
    twinChecks(twin, result);

    it('OPG002 fires: the connection is updated first, then the new mapping is created (refused), and the old one is never destroyed', async () => {
      const r = await result();
      const { findings } = await outcomeOf(r);
      expect(pairsOf(findings, 'OPG002')).toEqual(['OPG002 okta_app_connection.slack']);
      const old = idOf(r, 'okta_push_group.eng');
      for (const run of runsOf(r)) {
        const calls = provisioningCalls(run.calls);
        expect({ run: run.name, calls }).toEqual({ run: run.name, calls: ['deactivate', 'POST mapping'] });
        expect(orphans(run.org)).toEqual([old]);
        expect(run.applyError).toMatch(/Error creating Okta Push Group/);
      }
    });
  });

  describe('a plain replacement of a mapping that refers to the connection (fixtures/real-replace-shutdown)', () => {
    const twin = 'real-replace-shutdown';
    const result = (): Promise<ScenarioResult> => runTwin(twin, [ONE_AT_A_TIME, SLOW_MAPPINGS]);
    twinChecks(twin, result);

    it('the old mapping is destroyed before the connection is updated (OPG002 stays quiet); the new one is refused (OPG001)', async () => {
      const r = await result();
      const { findings } = await outcomeOf(r);
      expect(pairsOf(findings, 'OPG001', 'OPG002')).toEqual(['OPG001 okta_push_group.eng']);
      const old = idOf(r, 'okta_push_group.eng');
      for (const run of runsOf(r)) {
        const calls = provisioningCalls(run.calls);
        expect({ run: run.name, calls }).toEqual({ run: run.name, calls: [`PATCH mapping ${old}`, `DELETE mapping ${old}`, 'deactivate', 'POST mapping'] });
        expect(orphans(run.org)).toEqual([]);
      }
    });
  });
});
