// Rule documentation pages (rules/<name>.md), read only when asked for.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../engine/rule';
import { PACKAGE_ROOT } from '../package-info';

export function ruleDocPath(rule: Rule): string {
  return join(PACKAGE_ROOT, 'rules', `${rule.meta.name}.md`);
}

export function readRuleDoc(rule: Rule): string {
  return readFileSync(ruleDocPath(rule), 'utf8');
}
