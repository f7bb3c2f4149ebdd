// The files of a module folder parsed on two threads (parse-files.ts): the same bodies as parsing each
// file whole here, the worker's copies taken, and the first file in order that does not parse (or read)
// still the one that fails the run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModule } from '../../../src/loaders/hcl/module-files';
import { shareOut } from '../../../src/loaders/hcl/parse-ahead';
import { parseFiles, type ConfigText } from '../../../src/loaders/hcl/parse-files';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeConfig } = require('../../../bench/config.js') as { writeConfig: (dir: string, apps: number) => number };

const ROOT = join(__dirname, '..', '..', '..');
const WORKER = join(ROOT, 'dist', 'src', 'loaders', 'hcl', 'parse-worker.js');
const STAND_INS = join(__dirname, 'stand-in-workers');
const ALONE = { from: Number.POSITIVE_INFINITY, script: WORKER };

const dir = mkdtempSync(join(tmpdir(), 'opg-parse-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The benchmark's configuration of `apps` apps in `parts` files of about the same size. */
function split(apps: number, parts: number): ConfigText[] {
  const folder = join(dir, `config-${apps}`);
  writeConfig(folder, apps);
  const blocks = readFileSync(join(folder, 'main.tf'), 'utf8').split(/\n(?=(?:module|resource|locals) )/);
  const per = Math.ceil(blocks.length / parts);
  return Array.from({ length: parts }, (_x, i) => ({ name: `part${i}.tf`, shown: `part${i}.tf`, text: `${blocks.slice(i * per, (i + 1) * per).join('\n')}\n` }));
}

/** A file of `length` characters: `text`, then a comment to fill it up. */
function sized(name: string, text: string, length: number): ConfigText {
  return { name, shown: name, text: `${text}# ${'x'.repeat(Math.max(0, length - text.length - 3))}\n` };
}

describe('sharing out the files of a folder', () => {
  it('gives the worker the largest files first while its share stays within half', () => {
    expect(shareOut([100, 90, 80, 70], 1)).toEqual([0, 3]);
    expect(shareOut([10, 10, 10, 10], 1)).toEqual([0, 1]);
  });

  it('gives it nothing below the size of parsing in two, nor where one file is half or more (that one is cut in two)', () => {
    expect(shareOut([100, 90, 80, 70], 341)).toEqual([]);
    expect(shareOut([200, 90, 80, 30], 1)).toEqual([]);
    expect(shareOut([], 1)).toEqual([]);
    expect(shareOut([40, 40, 40], 120)).toEqual([0]);
    expect(shareOut([40, 40, 40], 121)).toEqual([]);
  });
});

describe('a folder of .tf files parsed on two threads', () => {
  const files = split(1000, 8);
  // Where stand-in-workers/counts.js notes what the worker sends.
  const sent = join(tmpdir(), `opg-test-sent-${process.pid}.log`);
  afterAll(() => rmSync(sent, { force: true }));

  it('gives the bodies of parsing each file whole, from the worker’s copies', async () => {
    rmSync(sent, { force: true });
    const bodies = await parseFiles(files, { from: 1, script: join(STAND_INS, 'counts.js') });
    expect(readFileSync(sent, 'utf8')).toBe('parts\n'.repeat(shareOut(files.map((f) => f.text.length), 1).length));
    expect(shareOut(files.map((f) => f.text.length), 1).length).toBeGreaterThanOrEqual(3);
    expect(bodies).toEqual(await parseFiles(files, ALONE));
    expect(bodies.reduce((n, b) => n + b.blocks.length, 0)).toBe(2001);
  });

  it.each([['throws.js'], ['exits.js'], ['hangs.js']])('gives the same bodies with a worker that %s', async (script) => {
    expect(await parseFiles(files, { from: 1, script: join(STAND_INS, script) })).toEqual(await parseFiles(files, ALONE));
  });

  // Sizes 100, 120, 100: the worker parses the second file only.
  const good = (name: string) => sized(name, 'resource "okta_app_saml" "a" {\n  label = "a"\n}\n', 100);
  const bad = (name: string, length: number) => sized(name, 'resource "okta_app_saml" "b" {\n  label = = "b"\n}\n', length);

  it.each([
    ['the worker’s file', [good('a.tf'), bad('b.tf', 120), good('c.tf')], 'b.tf:2:11'],
    ['this thread’s file, before the worker’s', [bad('a.tf', 100), bad('b.tf', 120), good('c.tf')], 'a.tf:2:11'],
    ['the worker’s file, before this thread’s', [good('a.tf'), bad('b.tf', 120), bad('c.tf', 100)], 'b.tf:2:11'],
    ['this thread’s file, after the worker’s', [good('a.tf'), sized('b.tf', 'x = 1\n', 120), bad('c.tf', 100)], 'c.tf:2:11'],
  ])('fails with the first file in order that does not parse: %s', async (_what, texts, where) => {
    expect(shareOut(texts.map((f) => f.text.length), 1)).toEqual([1]);
    await expect(parseFiles(texts, { from: 1, script: WORKER })).rejects.toThrow(`${where}: syntax error`);
  });
});

describe('reading a module folder', () => {
  it('reports a syntax error in a file before one it cannot read, and the unreadable file after files that parse', async () => {
    const folder = join(dir, 'unreadable');
    require('node:fs').mkdirSync(folder);
    writeFileSync(join(folder, 'a.tf'), 'resource "okta_app_saml" "a" {\n  label = = "a"\n}\n');
    // Over the 2 MiB a .tf file may have.
    writeFileSync(join(folder, 'b.tf'), `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    await expect(readModule(folder, (f) => f.slice(folder.length + 1))).rejects.toThrow('a.tf:2:11: syntax error');
    writeFileSync(join(folder, 'a.tf'), 'resource "okta_app_saml" "a" {\n  label = "a"\n}\n');
    await expect(readModule(folder, (f) => f.slice(folder.length + 1))).rejects.toThrow(/^b\.tf: /);
  });
});
