// The repair runbook for orphaned Group Push mappings (OPG001 findings of an audit or lint report), in
// the order Okta's article gives: a valid API token for the app, provisioning enabled, each mapping
// deactivated then deleted (the downstream group kept unless asked otherwise), provisioning disabled
// again. For an app Terraform manages, the same order as separate applies, because Terraform does not
// order changes within one apply. Pure: a report in, a runbook out; nothing is sent to Okta.
import type { Finding } from '../engine/finding';
import type { Report } from '../engine/report';

export interface RunbookMapping {
  address: string;
  /** Okta ids, where the address holds them (org findings). */
  appId?: string;
  mappingId?: string;
  sourceGroupId?: string;
  /** INACTIVE, where the finding says so: the imported block must keep it, or Terraform would PATCH it ACTIVE. */
  inactive?: boolean;
  /** Terraform does not manage it (an org finding whose app Terraform manages, or an audit). */
  orgOnly: boolean;
  message: string;
}

export interface RunbookStep {
  title: string;
  /** The Management API call, `METHOD PATH`, where there is one. */
  request?: string;
  body?: Record<string, unknown>;
  /** Where the API has no call for it: what to do in the Admin Console. */
  console?: string;
}

export interface TerraformApply {
  title: string;
  /** HCL to add or change, or a command to run. */
  changes: string[];
}

export interface AppRunbook {
  /** The app as the findings name it. */
  app: string;
  appId?: string;
  /** The provisioning connection Terraform manages for it, when there is one. */
  terraformConnection?: string;
  mappings: RunbookMapping[];
  steps: RunbookStep[];
  terraform?: TerraformApply[];
}

export interface Runbook {
  version: 1;
  /** `deleteTargetGroup` on every DELETE: false (keep the downstream group) unless asked. */
  deleteTargetGroup: boolean;
  /** The runbook writes nothing: every step is for a person (or Terraform) to run. */
  writes: 'none';
  apps: AppRunbook[];
  /** Findings left out, and why (suppressed, other rules). */
  skipped: { address: string; ruleId: string; why: string }[];
}

const ORG_MAPPING = /^okta_app\/([^/]+)\/group_push\/([^/]+)$/;
const ORG_APP = /^okta_app\/([^/]+)$/;
const SOURCE_GROUP = /source group (?:"(?:[^"\\]|\\.)*" )?(00g[A-Za-z0-9]+)/;

