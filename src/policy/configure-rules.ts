// Rule settings from the configuration (or the Aspect's options): severity per rule, off, and what
// to do with undecidable verdicts (OPG005).
import type { Rule } from '../engine/rule';
import type { Severity } from '../engine/severity';

export interface RuleSettings {
  rules?: Record<string, Severity | 'off'>;
  unknown?: Severity | 'off';
}

import { UNKNOWN_RULE_ID } from '../engine/gate';

export { UNKNOWN_RULE_ID };

/** `keepUnknown`: OPG005 runs even if turned off (as a note), because a strict gate fails on it. */
export function configureRules(rules: readonly Rule[], settings: RuleSettings, keepUnknown = false): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    let level = settings.rules?.[rule.meta.id] ?? (rule.meta.id === UNKNOWN_RULE_ID ? settings.unknown : undefined);
    if (level === 'off' && keepUnknown && rule.meta.id === UNKNOWN_RULE_ID) level = 'note';
    if (level === 'off') continue;
    out.push(level ? { ...rule, meta: { ...rule.meta, severity: level } } : rule);
  }
  return out;
}
