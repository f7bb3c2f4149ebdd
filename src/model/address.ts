// Terraform addresses and reference strings: parsing and printing (`module.a["x"].okta_push_group.p[0]`).

export type InstanceKey = string | number;

/** `eachIndex`: `[each.key]` / `[count.index]`, the referring block's own key (only code records it). */
export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: InstanceKey } | { kind: 'eachIndex' } | { kind: 'anyKey' };

/**
 * `unexpanded`: the call's count/for_each is not known before apply, so this one step stands for all
 * its instances (printed `module.m[*]`); only code inputs have such steps.
 */
export interface ModuleStep {
  name: string;
  key?: InstanceKey;
  unexpanded?: true;
}

export interface ResourceAddress {
  modules: ModuleStep[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: InstanceKey;
  /** Stands for every instance of a block whose count/for_each is not known (`okta_push_group.p[*]`). */
  unexpanded?: true;
}

/**
 * Splits `a.b["c"][0].d` into steps; returns null on anything that is not a plain traversal.
 * A `[*]` ends a reference (a splat); in an address (`anyKey`) it is the key of an unexpanded block.
 */
export function parseTraversal(text: string, address = false): Step[] | null {
  const steps: Step[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '.') {
      if (steps.length === 0) return null;
      i++;
      continue;
    }
    if (ch === '[') {
      const close = findIndexEnd(text, i);
      if (close < 0) return null;
      const inner = text.slice(i + 1, close).trim();
      if (inner === 'each.key' || inner === 'count.index') steps.push({ kind: 'eachIndex' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', key: Number(inner) });
      else if (inner.startsWith('"')) {
        try {
          steps.push({ kind: 'index', key: JSON.parse(inner) as string });
        } catch {
          return null;
        }
      } else if (inner === '*') {
        if (!address) return steps;
        steps.push({ kind: 'anyKey' });
      } else return null;
      i = close + 1;
      continue;
    }
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
    if (!match) return null;
    steps.push({ kind: 'attr', name: match[0] });
    i += match[0].length;
  }
  return steps;
}

function findIndexEnd(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === ']') return i;
  }
  return -1;
}

export function formatKey(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function formatModulePath(modules: readonly ModuleStep[]): string {
  return modules.map((m) => `module.${m.name}${m.unexpanded ? '[*]' : formatKey(m.key)}`).join('.');
}

/** The module path without instance keys: `module.a.module.b`. */
export function moduleConfigPath(modules: readonly ModuleStep[]): string {
  return modules.map((m) => `module.${m.name}`).join('.');
}

export function joinAddress(modulePath: string, local: string): string {
  return modulePath ? `${modulePath}.${local}` : local;
}

/** A resource's address inside its module, without instance key: `okta_app_saml.x`, `data.okta_app.y`. */
export function localAddress(mode: string, type: string, name: string): string {
  return `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
}

export function formatResourceAddress(a: ResourceAddress): string {
  const local = `${localAddress(a.mode, a.type, a.name)}${a.unexpanded ? '[*]' : formatKey(a.key)}`;
  return joinAddress(formatModulePath(a.modules), local);
}

/** Parses a module instance path such as `module.a["x"].module.b` ("" is the root). */
export function parseModulePath(text: string | undefined): ModuleStep[] | null {
  if (!text) return [];
  const steps = parseTraversal(text, true);
  if (!steps) return null;
  const modules: ModuleStep[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const next = steps[i + 1];
    if (step.kind !== 'attr' || step.name !== 'module' || next?.kind !== 'attr') return null;
    const module: ModuleStep = { name: next.name };
    const key = steps[i + 2];
    if (key?.kind === 'index') {
      module.key = key.key;
      i += 1;
    } else if (key?.kind === 'anyKey') {
      module.unexpanded = true;
      i += 1;
    }
    modules.push(module);
    i += 1;
  }
  return modules;
}

/** Parses a full resource instance address; null when it is not one. */
export function parseResourceAddress(text: string): ResourceAddress | null {
  const steps = parseTraversal(text, true);
  if (!steps) return null;
  const modules: ModuleStep[] = [];
  let i = 0;
  while (steps[i]?.kind === 'attr' && (steps[i] as { name: string }).name === 'module') {
    const name = steps[i + 1];
    if (name?.kind !== 'attr') return null;
    const module: ModuleStep = { name: name.name };
    i += 2;
    const key = steps[i];
    if (key?.kind === 'index') {
      module.key = key.key;
      i++;
    } else if (key?.kind === 'anyKey') {
      module.unexpanded = true;
      i++;
    }
    modules.push(module);
  }
  let mode: 'managed' | 'data' = 'managed';
  if (steps[i]?.kind === 'attr' && (steps[i] as { name: string }).name === 'data') {
    mode = 'data';
    i++;
  }
  const type = steps[i];
  const name = steps[i + 1];
  if (type?.kind !== 'attr' || name?.kind !== 'attr') return null;
  const address: ResourceAddress = { modules, mode, type: type.name, name: name.name };
  const key = steps[i + 2];
  if (key?.kind === 'index' || key?.kind === 'anyKey') {
    if (key.kind === 'index') address.key = key.key;
    else address.unexpanded = true;
    if (steps.length > i + 3) return null;
  } else if (steps.length > i + 2) return null;
  return address;
}