function terraformName(id: string): string {
  return `orphan_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function connectionOf(f: Finding): string | undefined {
  const here = (f.related ?? []).find((a) => /(^|\.)okta_app_connection\.[^/]+$/.test(a) && !a.startsWith('okta_app/'));
  if (here) return here;
  return f.elsewhere?.find((e) => /(^|\.)okta_app_connection\./.test(e.address) && !e.address.startsWith('okta_app/'))?.address;
}

/** Provisioning read from the features endpoint: the connections API does not cover the app. */
function viaFeatures(f: Finding): boolean {
  return (f.related ?? []).some((a) => /^okta_app\/[^/]+\/features$/.test(a));
}

function apiSteps(appId: string | undefined, app: string, mappings: RunbookMapping[], deleteTargetGroup: boolean, features: boolean): RunbookStep[] {
  const id = appId ?? `{id of ${app}}`;
  const base = `/api/v1/apps/${id}`;
  const consoleOnly = features ? 'The connections API does not cover this app: ' : '';
  const steps: RunbookStep[] = [
    features
      ? { title: 'Give the app a valid API token', console: `${consoleOnly}Admin Console › Applications › ${app} › Provisioning › Integration: enter a valid API token, Test API Credentials, Save.` }
      : { title: 'Give the app a valid API token', request: `POST ${base}/connections/default`, body: { profile: { authScheme: 'TOKEN', token: '<a valid API token of the downstream app>' } } },
    features
      ? { title: 'Enable provisioning', console: `${consoleOnly}Admin Console › Applications › ${app} › Provisioning › Integration: Enable API integration, Save.` }
      : { title: 'Enable provisioning', request: `POST ${base}/connections/default/lifecycle/activate` },
  ];
  for (const m of mappings) {
    const mid = m.mappingId ?? `{id of ${m.address}}`;
    steps.push({ title: `Deactivate mapping ${m.address}`, request: `PATCH ${base}/group-push/mappings/${mid}`, body: { status: 'INACTIVE' } });
    steps.push({ title: `Delete mapping ${m.address} (${deleteTargetGroup ? 'deleting' : 'keeping'} the downstream group)`, request: `DELETE ${base}/group-push/mappings/${mid}?deleteTargetGroup=${deleteTargetGroup}` });
  }
  steps.push(
    features
      ? { title: 'Disable provisioning again', console: `${consoleOnly}Admin Console › Applications › ${app} › Provisioning › Integration: clear Enable API integration, Save.` }
      : { title: 'Disable provisioning again', request: `POST ${base}/connections/default/lifecycle/deactivate` },
  );
  return steps;
}

function terraformApplies(connection: string, mappings: RunbookMapping[], deleteTargetGroup: boolean): TerraformApply[] {
  const managed = mappings.filter((m) => !m.orgOnly);
  const orphans = mappings.filter((m) => m.orgOnly);
  const keep = String(deleteTargetGroup);
  const second: string[] = [];
  for (const m of orphans) {
    const name = terraformName(m.mappingId ?? m.address);
    second.push(`import {\n  to = okta_push_group.${name}\n  id = "${m.appId}/${m.mappingId}"\n}`);
    second.push(
      m.sourceGroupId
        ? `resource "okta_push_group" "${name}" {\n  app_id                         = "${m.appId}"\n  source_group_id                = "${m.sourceGroupId}"\n${m.inactive ? '  status                         = "INACTIVE"\n' : ''}  delete_target_group_on_destroy = ${keep}\n}`
        : `# okta_push_group.${name}: write its block with terraform plan -generate-config-out=orphans.tf, then set delete_target_group_on_destroy = ${keep}`,
    );
  }
  for (const m of managed) second.push(`# ${m.address}\n  delete_target_group_on_destroy = ${keep}`);
  const names = [...managed.map((m) => m.address), ...orphans.map((m) => `okta_push_group.${terraformName(m.mappingId ?? m.address)}`)];
  return [
    {
      title: 'Apply 1: enable provisioning with a valid API token (nothing else in this apply: mappings can only change while provisioning is on)',
      changes: [`# ${connection}\n  action = "activate"\n  profile {\n    auth_scheme = "TOKEN"\n    token       = var.provisioning_token # a valid token, from a variable, never a literal\n  }`],
    },
    {
      title: `Apply 2: bring every mapping under Terraform and choose deleteTargetGroup explicitly (${deleteTargetGroup ? 'delete' : 'keep'} the downstream groups)`,
      changes: second,
    },
    { title: 'Apply 3: remove the mappings (the provider deactivates each, then deletes it)', changes: [`# delete the blocks of ${names.join(', ')}`] },
    { title: 'Apply 4: disable provisioning again, once no mapping is left', changes: [`# ${connection}\n  action = "deactivate"`] },
  ];
}

