// Rule settings from the configuration (or the Aspect's options): severity per rule, off, and what
// to do with undecidable verdicts (OPG005).
import type { Rule } from '../engine/rule';
import type { Severity } from '../engine/severity';

export interface RuleSettings {
  rules?: Record<string, Severity | 'off'>;
  unknown?: Severity | 'off';
}

export const UNKNOWN_RULE_ID = 'OPG005';

export function configureRules(rules: readonly Rule[], settings: RuleSettings): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const level = settings.rules?.[rule.meta.id] ?? (rule.meta.id === UNKNOWN_RULE_ID ? settings.unknown : undefined);
    if (level === 'off') continue;
    out.push(level ? { ...rule, meta: { ...rule.meta, severity: level } } : rule);
  }
  return out;
}
