// OPG007: a provisioning token or admin password must not be a literal in code.
import { defineRule, type Outcome } from '../src/engine/rule';
import { code } from '../src/okta/describe';

export const provisioningSecretInCode = defineRule({
  meta: {
    id: 'OPG007',
    name: 'provisioning-secret-in-code',
    severity: 'warning',
    description: 'Disallow literal provisioning tokens and admin passwords in Terraform code',
    rationale:
      'A SCIM token or admin password written into code ends up in version control, in every plan file and in ' +
      'state, readable by anyone with access to any of them. When it leaks it must be rotated in the downstream app, ' +
      'and a stale token is exactly what breaks provisioning and, with it, Group Push.',
    remediation:
      '1. Rotate the credential in the downstream app: it has been exposed. ' +
      '2. Pass the new one through a sensitive variable (variable "scim_token" { sensitive = true }) set from the ' +
      'environment (TF_VAR_scim_token) or a secrets manager data source, never as a literal.',
    messages: {
      literal:
        '{{resource}} sets {{attribute}} to a literal in code. Pass it through a sensitive variable or a secrets ' +
        'manager instead, and rotate the exposed value.',
      maybeLiteral:
        'Cannot tell whether {{resource}} sets {{attribute}} to a literal in code: the plan records an expression ' +
        'without references, which is a literal passed through a function (sensitive("…"), base64decode("…")) or a ' +
        'file read (file("…")). Lint the code to decide.',
    },
  },
  check(view) {
    const outcomes: Outcome<'literal' | 'maybeLiteral'>[] = [];
    for (const provisioner of view.provisioners) {
      if (provisioner.kind !== 'connection') continue;
      const link = provisioner.link.after ?? provisioner.link.before;
      const app = link?.state === 'linked' ? link.app.label : undefined;
      for (const attribute of provisioner.maybeLiteralSecrets) {
        outcomes.push({
          status: 'unknown',
          reason: 'expression not recorded',
          messageId: 'maybeLiteral',
          data: { resource: code(provisioner.resource.id), attribute: code(attribute) },
          resource: provisioner.resource,
          ...(app ? { app } : {}),
        });
      }
      if (provisioner.literalSecrets.length === 0) {
        outcomes.push({ status: 'pass', resource: provisioner.resource });
        continue;
      }
      for (const attribute of provisioner.literalSecrets) {
        outcomes.push({
          status: 'fail',
          messageId: 'literal',
          data: { resource: code(provisioner.resource.id), attribute: code(attribute) },
          resource: provisioner.resource,
          ...(app ? { app } : {}),
        });
      }
    }
    return outcomes;
  },
});
