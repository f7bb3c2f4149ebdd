// Attribute values as Terraform knows them: plain JSON, plus leaves that are unknown until apply or marked sensitive.

/** A value Terraform will only know after apply. */
export class UnknownValue {
  static readonly instance = new UnknownValue();
  private constructor() {}
  toJSON(): string {
    return '(known after apply)';
  }
}

/** A value the input marks sensitive. It is compared but never printed. */
export class SensitiveValue {
  constructor(readonly value: Value) {}
  toJSON(): string {
    return '(sensitive value)';
  }
  toString(): string {
    return '(sensitive value)';
  }
}

export type Value =
  | null
  | boolean
  | number
  | string
  | UnknownValue
  | SensitiveValue
  | Value[]
  | { [key: string]: Value };

export type ObjectValue = { [key: string]: Value };

export const UNKNOWN = UnknownValue.instance;

/** What reading one attribute path gave. */
export type Lookup =
  | { state: 'known'; value: Exclude<Value, UnknownValue | SensitiveValue>; sensitive: boolean }
  | { state: 'unknown'; sensitive: boolean }
  | { state: 'absent' };

/** Unwraps the top-level sensitive marks, saying whether there were any: what is computed from it is sensitive too. */
export function unwrapSensitive<T extends Value | undefined>(v: T): { value: Exclude<T, SensitiveValue> | Value; sensitive: boolean } {
  let sensitive = false;
  let value: Value | undefined = v;
  while (value instanceof SensitiveValue) {
    sensitive = true;
    value = value.value;
  }
  return { value: value as Value, sensitive };
}

const ABSENT: Lookup = Object.freeze({ state: 'absent' });

/** Follows `path` through objects (and single-element lists, the shape of nested blocks in SDKv2 providers). */
export function lookup(root: Value | undefined, ...path: string[]): Lookup {
  // Rules and passes call it for every attribute of every resource: written without a closure or an
  // object per step, which were a tenth of what judging a synthesized stack allocated.
  let current: Value | undefined = root;
  let sensitive = false;
  for (let i = 0; ; i++) {
    while (current instanceof SensitiveValue) {
      sensitive = true;
      current = current.value;
    }
    if (current instanceof UnknownValue) return { state: 'unknown', sensitive };
    if (i === path.length) break;
    if (Array.isArray(current)) {
      if (current.length !== 1) return ABSENT;
      current = current[0];
      while (current instanceof SensitiveValue) {
        sensitive = true;
        current = current.value;
      }
      if (current instanceof UnknownValue) return { state: 'unknown', sensitive };
    }
    if (current === null || current === undefined || typeof current !== 'object' || Array.isArray(current)) return ABSENT;
    const step = path[i]!;
    if (!Object.hasOwn(current, step)) return ABSENT;
    current = (current as ObjectValue)[step];
  }
  if (current === undefined || current === null) return ABSENT;
  return { state: 'known', value: current as Exclude<Value, UnknownValue | SensitiveValue>, sensitive };
}

/** A known string at `path`, else why not. */
export function lookupString(root: Value | undefined, ...path: string[]): Lookup {
  const found = lookup(root, ...path);
  if (found.state === 'known' && typeof found.value !== 'string') return ABSENT;
  return found;
}

/** The printable form of a looked-up scalar: sensitive values are never shown. */
export function display(found: Lookup): string {
  if (found.state === 'absent') return '(unset)';
  if (found.state === 'unknown') return found.sensitive ? '(sensitive value)' : '(known after apply)';
  if (found.sensitive) return '(sensitive value)';
  return JSON.stringify(found.value);
}

/** Walks every string leaf that sits under a sensitive marker. */
export function collectSensitiveStrings(value: Value | undefined, into: Set<string>, underSensitive = false): void {
  // It walks every value of every resource kept, and most of what it meets are leaves: they are told
  // apart first, and objects walked without making an array of their values (half the time, measured).
  if (typeof value !== 'object' || value === null) {
    if (underSensitive && typeof value === 'string') into.add(value);
    return;
  }
  if (value instanceof SensitiveValue) {
    collectSensitiveStrings(value.value, into, true);
    return;
  }
  if (value instanceof UnknownValue) return;
  if (Array.isArray(value)) {
    for (const item of value) collectSensitiveStrings(item, into, underSensitive);
    return;
  }
  for (const key in value) collectSensitiveStrings(value[key], into, underSensitive);
}

/** Sets a key from input data; `__proto__` becomes an ordinary key instead of changing the prototype. */
export function setEntry(target: ObjectValue, key: string, value: Value): void {
  // Only `__proto__` is an accessor on the prototype chain of a value's object: any other key is
  // assigned as an own, enumerable, writable data property, the same as the definition and far cheaper.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
