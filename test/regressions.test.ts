// Situations that once gave a wrong verdict (fixtures/regressions/README.md describes each).
import { lint } from '../src/core/lint';
import { FIXTURES, lintDocument, pairs, readFixture } from './support/fixtures';

const run = (path: string) => lint([`regressions/${path}`], { cwd: FIXTURES });

describe('regressions', () => {
  it.each([
    ['known-id-beats-reference.json', ['OPG001 okta_push_group.p']],
    ['count-index-inside-expression.json', ['OPG001 okta_push_group.p[0]']],
    ['data-source-and-resource-same-app.json', ['OPG001 okta_push_group.eng']],
    ['data-source-read-at-apply.json', ['OPG002 okta_app_connection.slack', 'OPG003 okta_push_group.eng']],
    ['create-then-forget.json', ['OPG001 okta_push_group.eng (forgotten)']],
    ['connection-moved-to-other-app.json', ['OPG001 okta_push_group.p', 'OPG006 okta_app_connection.legacy']],
    ['variable-named-constructor.json', []],
    ['whole-object-sensitive.json', ['OPG001 okta_push_group.p']],
    ['each-value-as-index.json', ['OPG005 okta_app_connection.apps["billing"]', 'OPG005 okta_push_group.team["wiki"]']],
    ['count-index-plus-one.json', ['OPG005 okta_app_connection.apps[1]', 'OPG005 okta_push_group.team[0]']],
    ['data-read-at-apply-vs-literal-id.json', ['OPG005 okta_push_group.eng']],
    ['redacted-sensitive-feature-status.json', ['OPG005 okta_push_group.eng']],
    ['connection-renamed-and-reactivated.json', ['OPG006 okta_app_connection.old']],
    ['feature-renamed-on-replace.json', ['OPG001 okta_push_group.eng']],
    ['connection-moved-to-unknown-app.json', ['OPG005 okta_push_group.eng']],
    ['data-connection-disabled.json', ['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']],
    ['shutdown-ordered-by-mapping-dependency.json', ['OPG003 okta_push_group.eng', 'OPG003 okta_push_group.ops']],
    ['shutdown-ordered-by-connection-dependency.json', ['OPG003 okta_push_group.eng', 'OPG003 okta_push_group.ops']],
    ['shutdown-partly-ordered.json', ['OPG002 okta_app_connection.slack', 'OPG003 okta_push_group.eng', 'OPG003 okta_push_group.ops']],
    ['unlinked-disabler.json', ['OPG005 okta_app_connection.c', 'OPG005 okta_push_group.eng']],
    ['planned-values-without-changes.json', ['OPG001 okta_push_group.eng']],
    ['maybe-unordered-shutdown.json', ['OPG003 okta_push_group.eng', 'OPG005 okta_app_connection.slack']],
  ])('%s', async (file, expected) => {
    expect(pairs(await run(file))).toEqual(expected);
  });

  it('keeps a sensitive app id out of messages, app names and remediation', async () => {
    const report = await run('sensitive-app-id.json');
    expect(pairs(report)).toEqual(['OPG001 okta_push_group.p']);
    expect(JSON.stringify(report)).not.toContain('0oaSECRETAPPID0000x9');
  });

  it('does not mask ordinary words because a boolean is sensitive', async () => {
    const [finding] = (await run('sensitive-boolean.json')).findings;
    expect(finding!.message).toContain('with destroy = false');
    expect(finding!.message).not.toContain('(sensitive value)');
  });

  it('is not changed by a __proto__ key in an earlier input', async () => {
    const report = await run('prototype-keys');
    expect(report.inputs.map((i) => i.kind)).toEqual(['tfstate', 'plan']);
    expect(pairs(report.findings.filter((f) => f.input.endsWith('b-plan.json')))).toEqual(['OPG001 okta_push_group.eng', 'OPG001 okta_push_group.ops']);
    expect(({} as Record<string, unknown>).deposed).toBeUndefined();
  });

  it('takes a data source okta_app_connection that reads UNKNOWN (an app the connections API does not cover) as no evidence', async () => {
    const state = readFixture('regressions/data-connection-disabled.json') as { values: { root_module: { resources: { values: Record<string, unknown> }[] } } };
    state.values.root_module.resources[0]!.values.status = 'UNKNOWN';
    expect(pairs(await lintDocument(state, 'state.json'))).toEqual([]);
  });
});

describe('a plan without resource_changes', () => {
  const { loadPlan } = require('../src/loaders/plan') as typeof import('../src/loaders/plan');
  const plan = (prior: Record<string, unknown>, planned: Record<string, unknown>, sensitive: Record<string, unknown> = {}) => ({
    format_version: '1.2',
    prior_state: { format_version: '1.0', values: { root_module: { resources: [{ address: 'okta_app_connection.c', mode: 'managed', type: 'okta_app_connection', name: 'c', values: prior, sensitive_values: sensitive }] } } },
    planned_values: { root_module: { resources: [{ address: 'okta_app_connection.c', mode: 'managed', type: 'okta_app_connection', name: 'c', values: planned, sensitive_values: sensitive }] } },
  });
  const action = (doc: unknown) => loadPlan(doc as never, 'plan.json').resources[0]!.action;

  it('reads the same values in another key order as no change', () => {
    expect(action(plan({ id: '0oa1', action: 'activate', base_url: 'u' }, { base_url: 'u', action: 'activate', id: '0oa1' }))).toBe('no-op');
  });

  it('reads a changed sensitive value as a change', () => {
    expect(action(plan({ id: '0oa1', action: 'activate' }, { id: '0oa1', action: 'deactivate' }, { action: true }))).toBe('update');
  });
});

describe('a deferred change (Terraform 1.9+ deferred_changes)', () => {
  it('is judged as unknown: none of its planned values is final', async () => {
    const plan = readFixture('orphan-after-deactivate/plan.json') as { resource_changes: { address: string }[]; deferred_changes?: unknown[] };
    const connection = plan.resource_changes.find((c) => c.address === 'okta_app_connection.slack')!;
    plan.resource_changes = plan.resource_changes.filter((c) => c !== connection);
    plan.deferred_changes = [{ reason: 'provider_config_unknown', resource_change: connection }];
    const report = await lintDocument(plan);
    expect(pairs(report)).toEqual(['OPG005 okta_push_group.eng', 'OPG005 okta_push_group.ops']);
  });
});
