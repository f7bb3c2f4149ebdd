// Reads what an org holds for the audit: its apps, each app's provisioning, and the Group Push
// mappings of every app where an orphan is possible. The rule for each answer is written beside the
// code that applies it (and in the README, "Auditing a live org"); whatever cannot be read is kept as
// a reason, which the rules report as OPG005, never as a pass.
import { LoadError } from '../inputs/load-error';
import { describeAnswer, oktaError, type Answer, type OktaHttp } from './http';

export type ProvisioningReading =
  | { state: 'enabled' | 'disabled'; source: 'connection' | 'features'; evidence: string }
  /** Neither API knows provisioning for the app (bookmark, SWA and other apps without it). */
  | { state: 'unknown'; reason: string; unsupported?: true };

export interface OrgMapping {
  id: string;
  status: string;
  sourceGroupId: string;
  sourceGroupName?: string;
  targetGroupId?: string;
  errorSummary?: string;
}

export type MappingsReading = { state: 'read'; mappings: OrgMapping[] } | { state: 'skipped'; why: string } | { state: 'unreadable'; reason: string };

export interface OrgApp {
  id: string;
  label: string;
  name: string;
  status: string;
  provisioning: ProvisioningReading;
  mappings: MappingsReading;
}

/** The sentence Okta answers GET …/features with (400, in errorCauses) for an app whose provisioning is off. */
export const PROVISIONING_NOT_ENABLED = 'Provisioning is not enabled for the app instance.';

const APPS_PAGE = 200;
const MAPPINGS_PAGE = 1000;

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Provisioning, in two steps.
 * 1. GET /api/v1/apps/{id}/connections/default: `status` ENABLED or DISABLED decides. UNKNOWN (or none),
 *    404 and 400 mean the connections API does not cover the app (generic SCIM apps, most integrations):
 *    go on to step 2. Anything else (5xx or no answer after the retries) is unknown.
 * 2. GET /api/v1/apps/{id}/features: a 400 whose errorSummary or a cause says "Provisioning is not enabled
 *    for the app instance." is provisioning off. A list decides by its USER_PROVISIONING entry (ENABLED or
 *    DISABLED; Okta to the app, the direction Group Push needs). A list without it, and any other answer,
 *    is unknown; a 404 there too means the app has no provisioning at all (`unsupported`).
 */
export async function readProvisioning(http: OktaHttp, appId: string): Promise<ProvisioningReading> {
  const base = `/api/v1/apps/${encodeURIComponent(appId)}`;
  const connection = await http.get(`${base}/connections/default`);
  if (connection.status === 200) {
    const status = str(record(connection.body).status);
    if (status === 'ENABLED' || status === 'DISABLED') return { state: status === 'ENABLED' ? 'enabled' : 'disabled', source: 'connection', evidence: `status ${status}` };
  } else if (connection.status !== 404 && connection.status !== 400) {
    return { state: 'unknown', reason: `GET connections/default: ${describeAnswer(connection)}` };
  }
  const features = await http.get(`${base}/features`);
  if (features.status === 400 && notEnabled(features)) return { state: 'disabled', source: 'features', evidence: `answers 400 "${PROVISIONING_NOT_ENABLED}"` };
  if (features.status === 200 && Array.isArray(features.body)) {
    const user = features.body.map(record).find((f) => f.name === 'USER_PROVISIONING');
    const status = str(user?.status);
    if (status === 'ENABLED' || status === 'DISABLED') return { state: status === 'ENABLED' ? 'enabled' : 'disabled', source: 'features', evidence: `USER_PROVISIONING ${status}` };
    return { state: 'unknown', reason: user ? `USER_PROVISIONING has status ${String(user.status)}` : 'the connections API does not cover the app and its features list has no USER_PROVISIONING' };
  }
  return {
    state: 'unknown',
    reason: `the connections API does not cover the app, and GET features: ${describeAnswer(features)}`,
    ...(features.status === 404 ? { unsupported: true as const } : {}),
  };
}

function notEnabled(answer: Answer): boolean {
  const e = oktaError(answer.body);
  return [e.summary ?? '', ...e.causes].some((text) => text.includes(PROVISIONING_NOT_ENABLED.replace(/\.$/, '')));
}

