// Layering: no import cycles, and the pure layers (rules, Okta view, engine, reporters) do no I/O.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = [...sources(join(root, 'src')), ...sources(join(root, 'rules'))];
const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** Relative imports of a module, resolved to files (type-only imports cannot form a runtime cycle). */
function imports(file: string): string[] {
  const out: string[] = [];
  for (const m of text.get(file)!.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';/gms)) {
    const base = resolve(dirname(file), m[1]!);
    const candidates = [`${base}.ts`, join(base, 'index.ts')];
    const found = candidates.find((c) => text.has(c));
    if (found) out.push(found);
  }
  return out;
}

describe('architecture', () => {
  it('has no import cycles', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of imports(file)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  const pure = files.filter((f) => /[/\\](rules|src[/\\](okta|engine|reporters|model))[/\\]/.test(f));

  it.each(pure.map((f) => [relative(root, f)]))('%s does no I/O and reads no process state', (file) => {
    const source = text.get(join(root, file))!;
    expect(source).not.toMatch(/from 'node:(fs|child_process|net|http|https)'/);
    expect(source).not.toMatch(/\bprocess\.|console\./);
  });

  // Layers from the bottom up: each may import only from its own layer and those below it. The
  // pipeline of the design (inputs → loaders → inventory → okta view → rules → findings → policy →
  // reporters), with the model at the bottom, the core (core/: lint() and the judge) above it, and the doors on top.
  // org/ (the live org: Management API client, audit, runbook) is a door's reading of the outside, as inputs/
  // is for files; it sits below the doors and above the core, whose judge it calls, so the core never
  // touches the network.
  const LAYERS: readonly (readonly string[])[] = [
    ['model', 'package-info', 'v8-flags', 'young-generation'],
    ['inputs'],
    ['loaders'],
    ['okta'],
    ['engine'],
    ['rules'],
    ['policy'],
    ['reporters'],
    ['core'],
    ['org'],
    ['cli', 'cdktf', 'cdktn', 'index'],
  ];
  const layerOf = (file: string): string => {
    const parts = relative(root, file).split(/[\\/]/);
    if (parts[0] === 'rules') return 'rules';
    return parts.length === 2 ? parts[1]!.replace(/\.ts$/, '') : parts[1]!;
  };
  const rank = (layer: string): number => {
    const i = LAYERS.findIndex((l) => l.includes(layer));
    if (i < 0) throw new Error(`${layer} is in no layer: add it to LAYERS`);
    return i;
  };

  it('keeps the network in org/: no other module makes requests', () => {
    const outside = files.filter((f) => !/[/\\]src[/\\]org[/\\]/.test(f) && /\bfetch\(|from 'node:(http|https|net|tls)'|from 'undici'/.test(text.get(f)!));
    expect(outside.map((f) => relative(root, f))).toEqual([]);
  });

  it('has every module in a layer, and no import toward a higher layer', () => {
    const upward: string[] = [];
    for (const file of files) {
      for (const target of imports(file)) {
        if (rank(layerOf(target)) > rank(layerOf(file))) upward.push(`${relative(root, file)} -> ${relative(root, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
