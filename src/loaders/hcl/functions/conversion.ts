// Type conversion and sensitivity functions.
import { SensitiveValue, UNKNOWN, UnknownValue } from '../../../model/value';
import { ANY_LIST, ANY_MAP, ANY_SET, convertTo, type Type } from '../types';
import { plain } from '../values';
import { fixed, type Family } from './spec';

/** A value that does not convert is unknown, whether Terraform would refuse it or this tool cannot convert it exactly. */
function to(type: Type): Family[string] {
  return fixed(1, ([v]) => convertTo(v!, type), { shallow: true });
}

export const CONVERSION_FUNCTIONS: Family = {
  tostring: to({ kind: 'string' }),
  tonumber: to({ kind: 'number' }),
  tobool: to({ kind: 'bool' }),
  tolist: to(ANY_LIST),
  toset: to(ANY_SET),
  tomap: to(ANY_MAP),
  // The dispatcher strips and restores top-level marks; these two decide them.
  sensitive: fixed(1, ([v]) => (v instanceof UnknownValue ? UNKNOWN : new SensitiveValue(v!)), { shallow: true, allowUnknown: true }),
  nonsensitive: fixed(1, ([v]) => plain(v!).value, { shallow: true, allowUnknown: true, unmarks: true }),
};
