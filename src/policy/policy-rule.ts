// OPG000: findings about the policy itself (suppressions), reported like rule findings.
import type { RuleMeta } from '../engine/rule';

export const POLICY_RULE: RuleMeta<'invalid' | 'unused' | 'sourcesUnread'> = {
  id: 'OPG000',
  name: 'suppression',
  severity: 'error',
  description: 'Require every suppression to be valid, to give a reason, and to still match something',
  rationale:
    'A gate that can be silenced without a trace gets silenced. Every exception must say why, may say until when, and ' +
    'is reported once it no longer matches anything, so stale exceptions get cleaned up.',
  remediation: '1. Give the suppression a reason="…" (and an until= date). 2. Remove suppressions reported as unused.',
  messages: {
    invalid: 'The suppression on {{address}} is not valid: {{problem}}.',
    unused: 'The suppression of {{rule}} for {{address}} ({{source}}) matched nothing; remove it.',
    sourcesUnread:
      'The .tf sources in {{sources}} could not be read ({{problem}}), so the findings of this input carry no source ' +
      'locations and the inline suppressions written there are not applied. The input itself was judged in full.',
  },
};
