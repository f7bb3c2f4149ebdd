// Type constraints of variables, as far as they change a value: primitive conversions, and optional()
// attribute defaults, which this tool does not apply (so such values are unknown rather than wrong).
import { SensitiveValue, UNKNOWN, UnknownValue, type Value } from '../../model/value';
import type { Expr } from './ast';

function usesOptionalDefaults(type: Expr): boolean {
  switch (type.kind) {
    case 'call':
      return (type.name === 'optional' && type.args.length > 1) || type.args.some(usesOptionalDefaults);
    case 'object':
      return type.items.some((i) => usesOptionalDefaults(i.value));
    case 'tuple':
      return type.items.some(usesOptionalDefaults);
    default:
      return false;
  }
}

function primitive(type: Expr): 'string' | 'number' | 'bool' | undefined {
  if (type.kind === 'traversal' && type.steps.length === 0 && ['string', 'number', 'bool'].includes(type.root)) return type.root as 'string';
  if (type.kind === 'literal' && ['string', 'number', 'bool'].includes(String(type.value))) return type.value as 'string';
  return undefined;
}

/** The value a variable of this type holds, given the value it was set to. */
export function convert(value: Value, type: Expr | undefined): Value {
  if (!type || value instanceof UnknownValue || value === null) return value;
  if (value instanceof SensitiveValue) return new SensitiveValue(convert(value.value, type));
  if (usesOptionalDefaults(type)) return UNKNOWN;
  switch (primitive(type)) {
    case 'bool':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'number':
      return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    default:
      return value;
  }
}
