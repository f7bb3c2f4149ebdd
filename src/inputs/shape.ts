// Guarded reads of untrusted JSON: each names the JSON path and what it expected when the shape is wrong.

export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(found === 'missing' ? `${path} is missing (expected ${expected})` : `${path} must be ${expected} (found ${found})`);
  }
}

export type Json = unknown;
export type JsonObject = Record<string, Json>;

export function typeName(v: Json): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

export function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: Json, path: string): JsonObject {
  if (!isObject(v)) throw new ShapeError(path, 'an object', typeName(v));
  return v;
}

export function optObj(v: Json, path: string): JsonObject | undefined {
  return v === undefined || v === null ? undefined : obj(v, path);
}

export function arr(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) throw new ShapeError(path, 'an array', typeName(v));
  return v;
}

export function optArr(v: Json, path: string): Json[] {
  return v === undefined || v === null ? [] : arr(v, path);
}

export function str(v: Json, path: string): string {
  if (typeof v !== 'string') throw new ShapeError(path, 'a string', typeName(v));
  return v;
}

export function optStr(v: Json, path: string): string | undefined {
  return v === undefined || v === null ? undefined : str(v, path);
}

export function optKey(v: Json, path: string): string | number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return v;
  throw new ShapeError(path, 'a number or a string', typeName(v));
}

/** Keys that would reach Object.prototype when used to build objects from untrusted input. */
export function isUnsafeKey(key: string | number): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
