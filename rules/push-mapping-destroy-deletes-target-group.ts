// OPG003: destroying a push mapping deletes its downstream group unless state says otherwise.
import { defineRule, type Outcome } from '../src/engine/rule';
import { lookup } from '../src/model/value';
import { code } from '../src/okta/describe';

export const pushMappingDestroyDeletesTargetGroup = defineRule({
  meta: {
    id: 'OPG003',
    name: 'push-mapping-destroy-deletes-target-group',
    severity: 'warning',
    description: 'Disallow destroying or replacing a push mapping whose delete_target_group_on_destroy is true or unset in state',
    rationale:
      'okta_push_group deletes the mapping with deleteTargetGroup set from delete_target_group_on_destroy, which ' +
      'defaults to true and is read from state at destroy time: destroying (or replacing) the mapping deletes the ' +
      'group in the downstream app, with its memberships and any access granted through it.',
    remediation:
      '1. If the downstream group must survive, set delete_target_group_on_destroy = false on the mapping and apply ' +
      '(the value in state is the one used at destroy time). 2. Then remove or replace the mapping in a later apply.',
    messages: {
      destroy:
        'Destroying push mapping {{mapping}}{{onApp}} also deletes its target group in the downstream app: ' +
        'delete_target_group_on_destroy is {{setting}} in state. Set it to false and apply first if the group must stay.',
      replace:
        'Replacing push mapping {{mapping}}{{onApp}} destroys the old mapping{{order}}, which deletes its target group ' +
        'in the downstream app: delete_target_group_on_destroy is {{setting}} in state. Set it to false and apply first ' +
        'if the group must stay.',
    },
  },
  check(view) {
    if (!view.isPlan) return [];
    const outcomes: Outcome<'destroy' | 'replace'>[] = [];
    for (const mapping of view.mappings) {
      const r = mapping.resource;
      if (r.action !== 'delete' && r.action !== 'replace') continue;
      const flag = lookup(r.before ?? undefined, 'delete_target_group_on_destroy');
      if (flag.state === 'known' && flag.value === false) {
        outcomes.push({ status: 'pass', resource: r });
        continue;
      }
      if (flag.state === 'unknown') {
        outcomes.push({ status: 'unknown', resource: r, reason: 'delete_target_group_on_destroy unknown' });
        continue;
      }
      const link = mapping.link.before;
      const app = link?.state === 'linked' ? link.app.label : undefined;
      outcomes.push({
        status: 'fail',
        messageId: r.action === 'replace' ? 'replace' : 'destroy',
        data: {
          mapping: code(r.id),
          onApp: app ? ` on ${code(app)}` : '',
          setting: flag.state === 'known' ? (flag.sensitive ? '(sensitive value)' : String(flag.value)) : 'unset (default true)',
          order: r.replaceOrder === 'create-first' ? ' after creating the new one (create_before_destroy)' : ' before creating the new one',
        },
        resource: r,
        ...(app ? { app } : {}),
      });
    }
    return outcomes;
  },
});
