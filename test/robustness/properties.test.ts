// Properties that must hold for every input, checked on generated variations (fast-check): a verdict
// does not depend on resource order, JSON whitespace or key order, or an unrelated resource; the same
// intent as a plan, a state and code gives the same OPG001 findings; suppression patterns match as the
// regular expression they replaced, without its exponential backtracking.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { lint } from '../../src/core/lint';
import type { Report } from '../../src/engine/report';
import { addressPattern } from '../../src/policy/glob';
import { FIXTURES } from '../support/fixtures';

const RUNS = { numRuns: 50 };
const PROVIDER = 'registry.terraform.io/okta/okta';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Plan = { resource_changes?: Json[]; planned_values?: { root_module?: { resources?: Json[] } }; [k: string]: Json | undefined };

function readPlan(relative: string): Plan {
  return JSON.parse(readFileSync(join(FIXTURES, relative), 'utf8')) as Plan;
}

/** Every plan among the fixtures (each folder's plan.json, and the regressions that are plans, not states). */
const PLANS = [
  ...readdirSync(FIXTURES)
    .filter((d) => readdirSync(join(FIXTURES, d)).includes('plan.json'))
    .map((d) => join(d, 'plan.json')),
  ...readdirSync(join(FIXTURES, 'regressions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join('regressions', f)),
].filter((file) => Array.isArray(readPlan(file).resource_changes));

/** What a verdict is made of: which rule fired where, and how; not the wording or the order. */
function verdict(report: Report): string[] {
  return report.findings.map((f) => `${f.ruleId} ${f.address} ${f.messageId} ${f.verdict} ${f.severity} ${f.app}`).sort();
}

async function lintText(text: string, name = 'plan.json'): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'opg-property-'));
  writeFileSync(join(dir, name), text);
  return lint([name], { cwd: dir, config: false });
}

function permute<T>(items: readonly T[], order: readonly number[]): T[] {
  // `order` holds sort keys: a random permutation of the items.
  return items.map((item, i) => ({ item, key: order[i % order.length]! + i / items.length })).sort((a, b) => a.key - b.key).map((x) => x.item);
}

/** The same JSON value with every object's keys in an order taken from `keys`. */
function reorderKeys(value: Json, keys: readonly number[], at = { i: 0 }): Json {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, keys, at));
  if (value === null || typeof value !== 'object') return value;
  const entries = permute(Object.entries(value), keys.slice(at.i++ % keys.length).concat(keys));
  const out: { [k: string]: Json } = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: reorderKeys(v, keys, at), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('a verdict', () => {
  const baseline = new Map<string, string[]>();
  const verdictOf = async (plan: string): Promise<string[]> => {
    let known = baseline.get(plan);
    if (!known) {
      known = verdict(await lintText(readFileSync(join(FIXTURES, plan), 'utf8')));
      baseline.set(plan, known);
    }
    return known;
  };

  it('does not change when resources are reordered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLANS), fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), async (file, order) => {
        const plan = readPlan(file);
        if (plan.resource_changes) plan.resource_changes = permute(plan.resource_changes, order);
        const planned = plan.planned_values?.root_module;
        if (planned?.resources) planned.resources = permute(planned.resources, order.slice().reverse());
        expect(verdict(await lintText(JSON.stringify(plan)))).toEqual(await verdictOf(file));
      }),
      RUNS,
    );
  }, 120_000);

  it('does not change with JSON whitespace or key order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PLANS),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }),
        fc.constantFrom<string | number>(0, 1, 2, 4, '\t', ' '),
        fc.boolean(),
        async (file, keys, indent, crlf) => {
          const plan = reorderKeys(readPlan(file) as Json, keys);
          let text = JSON.stringify(plan, null, indent);
          if (crlf) text = text.replace(/\n/g, '\r\n');
          expect(verdict(await lintText(`\n ${text}\t\n`))).toEqual(await verdictOf(file));
        },
      ),
      RUNS,
    );
  }, 120_000);

  it('does not change when an unrelated resource is added', async () => {
    const unrelated = fc.record({
      type: fc.constantFrom('aws_s3_bucket', 'okta_group', 'okta_user', 'random_id', 'okta_group_rule'),
      name: fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
      action: fc.constantFrom(['no-op'], ['create'], ['delete'], ['update'], ['delete', 'create']),
      at: fc.nat(100),
    });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PLANS), fc.array(unrelated, { minLength: 1, maxLength: 3 }), async (file, added) => {
        const plan = readPlan(file);
        const changes = plan.resource_changes ?? [];
        for (const [i, r] of added.entries()) {
          const name = `unrelated_${i}_${r.name}`;
          const values = { id: `id-${name}`, name };
          const resource = {
            address: `${r.type}.${name}`,
            mode: 'managed',
            type: r.type,
            name,
            provider_name: PROVIDER,
            change: { actions: [...r.action], before: r.action[0] === 'create' ? null : values, after: r.action[0] === 'delete' && r.action.length === 1 ? null : values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
          };
          changes.splice(r.at % (changes.length + 1), 0, resource);
        }
        plan.resource_changes = changes;
        expect(verdict(await lintText(JSON.stringify(plan)))).toEqual(await verdictOf(file));
      }),
      RUNS,
    );
  }, 120_000);
});

