// The CLI's bundle (scripts/bundle-cli.js) is a few files, each loaded when a run first needs it. A
// module copied into two of them would exist twice in one run (two LoadError classes, two sets of
// module state): each must be in exactly one, and reached from the others through that one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DYNAMIC_IMPORT } from '../../src/cli/compile-cache';

const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
const parts = readdirSync(dist).filter((f) => /^cli(-[a-z]+)?\.js$/.test(f));
const text = new Map(parts.map((f) => [f, readFileSync(join(dist, f), 'utf8')]));

/** The modules a part holds: esbuild names each wrapper by the module's path. */
function held(part: string): string[] {
  return [...text.get(part)!.matchAll(/^ {2}"dist\/((?:src|rules)\/[^"]+\.js)"\(/gm)].map((m) => m[1]!);
}

/** The modules of other parts a part requires: [part file, module]. */
function borrowed(part: string): Array<[string, string]> {
  return [...text.get(part)!.matchAll(/require\("\.\/(cli(?:-[a-z]+)?\.js)"\)\.module\("([^"]+)"\)/g)].map((m) => [m[1]!, m[2]!]);
}

describe("the CLI's bundle parts", () => {
  it('are the entry and the parts it loads on demand', () => {
    expect(parts).toContain('cli.js');
    expect(parts.length).toBeGreaterThan(2);
  });

  it('hold each module once', () => {
    const where = new Map<string, string[]>();
    for (const part of parts) for (const module of held(part)) where.set(module, [...(where.get(module) ?? []), part]);
    expect(where.size).toBeGreaterThan(100);
    expect([...where].filter(([, in_]) => in_.length > 1)).toEqual([]);
    // The CLI's own modules, the rules and the command line among them.
    expect(where.get('src/cli/main.js')).toEqual(['cli.js']);
    expect(where.get('rules/index.js')).toHaveLength(1);
  });

  it('require a module of another part from the part that holds it, which serves it by name', () => {
    let count = 0;
    for (const part of parts) {
      for (const [other, module] of borrowed(part)) {
        count++;
        expect([part, module, held(other).includes(module)]).toEqual([part, module, true]);
        expect(other).not.toBe(part);
        expect(text.get(other)).toContain(`case ${JSON.stringify(module)}:`);
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('name no path of the machine that built them', () => {
    for (const [part, source] of text) expect([part, source.includes(root)]).toEqual([part, false]);
  });

  it('refuse a module name they do not hold, in one line', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const more = require(join(dist, 'cli-more.js')) as { module(name: string): unknown };
    expect(() => more.module('src/cli/main.js')).toThrow('okta-push-guard: src/cli/main.js is not in cli-more.js');
  });
});

/** The package folders (node_modules/NAME, node_modules/@SCOPE/NAME, nested ones whole) whose files a bundle holds: esbuild heads each file with its path. */
function bundledPackages(source: string): string[] {
  const folders = new Set<string>();
  for (const [, path] of source.matchAll(/^\/\/ (node_modules\/\S+)$/gm)) {
    const parts = path!.split('/');
    const at = parts.lastIndexOf('node_modules');
    folders.add(parts.slice(0, at + (parts[at + 1]!.startsWith('@') ? 3 : 2)).join('/'));
  }
  return [...folders];
}

describe('the packages bundled into the CLI', () => {
  const bundles = readdirSync(dist).filter((f) => f.endsWith('.js'));
  const notices = readFileSync(join(dist, 'THIRD-PARTY-NOTICES.txt'), 'utf8');

  it("are yargs and what it requires, in cli.js and its help layout, and web-tree-sitter, in the .tf parser's part", () => {
    const where = bundles.map((f) => [f, bundledPackages(readFileSync(join(dist, f), 'utf8')).length > 0] as const).filter(([, any]) => any);
    expect(where.map(([f]) => f).sort()).toEqual(['cli-hcl.js', 'cli-help.js', 'cli.js']);
    expect(bundledPackages(text.get('cli.js')!)).toContain('node_modules/yargs');
    expect(bundledPackages(text.get('cli-help.js')!)).toContain('node_modules/cliui');
    expect(bundledPackages(text.get('cli-hcl.js')!)).toEqual(['node_modules/web-tree-sitter']);
    expect(notices.split('\n')[0]).toBe("The CLI's bundle (dist/cli-hcl.js, dist/cli-help.js, dist/cli.js) holds these packages.");
  });

  it('each have their name, version, licence and licence text in the notices, and nothing else is named there', () => {
    const folders = [...new Set(['cli.js', 'cli-help.js', 'cli-hcl.js'].flatMap((f) => bundledPackages(text.get(f)!)))];
    const expected = folders
      .map((folder) => {
        const pkg = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
        const licence = readdirSync(join(root, folder)).find((name) => /^licen[cs]e/i.test(name));
        expect([folder, licence !== undefined]).toEqual([folder, true]);
        expect(notices).toContain(readFileSync(join(root, folder, licence!), 'utf8').trim());
        return `${pkg.name} ${pkg.version} (${pkg.license})`;
      })
      .sort();
    const named = [...notices.matchAll(/^(\S+ \d+\.\d+\.\d+\S* \([^)]+\))$/gm)].map((m) => m[1]!);
    expect(named).toEqual(expected);
    expect(named.length).toBeGreaterThan(10);
  });

  it("carry every message catalogue of yargs beside them, as yargs ships it, where its bundled code looks", () => {
    const shipped = join(root, 'node_modules', 'yargs', 'locales');
    const beside = join(dist, 'yargs', 'locales');
    const names = readdirSync(shipped).filter((f) => f.endsWith('.json'));
    expect(readdirSync(beside).sort()).toEqual(names.sort());
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect([name, readFileSync(join(beside, name), 'utf8') === readFileSync(join(shipped, name), 'utf8')]).toEqual([name, true]);
    // yargs' code is told it lives in dist/yargs/build, so `../locales` is the folder above.
    expect(text.get('cli.js')).toContain('require("node:path").join(__dirname, "yargs/build")');
  });

  it("carry web-tree-sitter's WebAssembly runtime beside them, as it ships it, where its bundled code looks", () => {
    const shipped = join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.wasm');
    expect(readdirSync(join(dist, 'web-tree-sitter'))).toEqual(['tree-sitter.wasm']);
    expect(readFileSync(join(dist, 'web-tree-sitter', 'tree-sitter.wasm')).equals(readFileSync(shipped))).toBe(true);
    expect(text.get('cli-hcl.js')).toContain('require("node:path").join(__dirname, "web-tree-sitter")');
  });

  it('are each a file the code cache takes: none may import dynamically', () => {
    // What the cache leaves to Node's own compilation (src/cli/compile-cache.ts); web-tree-sitter's one
    // dynamic import is made a require in the bundle.
    for (const [part, source] of text) expect([part, DYNAMIC_IMPORT.test(source)]).toEqual([part, false]);
    expect(DYNAMIC_IMPORT.test(readFileSync(join(root, 'node_modules', 'web-tree-sitter', 'tree-sitter.cjs'), 'utf8'))).toBe(true);
  });
});