export function runbookOf(report: Report, options: { deleteTargetGroup?: boolean } = {}): Runbook {
  const deleteTargetGroup = options.deleteTargetGroup ?? false;
  const skipped: Runbook['skipped'] = [];
  const byApp = new Map<string, { findings: Finding[] }>();
  for (const f of report.findings) {
    if (f.ruleId !== 'OPG001') {
      if (f.ruleId === 'OPG004' || f.ruleId === 'OPG005') skipped.push({ address: f.address, ruleId: f.ruleId, why: f.ruleId === 'OPG004' ? 'an ACTIVE mapping on an INACTIVE app: delete it before the app, no provisioning step needed' : 'could not be decided: check it by hand' });
      continue;
    }
    if (f.suppressed) {
      skipped.push({ address: f.address, ruleId: f.ruleId, why: `suppressed: ${f.suppressed.reason}` });
      continue;
    }
    // One app, seen by a plan and by the org (lint --org-url): the connection that disables it joins them.
    const key = connectionOf(f) ?? f.app ?? f.address;
    byApp.set(key, { findings: [...(byApp.get(key)?.findings ?? []), f] });
  }
  const apps: AppRunbook[] = [];
  for (const { findings } of [...byApp.values()]) {
    const names = findings.map((f) => f.app ?? f.address);
    const app = names.find((n) => !n.startsWith('okta_app/')) ?? names[0]!;
    const appId = names.map((n) => ORG_APP.exec(n)?.[1]).find((id) => id !== undefined) ?? findings.map((f) => ORG_MAPPING.exec(f.address)?.[1]).find((id) => id !== undefined);
    const connection = findings.map(connectionOf).find((c) => c !== undefined);
    const mappings: RunbookMapping[] = findings.map((f) => {
      const org = ORG_MAPPING.exec(f.address);
      const source = SOURCE_GROUP.exec(f.message)?.[1];
      return {
        address: f.address,
        ...(org ? { appId: org[1]!, mappingId: org[2]! } : {}),
        ...(org && source ? { sourceGroupId: source } : {}),
        ...(org && /\(source group [^)]*, INACTIVE\)/.test(f.message) ? { inactive: true } : {}),
        orgOnly: org !== null,
        message: f.message,
      };
    });
    const steps = apiSteps(appId, app, mappings, deleteTargetGroup, findings.some(viaFeatures));
    apps.push({
      app,
      ...(appId ? { appId } : {}),
      ...(connection ? { terraformConnection: connection, terraform: terraformApplies(connection, mappings, deleteTargetGroup) } : {}),
      mappings,
      steps,
    });
  }
  apps.sort((a, b) => a.app.localeCompare(b.app));
  return { version: 1, deleteTargetGroup, writes: 'none', apps, skipped };
}

function fence(lang: string, text: string): string {
  return `\`\`\`${lang}\n${text}\n\`\`\``;
}

export function runbookMarkdown(runbook: Runbook): string {
  const out: string[] = ['# Repairing orphaned Group Push mappings', ''];
  out.push(
    'Okta runs Group Push only while an app\'s provisioning is enabled, so a mapping left on an app whose provisioning is off ' +
      'cannot be removed as it is, and it breaks user activation. Each app below is repaired in the order Okta documents: a valid ' +
      'API token, provisioning enabled, every mapping deactivated then deleted, provisioning disabled again.',
    '',
    `Downstream groups: ${runbook.deleteTargetGroup ? '**deleted** with their mappings (deleteTargetGroup=true)' : 'kept (deleteTargetGroup=false); pass --delete-target-groups to delete them'}.`,
    'okta-push-guard wrote nothing to Okta: every step is yours to run.',
    '',
  );
  if (runbook.apps.length === 0) out.push('No orphaned mapping (OPG001) in the report: nothing to repair.', '');
  for (const app of runbook.apps) {
    out.push(`## ${app.app}${app.appId && !app.app.includes(app.appId) ? ` (${app.appId})` : ''}`, '');
    for (const m of app.mappings) out.push(`- \`${m.address}\`${m.orgOnly ? '' : ' (managed by Terraform)'}: ${m.message}`);
    out.push('', app.terraform ? '### With the Management API (or in the Admin Console)' : '### Steps', '');
    app.steps.forEach((s, i) => {
      out.push(`${i + 1}. ${s.title}${s.request ? `: \`${s.request}\`` : ''}${s.console ? `. ${s.console}` : ''}`);
      if (s.body) out.push('', fence('json', JSON.stringify(s.body, null, 2)).replace(/^/gm, '   '), '');
    });
    out.push('');
    if (app.terraform) {
      out.push(`### With Terraform (${app.terraformConnection} manages provisioning)`, '', 'One apply per step, in this order: Terraform does not order changes within an apply.', '');
      for (const apply of app.terraform) {
        out.push(`#### ${apply.title}`, '');
        for (const change of apply.changes) out.push(fence('hcl', change), '');
      }
    }
  }
  if (runbook.skipped.length > 0) {
    out.push('## Not in this runbook', '');
    for (const s of runbook.skipped) out.push(`- \`${s.address}\` (${s.ruleId}): ${s.why}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