/**
 * The app's mappings (GET …/group-push/mappings, paged). Any answer but 200 is unreadable, except a 400
 * or 404 for an app without provisioning (`unsupported`): without provisioning there is no Group Push,
 * so it has no mappings to orphan.
 */
export async function readMappings(http: OktaHttp, appId: string, groupName: (id: string) => Promise<string | undefined>, unsupported = false): Promise<MappingsReading> {
  const listed = await http.all(`/api/v1/apps/${encodeURIComponent(appId)}/group-push/mappings?limit=${MAPPINGS_PAGE}`, 'push mappings');
  if (!listed.ok && unsupported && (listed.answer.status === 400 || listed.answer.status === 404)) {
    return { state: 'skipped', why: `the app has no provisioning, so no Group Push (GET group-push/mappings: ${describeAnswer(listed.answer)})` };
  }
  if (!listed.ok) return { state: 'unreadable', reason: `GET group-push/mappings: ${describeAnswer(listed.answer)}` };
  const mappings: OrgMapping[] = [];
  for (const item of listed.items.map(record)) {
    const id = str(item.id);
    const sourceGroupId = str(item.sourceGroupId);
    if (!id || !sourceGroupId) return { state: 'unreadable', reason: 'a push mapping in the answer has no id or sourceGroupId' };
    const name = await groupName(sourceGroupId);
    const targetGroupId = str(item.targetGroupId);
    const errorSummary = str(item.errorSummary);
    mappings.push({
      id,
      status: str(item.status) ?? 'ACTIVE',
      sourceGroupId,
      ...(name !== undefined ? { sourceGroupName: name } : {}),
      ...(targetGroupId ? { targetGroupId } : {}),
      ...(errorSummary ? { errorSummary } : {}),
    });
  }
  return { state: 'read', mappings };
}

/** Group names by id, each read once (GET /api/v1/groups/{id}); a group that cannot be read has no name. */
export function groupNames(http: OktaHttp): (id: string) => Promise<string | undefined> {
  const cache = new Map<string, Promise<string | undefined>>();
  return (id) => {
    let name = cache.get(id);
    if (!name) {
      name = http.get(`/api/v1/groups/${encodeURIComponent(id)}`).then((a) => (a.status === 200 ? str(record(record(a.body).profile).name) : undefined));
      cache.set(id, name);
    }
    return name;
  };
}

export interface ReadOptions {
  /** Called after each app is read: apps done of total (the terminal progress line). */
  progress?: (done: number, total: number) => void;
}

/** One app of the list, with its provisioning and, where an orphan is possible, its mappings. */
export async function readApp(http: OktaHttp, app: Record<string, unknown>, groupName: (id: string) => Promise<string | undefined>): Promise<OrgApp> {
  const id = str(app.id)!;
  const status = str(app.status) ?? 'ACTIVE';
  const provisioning = await readProvisioning(http, id);
  // With provisioning on and the app ACTIVE no rule can fire: its mappings are not read (fewer calls).
  const mappings: MappingsReading =
    provisioning.state === 'enabled' && status !== 'INACTIVE'
      ? { state: 'skipped', why: 'provisioning is enabled and the app is ACTIVE' }
      : await readMappings(http, id, groupName, provisioning.state === 'unknown' && provisioning.unsupported === true);
  return { id, label: str(app.label) ?? id, name: str(app.name) ?? '', status, provisioning, mappings };
}

/** Every app of the org (GET /api/v1/apps, paged), then each app concurrently (bounded by the client). */
export async function readOrg(http: OktaHttp, options: ReadOptions = {}): Promise<OrgApp[]> {
  const listed = await http.all(`/api/v1/apps?limit=${APPS_PAGE}`, 'apps');
  if (!listed.ok) throw new LoadError('org-unreadable', http.org.origin, http.scrub(`cannot list the apps (GET /api/v1/apps: ${describeAnswer(listed.answer)})`));
  const apps = listed.items.map(record).filter((a) => str(a.id) !== undefined);
  const groupName = groupNames(http);
  let done = 0;
  options.progress?.(0, apps.length);
  return Promise.all(
    apps.map(async (app) => {
      const read = await readApp(http, app, groupName);
      options.progress?.(++done, apps.length);
      return read;
    }),
  );
}
