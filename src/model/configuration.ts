// Reading a configuration description (a plan's `configuration`, or code described the same way).
import type { BlockExpressions, ConfigExpression } from './inventory';

/** Expression of an attribute path inside a resource's block expressions (`['profile', 'token']`). */
export function expressionAt(block: BlockExpressions, path: readonly string[]): ConfigExpression | undefined {
  let current: BlockExpressions | ConfigExpression | BlockExpressions[] | undefined = block;
  for (const step of path) {
    if (Array.isArray(current)) current = current.length === 1 ? current[0] : undefined;
    if (!current || isConfigExpression(current) || !Object.hasOwn(current, step)) return undefined;
    current = (current as BlockExpressions)[step];
  }
  return current && !Array.isArray(current) && isConfigExpression(current) ? current : undefined;
}

function isConfigExpression(v: unknown): v is ConfigExpression {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { references?: unknown }).references);
}
