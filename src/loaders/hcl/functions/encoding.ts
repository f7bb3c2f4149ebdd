// JSON, YAML and base64. Decoders give unknown wherever this tool could read a document differently
// from Terraform: numbers beyond double precision, and YAML scalars whose type depends on the YAML version.
import { UNKNOWN, UnknownValue, type ObjectValue, type Value } from '../../../model/value';
import { EvalError } from '../errors';
import { exactLiteral, formatNumber, Imprecise, isObject, setOwn, sortedKeys, toStr } from '../values';
import { decodeYaml } from './yaml';
import { fixed, type Family } from './spec';
import { nestsDeeperThan } from '../../../inputs/limits';

/** Terraform's jsonencode: keys in lexical order, and <, >, & escaped as Go's encoder does. */
export function jsonText(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    const s = formatNumber(v);
    if (s instanceof UnknownValue) throw new Imprecise();
    return s;
  }
  if (typeof v === 'string') {
    return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  }
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (isObject(v)) return `{${sortedKeys(v).map((k) => `${jsonText(k)}:${jsonText(v[k]!)}`).join(',')}}`;
  throw new Imprecise();
}

/** Numbers of a JSON text that a double holds exactly; any other makes the document unknown. */
function exactNumbers(text: string): boolean {
  const tokens = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g) ?? [];
  return tokens.every(exactLiteral);
}

function fromJson(v: unknown): Value {
  if (Array.isArray(v)) return v.map(fromJson);
  if (v !== null && typeof v === 'object') {
    const out: ObjectValue = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, fromJson(x));
    return out;
  }
  return v as Value;
}

export function decodeJson(text: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EvalError('jsondecode: not valid JSON');
  }
  // Too deep to walk safely: undecidable, like any value past a documented limit.
  if (nestsDeeperThan(parsed)) return UNKNOWN;
  return exactNumbers(text) ? fromJson(parsed) : UNKNOWN;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const ENCODING_FUNCTIONS: Family = {
  jsonencode: fixed(1, ([v]) => jsonText(v!)),
  jsondecode: fixed(1, ([s]) => decodeJson(toStr(s!))),
  yamldecode: fixed(1, ([s]) => decodeYaml(toStr(s!))),
  base64encode: fixed(1, ([s]) => Buffer.from(toStr(s!), 'utf8').toString('base64')),
  base64decode: fixed(1, ([s]) => {
    const text = toStr(s!);
    if (!BASE64.test(text)) throw new EvalError('base64decode: not valid base64');
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(text, 'base64'));
    } catch {
      throw new EvalError('base64decode: the decoded bytes are not UTF-8');
    }
  }),
};
