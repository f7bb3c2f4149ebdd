// yamldecode(): Terraform reads YAML with YAML 1.1 scalar rules (yes/on are true, 0x1F is 31), which
// neither YAML 1.2 nor this library's 1.1 schema match exactly. Scalars are therefore read as text and
// typed here; what this tool is not sure to type as Terraform does (timestamps, infinities, merge keys,
// tags other than !!str) makes the document unknown.
import { UNKNOWN, type ObjectValue, type Value } from '../../../model/value';
import { EvalError } from '../errors';
import { exactLiteral, setOwn } from '../values';

class Unsure extends Error {}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);

function integer(text: string, radix: number): number {
  const n = parseInt(text, radix);
  if (!Number.isSafeInteger(n)) throw new Unsure();
  return n;
}

function plainScalar(text: string): Value {
  if (NULL.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '');
  if (/^0x[0-9a-fA-F]+$/.test(digits)) return sign * integer(digits.slice(2), 16);
  if (/^0o[0-7]+$/.test(digits)) return sign * integer(digits.slice(2), 8);
  if (/^\d+$/.test(digits)) return sign * integer(digits, 10);
  if (/^(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?$/.test(digits)) {
    if (!exactLiteral(digits.replace(/\.$/, '.0').replace(/^\./, '0.'))) throw new Unsure();
    return sign * Number(digits);
  }
  // Timestamps, infinities, NaN, binary and sexagesimal numbers: typed by rules this tool does not copy.
  if (/^\d{4}-\d\d?-\d\d?/.test(text) || /^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/.test(text) || /^[-+]?0b[01_]+$/.test(text)) throw new Unsure();
  return text;
}

type YamlModule = typeof import('yaml');

function toValue(node: unknown, yaml: YamlModule, doc: import('yaml').Document, depth: number): Value {
  if (depth > 200) throw new Unsure();
  if (node === null || node === undefined) return null;
  if (yaml.isAlias(node)) return toValue(node.resolve(doc), yaml, doc, depth + 1);
  if (yaml.isScalar(node)) {
    const text = String(node.value);
    if (node.tag !== undefined) {
      if (node.tag === 'tag:yaml.org,2002:str') return text;
      throw new Unsure();
    }
    return node.type === 'PLAIN' ? plainScalar(text) : text;
  }
  if (yaml.isSeq(node)) {
    if (node.tag !== undefined) throw new Unsure();
    return node.items.map((item) => toValue(item, yaml, doc, depth + 1));
  }
  if (yaml.isMap(node)) {
    if (node.tag !== undefined) throw new Unsure();
    const out: ObjectValue = {};
    for (const pair of node.items) {
      const key = yaml.isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (!yaml.isScalar(key)) throw new Unsure();
      if (key.type === 'PLAIN' && key.value === '<<') throw new Unsure();
      const name = key.type === 'PLAIN' ? plainScalar(String(key.value)) : String(key.value);
      if (typeof name !== 'string') throw new Unsure();
      setOwn(out, name, toValue(pair.value, yaml, doc, depth + 1));
    }
    return out;
  }
  throw new Unsure();
}

export function decodeYaml(text: string): Value {
  const yaml = require('yaml') as YamlModule;
  const docs = yaml.parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: false, merge: false });
  if (!Array.isArray(docs) || docs.length === 0) throw new EvalError('yamldecode: no document');
  if (docs.length > 1) throw new EvalError('yamldecode: more than one document');
  const doc = docs[0]!;
  // A document this parser refuses may still be one that Terraform's reads.
  if (doc.errors.length > 0) return UNKNOWN;
  try {
    return toValue(doc.contents, yaml, doc, 0);
  } catch (error) {
    if (error instanceof Unsure) return UNKNOWN;
    throw error;
  }
}

