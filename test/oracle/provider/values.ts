// Terraform values as the provider double sees them: the schema model (types, attributes, nested blocks),
// unknown values, and the msgpack wire format of DynamicValue (docs/plugin-protocol/object-wire-format.md
// in hashicorp/terraform): an object is a map holding every attribute and block of its schema, null is nil,
// and an unknown value is a msgpack extension (type 0 when unrefined; any extension type decodes as unknown).
import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';

/** A Terraform type constraint, as the schema's JSON `type` bytes spell it. */
export type TfType =
  | 'string'
  | 'bool'
  | 'number'
  | readonly ['list' | 'set' | 'map', TfType]
  | readonly ['object', { readonly [name: string]: TfType }];

export interface Attribute {
  type: TfType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  /** The framework's `Default` (SDKv2 `Default`): planned when the configuration leaves the attribute null. */
  default?: Value;
  /** Framework plan modifier RequiresReplace (SDKv2 ForceNew). */
  requiresReplace?: boolean;
  /** Framework plan modifier UseStateForUnknown. */
  useStateForUnknown?: boolean;
  /** Validator: one of these values. */
  oneOf?: readonly string[];
}

export interface Block {
  attributes: Record<string, Attribute>;
  blocks?: Record<string, NestedBlock>;
}

export interface NestedBlock {
  nesting: 'SINGLE' | 'LIST' | 'SET';
  block: Block;
  maxItems?: number;
}

/** The placeholder for a value known only after apply. */
export class Unknown {
  static readonly value = new Unknown();
  private constructor() {}
  toJSON(): string {
    return '(known after apply)';
  }
}
export const UNKNOWN = Unknown.value;

export type Value = null | string | number | boolean | Unknown | Value[] | { [name: string]: Value };
export type ObjectValue = { [name: string]: Value };

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isObject(v: Value | undefined): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

const codec = new ExtensionCodec();
codec.register({
  type: 0,
  encode: (input: unknown) => (input instanceof Unknown ? new Uint8Array([0]) : null),
  decode: () => UNKNOWN,
});
// Refined unknowns (extension 12) carry refinements the double does not need: still unknown.
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN });

/** Decodes a DynamicValue (msgpack, or JSON where msgpack is empty) and shapes it to the block. */
export function decodeDynamic(dv: { msgpack?: Buffer | Uint8Array; json?: Buffer | Uint8Array } | null | undefined, block: Block): ObjectValue | null {
  if (!dv) return null;
  let raw: unknown;
  if (dv.msgpack && dv.msgpack.length > 0) raw = decodeMsgpack(dv.msgpack);
  else if (dv.json && dv.json.length > 0) raw = JSON.parse(Buffer.from(dv.json).toString('utf8'));
  else return null;
  return shapeBlock(raw as Value, block);
}

function decodeMsgpack(bytes: Uint8Array): unknown {
  return decode(bytes, { extensionCodec: codec, useBigInt64: false });
}

export function encodeDynamic(value: ObjectValue | null, block: Block): { msgpack: Buffer } {
  const shaped = value === null ? null : shapeBlock(value, block);
  return { msgpack: Buffer.from(encode(shaped, { extensionCodec: codec, ignoreUndefined: false })) };
}

/** Every attribute and block of the schema present (null where absent), nothing else. */
export function shapeBlock(value: Value, block: Block): ObjectValue | null {
  if (value === null || value === undefined) return null;
  if (isUnknown(value)) throw new Error('a whole object cannot be unknown here');
  if (!isObject(value)) throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  const out: ObjectValue = {};
  for (const [name, attr] of Object.entries(block.attributes)) out[name] = shapeValue(value[name] ?? null, attr.type);
  for (const [name, nested] of Object.entries(block.blocks ?? {})) {
    const v = value[name] ?? null;
    if (nested.nesting === 'SINGLE') out[name] = isUnknown(v) ? v : shapeBlock(v, nested.block);
    else if (isUnknown(v)) out[name] = v;
    else out[name] = Array.isArray(v) ? v.map((e) => shapeBlock(e, nested.block)) : [];
  }
  return out;
}

export function shapeValue(value: Value, type: TfType): Value {
  if (value === null || value === undefined || isUnknown(value)) return value ?? null;
  if (typeof type === 'string') {
    if (type === 'number' && typeof value === 'string') return Number(value);
    return value;
  }
  const [kind, inner] = type;
  if (kind === 'object') {
    if (!isObject(value)) return value;
    const out: ObjectValue = {};
    for (const [k, t] of Object.entries(inner as Record<string, TfType>)) out[k] = shapeValue(value[k] ?? null, t);
    return out;
  }
  if (kind === 'map') {
    if (!isObject(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeValue(v, inner as TfType)]));
  }
  return Array.isArray(value) ? value.map((v) => shapeValue(v, inner as TfType)) : value;
}

/** The object type of a block, as Terraform derives it (for nested attribute values in plans). */
export function blockType(block: Block): TfType {
  const attrs: Record<string, TfType> = {};
  for (const [n, a] of Object.entries(block.attributes)) attrs[n] = a.type;
  for (const [n, b] of Object.entries(block.blocks ?? {})) {
    const t = blockType(b.block);
    attrs[n] = b.nesting === 'SINGLE' ? t : [b.nesting === 'LIST' ? 'list' : 'set', t];
  }
  return ['object', attrs];
}

export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (isUnknown(a) || isUnknown(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k] ?? null, b[k] ?? null)) return false;
    return true;
  }
  return false;
}

export function containsUnknown(v: Value | undefined): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isObject(v)) return Object.values(v).some(containsUnknown);
  return false;
}

export function clone<T extends Value>(v: T): T {
  if (v === null || typeof v !== 'object' || isUnknown(v)) return v;
  if (Array.isArray(v)) return v.map((e) => clone(e)) as T;
  return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, clone(e)])) as T;
}

export function str(v: Value | undefined): string | null {
  return typeof v === 'string' ? v : null;
}
