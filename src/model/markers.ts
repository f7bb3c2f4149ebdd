// Folds Terraform's parallel marker trees (after_unknown, *_sensitive, sensitive_values) into one Value tree.
import { SensitiveValue, UNKNOWN, type Value } from './value';

type Raw = unknown;

function isPlainObject(v: Raw): v is Record<string, Raw> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds a Value from a plain JSON value, an "unknown" marker tree and a "sensitive" marker tree.
 * A marker is `true` at a leaf (or for a whole subtree); Terraform omits unknown attributes from
 * the value itself, so every key present in the unknown tree is visited too.
 */
export function withMarkers(value: Raw, unknown: Raw, sensitive: Raw): Value {
  // Most marker trees mark nothing: then the plain JSON already is the Value, and copying it costs the most.
  if (!marksAnything(unknown) && !marksAnything(sensitive)) return value === undefined ? null : (value as Value);
  return fold(value, unknown, sensitive);
}

function marksAnything(tree: Raw): boolean {
  if (tree === true) return true;
  if (Array.isArray(tree)) return tree.some(marksAnything);
  if (isPlainObject(tree)) {
    for (const key in tree) if (marksAnything(tree[key])) return true;
  }
  return false;
}

function fold(value: Raw, unknown: Raw, sensitive: Raw): Value {
  if (sensitive === true) return new SensitiveValue(withMarkers(value, unknown, undefined));
  if (unknown === true) return UNKNOWN;
  if (Array.isArray(value) || Array.isArray(unknown)) {
    const values = Array.isArray(value) ? value : [];
    const unknowns = Array.isArray(unknown) ? unknown : [];
    // Index steps from tfstate paths arrive as object keys, so read both shapes.
    const sensitives = (Array.isArray(sensitive) || isPlainObject(sensitive) ? sensitive : []) as Record<number, Raw>;
    const length = Math.max(values.length, unknowns.length);
    const out: Value[] = [];
    for (let i = 0; i < length; i++) out.push(withMarkers(values[i], unknowns[i], sensitives[i]));
    return out;
  }
  if (isPlainObject(value) || isPlainObject(unknown)) {
    const values = isPlainObject(value) ? value : {};
    const unknowns = isPlainObject(unknown) ? unknown : {};
    const sensitives = isPlainObject(sensitive) ? sensitive : {};
    const out: Record<string, Value> = {};
    const own = (o: Record<string, Raw>, key: string): Raw => (Object.hasOwn(o, key) ? o[key] : undefined);
    for (const key of Object.keys(values)) {
      if (key === '__proto__') continue;
      out[key] = withMarkers(values[key], own(unknowns, key), own(sensitives, key));
    }
    for (const key of Object.keys(unknowns)) {
      if (key !== '__proto__' && !Object.hasOwn(values, key)) out[key] = withMarkers(undefined, unknowns[key], own(sensitives, key));
    }
    // A value left out but marked sensitive was redacted (HCP Terraform): it exists, its value is hidden.
    for (const key of Object.keys(sensitives)) {
      if (key !== '__proto__' && sensitives[key] === true && !Object.hasOwn(out, key)) out[key] = new SensitiveValue(UNKNOWN);
    }
    return out;
  }
  if (value === undefined) return null;
  return value as Value;
}

/**
 * Raw tfstate marks sensitive attributes with paths (`[[{type:"get_attr",value:"token"}]]`), not mirror
 * trees; this turns such paths into the mirror form that `withMarkers` takes.
 */
export function sensitivePathsToTree(paths: Raw): Raw {
  if (!Array.isArray(paths)) return undefined;
  let tree: Record<string | number, Raw> | true = {};
  for (const path of paths) {
    if (!Array.isArray(path)) continue;
    if (path.length === 0) {
      tree = true;
      break;
    }
    let node = tree as Record<string | number, Raw>;
    path.forEach((step, i) => {
      const key = isPlainObject(step) ? (step.value as string | number) : (step as string | number);
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
      if (i === path.length - 1) {
        node[key] = true;
      } else {
        if (!isPlainObject(node[key]) && !Array.isArray(node[key])) node[key] = {};
        node = node[key] as Record<string | number, Raw>;
      }
    });
  }
  return tree;
}
