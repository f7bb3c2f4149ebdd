// OPG003: destroying a push mapping deletes its downstream group unless state says otherwise.
import { defineRule, type Outcome } from '../src/engine/rule';
import { lookup } from '../src/model/value';
import { code } from '../src/okta/describe';

export const pushMappingDestroyDeletesTargetGroup = defineRule({
  meta: {
    id: 'OPG003',
    name: 'push-mapping-destroy-deletes-target-group',
    severity: 'warning',
    description: 'Disallow destroying or replacing a push mapping whose delete_target_group_on_destroy is true in state',
    rationale:
      'okta_push_group deletes the mapping with deleteTargetGroup set from delete_target_group_on_destroy as state ' +
      'holds it at destroy time; the schema default (true) is stored for every mapping Terraform creates: destroying ' +
      '(or replacing) such a mapping deletes the group in the downstream app, with its memberships and any access ' +
      'granted through it. (An imported mapping has no value in state, which the provider sends as false.)',
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
      unknownFlag:
        'Cannot tell whether destroying push mapping {{mapping}}{{onApp}} deletes its target group in the downstream ' +
        'app: delete_target_group_on_destroy is {{setting}} in state. Set it to false and apply first if the group must stay.',
    },
  },
  check(view) {
    if (!view.isPlan) return [];
    const outcomes: Outcome<'destroy' | 'replace' | 'unknownFlag'>[] = [];
    for (const mapping of view.mappings) {
      const r = mapping.resource;
      if (r.action !== 'delete' && r.action !== 'replace') continue;
      const flag = lookup(r.before ?? undefined, 'delete_target_group_on_destroy');
      // Null in state (an import sets only app_id and id) is sent as deleteTargetGroup=false.
      if (flag.state === 'absent' || (flag.state === 'known' && flag.value === false)) {
        outcomes.push({ status: 'pass', resource: r });
        continue;
      }
      const link = mapping.link.before;
      const app = link?.state === 'linked' ? link.app.label : undefined;
      const data = {
        mapping: code(r.id),
        onApp: app ? ` on ${code(app)}` : '',
        setting: flag.sensitive ? '(sensitive value)' : flag.state === 'known' ? String(flag.value) : '(known after apply)',
        order: r.replaceOrder === 'create-first' ? ' after creating the new one (create_before_destroy)' : ' before creating the new one',
      };
      if (flag.state === 'unknown' || flag.value !== true) {
        // Redacted, marked sensitive or not a bool: whether the group is deleted cannot be told.
        outcomes.push({ status: 'unknown', reason: 'delete_target_group_on_destroy unknown', messageId: 'unknownFlag', data, resource: r, ...(app ? { app } : {}) });
        continue;
      }
      outcomes.push({ status: 'fail', messageId: r.action === 'replace' ? 'replace' : 'destroy', data, resource: r, ...(app ? { app } : {}) });
    }
    return outcomes;
  },
});
