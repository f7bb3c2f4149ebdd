// Rule settings from the configuration (or the Aspect's options): severity per rule, off, and the
// severity of undecidable verdicts (`unknown`), which every rule can return.
import type { Rule } from '../engine/rule';
import type { Severity } from '../engine/severity';

export interface RuleSettings {
  rules?: Record<string, Severity | 'off'>;
  unknown?: Severity | 'off';
}

/** The rule whose every finding is an undecidable verdict: its own setting is also its unknown severity. */
export const UNKNOWN_RULE_ID = 'OPG005';

/** `keepUnknown`: undecidable verdicts are reported (as notes at least) even if turned off, because a strict gate fails on them. */
export function configureRules(rules: readonly Rule[], settings: RuleSettings, keepUnknown = false): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const own = settings.rules?.[rule.meta.id];
    let unknown = (rule.meta.id === UNKNOWN_RULE_ID ? own : undefined) ?? settings.unknown ?? (rule.meta.id === UNKNOWN_RULE_ID ? rule.meta.severity : 'note');
    if (unknown === 'off' && keepUnknown) unknown = 'note';
    const level = rule.meta.id === UNKNOWN_RULE_ID ? unknown : own;
    if (level === 'off') continue;
    out.push({ ...rule, meta: level ? { ...rule.meta, severity: level } : rule.meta, unknownSeverity: unknown });
  }
  return out;
}