/** An org in a few lines: apps, whether each one's provisioning is deactivated, and its mappings. */
const ORG = fc.array(
  fc.record({
    provisioning: fc.constantFrom('deactivate', 'activate', 'none'),
    mappings: fc.array(fc.constantFrom('ACTIVE', 'INACTIVE'), { maxLength: 3 }),
  }),
  { minLength: 1, maxLength: 4 },
);
type Org = { provisioning: 'deactivate' | 'activate' | 'none'; mappings: ('ACTIVE' | 'INACTIVE')[] }[];

const appId = (i: number): string => `0oaAPP${String(i).padStart(14, '0')}`;

/** Every resource of the org with its values once applied: what a plan's and a state's values hold. */
function resources(org: Org): { type: string; name: string; values: Record<string, Json> }[] {
  const out: { type: string; name: string; values: Record<string, Json> }[] = [];
  for (const [i, app] of org.entries()) {
    out.push({ type: 'okta_app_saml', name: `a${i}`, values: { id: appId(i), label: `App ${i}`, status: 'ACTIVE' } });
    if (app.provisioning !== 'none') {
      const status = app.provisioning === 'deactivate' ? 'DISABLED' : 'ENABLED';
      out.push({ type: 'okta_app_connection', name: `a${i}`, values: { id: appId(i), action: app.provisioning, status, base_url: 'https://x.example.com/scim/v2' } });
    }
    for (const [j, status] of app.mappings.entries()) out.push({ type: 'okta_push_group', name: `m${i}_${j}`, values: { id: `m${i}${j}`, app_id: appId(i), source_group_id: `00g${i}${j}`, status } });
  }
  return out;
}

function asPlan(org: Org): string {
  const changes = resources(org).map((r) => ({
    address: `${r.type}.${r.name}`,
    mode: 'managed',
    type: r.type,
    name: r.name,
    provider_name: PROVIDER,
    change: { actions: ['no-op'], before: r.values, after: r.values, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  }));
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: changes });
}

function asState(org: Org): string {
  const list = resources(org).map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_name: PROVIDER, schema_version: 0, values: r.values, sensitive_values: {} }));
  return JSON.stringify({ format_version: '1.0', terraform_version: '1.11.4', values: { root_module: { resources: list } } });
}

function asCode(org: Org): string {
  return org
    .flatMap((app, i) => [
      `resource "okta_app_saml" "a${i}" {\n  label = "App ${i}"\n}`,
      ...(app.provisioning === 'none' ? [] : [`resource "okta_app_connection" "a${i}" {\n  id       = okta_app_saml.a${i}.id\n  base_url = "https://x.example.com/scim/v2"\n  action   = "${app.provisioning}"\n}`]),
      ...app.mappings.map((status, j) => `resource "okta_push_group" "m${i}_${j}" {\n  app_id          = okta_app_saml.a${i}.id\n  source_group_id = "00g${i}${j}"\n  status          = "${status}"\n}`),
    ])
    .join('\n');
}

describe('the same intent', () => {
  it('as a plan, a state and code gives the same OPG001 findings', async () => {
    await fc.assert(
      fc.asyncProperty(ORG, async (org) => {
        const expected = org.flatMap((app, i) => (app.provisioning === 'deactivate' ? app.mappings.map((_, j) => `okta_push_group.m${i}_${j}`) : [])).sort();
        const opg001 = (report: Report): string[] => report.findings.filter((f) => f.ruleId === 'OPG001').map((f) => f.address).sort();
        const dir = mkdtempSync(join(tmpdir(), 'opg-intent-'));
        mkdirSync(join(dir, 'code'));
        writeFileSync(join(dir, 'code', 'main.tf'), asCode(org));
        writeFileSync(join(dir, 'plan.json'), asPlan(org));
        writeFileSync(join(dir, 'state.json'), asState(org));
        for (const input of ['plan.json', 'state.json', 'code']) expect([input, opg001(await lint([input], { cwd: dir, config: false }))]).toEqual([input, expected]);
      }),
      RUNS,
    );
  }, 120_000);
});

describe('a suppression address pattern', () => {
  /** The regular expression the automaton replaced (exponential on many `*`, so only for short inputs). */
  function reference(glob: string): RegExp {
    let out = '';
    let inKey = false;
    for (let i = 0; i < glob.length; i++) {
      const ch = glob[i]!;
      if (ch === '"') inKey = !inKey;
      if (ch === '*' && glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else if (ch === '*') out += inKey ? '[^"]*' : '[^.\\[]*(?:\\[[^\\]]*\\])?';
      else out += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${out}(\\[[^\\]]*\\])?$`);
  }

  it('matches exactly what the regular expression matched', () => {
    const text = (max: number) => fc.array(fc.constantFrom('a', 'b', '.', '[', ']', '"', '0', '*'), { maxLength: max }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text(8), text(12), (glob, address) => {
        const clean = address.replace(/\*/g, 'a');
        expect(addressPattern(glob).test(clean)).toBe(reference(glob).test(clean));
      }),
      { numRuns: 3000 },
    );
  });
});
