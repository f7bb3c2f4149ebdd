// A large .tf file parsed in two parts on two threads (parse-ahead.ts) must give exactly the body of the
// whole file, or be parsed whole: for every cut at every line start of every fixture (the merge itself,
// with the second part copied on this thread), on the benchmark's configuration with the real worker,
// and with workers that fail, hang or find the second part broken. Refusals stay those of the whole file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cutPoint, parseAhead, type Ahead } from '../../../src/loaders/hcl/parse-ahead';
import { copyOfPart, parseHcl, parseInTwo } from '../../../src/loaders/hcl/parser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { writeConfig } = require('../../../bench/config.js') as { writeConfig: (dir: string, apps: number) => number };

const ROOT = join(__dirname, '..', '..', '..');
/** The compiled worker (Jest's global setup builds dist/): run from these sources, there is none beside parse-ahead.ts. */
const WORKER = join(ROOT, 'dist', 'src', 'loaders', 'hcl', 'parse-worker.js');
const WHOLE = { from: Number.POSITIVE_INFINITY, script: WORKER };
const STAND_INS = join(ROOT, 'test', 'loaders', 'hcl', 'stand-in-workers');

function tfFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tfFiles(path);
    return /\.(tf|tfvars)$/.test(e.name) ? [path] : [];
  });
}

/** The second part copied on this thread, as the worker copies it. */
function here(text: string): Ahead {
  return { take: () => copyOfPart(text), stop: () => undefined };
}

function lineStarts(text: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) out.push(at + 1);
  return out;
}

/** Texts where a line that is only `}` followed by a name is not between two top-level blocks. */
const TRICKY = {
  heredoc: 'resource "okta_app_saml" "a" {\n  label = "a"\n  notes = <<EOT\n}\nresource "okta_app_saml" "fake" {\nEOT\n}\n\nresource "okta_app_saml" "b" {\n  label = "b"\n}\n',
  indentedHeredoc: 'locals {\n  t = <<-EOT\n    x\n}\nlabel = 1\n  EOT\n}\nresource "okta_app_saml" "b" {\n  label = local.t\n}\n',
  blockComment: 'resource "okta_app_saml" "a" {\n  label = "a"\n}\n/*\n}\nresource "okta_app_saml" "commented" {\n  label = "c"\n}\n*/\nresource "okta_app_saml" "b" {\n  label = "b"\n}\n',
  objectAtColumnZero: 'locals {\n  m = {\n    a = {\n}\nb = 2\n  }\n}\nresource "okta_app_saml" "b" {\n  label = "b"\n}\n',
  commentAbove: 'resource "okta_app_saml" "a" {\n  label = "a"\n}\n# okta-push-guard-ignore OPG001: kept on purpose\nresource "okta_push_group" "p" {\n  app_id = okta_app_saml.a.id\n}\n',
  commentOnClosingLine: 'resource "okta_app_saml" "a" {\n  label = "a"\n} # okta-push-guard-ignore OPG001: kept\nresource "okta_push_group" "p" {\n  app_id = okta_app_saml.a.id\n}\n',
  sameAttributeTwice: 'x = 1\nresource "okta_app_saml" "a" {\n  label = "a"\n}\ny = 2\nx = 3\n',
  crlf: 'resource "okta_app_saml" "a" {\r\n  label = "é 😀"\r\n}\r\n\r\nresource "okta_app_saml" "b" {\r\n  label = "${var.ü}"\r\n}\r\n',
  trailingComment: 'resource "okta_app_saml" "a" {\n  label = "a"\n}\nresource "okta_app_saml" "b" {\n  label = "b"\n}\n# the end\n',
};

describe('a .tf text parsed in two parts', () => {
  it('gives the body of the whole text, or nothing, for every cut at every line start', async () => {
    const files = tfFiles(join(ROOT, 'fixtures')).filter((f) => !f.includes('bad-tf'));
    expect(files.length).toBeGreaterThan(20);
    const texts: [string, string][] = [...Object.entries(TRICKY), ...files.map((f): [string, string] => [f, readFileSync(f, 'utf8')])];
    let taken = 0;
    const wrong: string[] = [];
    for (const [name, text] of texts) {
      let whole: unknown;
      try {
        whole = await parseHcl(text, name, WHOLE);
      } catch {
        continue; // files of variable values may hold what only a .tfvars reader takes
      }
      for (const cut of lineStarts(text)) {
        const body = await parseInTwo(text, cut, here(text.slice(cut)));
        if (body === undefined) continue;
        taken++;
        if (JSON.stringify(body, (_k, v: unknown) => (v instanceof Map ? [...v] : v)) !== JSON.stringify(whole, (_k, v: unknown) => (v instanceof Map ? [...v] : v))) wrong.push(`${name} cut at ${cut}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(taken).toBeGreaterThan(200);
  });

  it('is not taken where the first part ends with a comment, which may be the next block’s', async () => {
    const text = TRICKY.commentAbove;
    const cut = text.indexOf('resource "okta_push_group"');
    expect(await parseInTwo(text, cut, here(text.slice(cut)))).toBeUndefined();
    const whole = await parseHcl(text, 'main.tf', WHOLE);
    expect(whole.blocks[1]!.comments).toEqual(['# okta-push-guard-ignore OPG001: kept on purpose']);
  });

  it('is not taken where the first part does not parse, and the refusal is that of the whole text', async () => {
    const text = 'resource "okta_app_saml" "a" {\n  label = = "a"\n}\nresource "okta_app_saml" "b" {\n  label = "b"\n}\n';
    const cut = text.indexOf('resource "okta_app_saml" "b"');
    expect(await parseInTwo(text, cut, here(text.slice(cut)))).toBeUndefined();
    await expect(parseHcl(text, 'main.tf', { from: 1, script: WORKER })).rejects.toThrow('main.tf:2:11: syntax error');
  });

  it('is cut only between a line that is only `}` and a line that begins with a name, at or after the middle', () => {
    const text = `${'a = 1\n'.repeat(50)}b {\n}\n\n  c = 2\n}\nd {\n}\nresource "x" "y" {\n}\n`;
    const cut = cutPoint(text, 1)!;
    expect(text.slice(cut)).toBe('d {\n}\nresource "x" "y" {\n}\n');
    expect(cutPoint(text, text.length + 1)).toBeUndefined();
    // The second part must be worth a thread: a quarter of the size parsing in two starts at.
    expect(cutPoint(text, text.length)).toBeUndefined();
    expect(cutPoint('a {\n}\nb = 1\n', 1)).toBeUndefined();
    expect(cutPoint(`${'a = 1\n'.repeat(10)}b {\n}\r\n\r\nc {\n}\n`, 1)).toBe(`${'a = 1\n'.repeat(10)}b {\n}\r\n\r\n`.length);
  });
});

describe('the worker', () => {
  const dir = join(require('node:os').tmpdir() as string, `opg-parse-in-two-${process.pid}`);
  let config: string;
  /** For the workers that fail: small, as only their failing is looked at. */
  let small: string;
  beforeAll(() => {
    writeConfig(join(dir, 'large'), 1000);
    config = readFileSync(join(dir, 'large', 'main.tf'), 'utf8');
    writeConfig(join(dir, 'small'), 40);
    small = readFileSync(join(dir, 'small', 'main.tf'), 'utf8');
  });
  afterAll(() => require('node:fs').rmSync(dir, { recursive: true, force: true }));

  it('parses the second part of the benchmark configuration, and the two parts give the whole body', async () => {
    const cut = cutPoint(config, 256 * 1024)!;
    expect(cut).toBeGreaterThan(config.length / 2);
    const ahead = parseAhead([config.slice(cut)], WORKER);
    expect(ahead).toBeDefined();
    const body = await parseInTwo(config, cut, ahead!);
    expect(body).toBeDefined();
    // Its locals, and a module call and a mapping per app.
    expect(body!.blocks).toHaveLength(2001);
    expect(body).toEqual(await parseHcl(config, 'main.tf', WHOLE));
  });

  it.each([
    ['ends without a word', 'exits.js'],
    ['throws', 'throws.js'],
    ['sends nothing for a second part that does not parse', 'sends-nothing.js'],
  ])('that %s leaves the whole text to this thread, with the same body', async (_what, script) => {
    const cut = cutPoint(small, 1)!;
    expect(await parseInTwo(small, cut, parseAhead([small.slice(cut)], join(STAND_INS, script))!)).toBeUndefined();
    expect(await parseHcl(small, 'main.tf', { from: 1, script: join(STAND_INS, script) })).toEqual(await parseHcl(small, 'main.tf', WHOLE));
  });

  it('that never answers is given up on, and the text parsed whole', async () => {
    const cut = cutPoint(small, 1)!;
    const started = Date.now();
    expect(await parseInTwo(small, cut, parseAhead([small.slice(cut)], join(STAND_INS, 'hangs.js'))!)).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('is not started where there is no worker code', () => {
    expect(parseAhead(['a = 1\n'], join(STAND_INS, 'absent.js'))).toBeUndefined();
  });

  it('leaves a syntax error in the second part to be reported as parsing whole reports it', async () => {
    const broken = `${small}resource "x" "y" {\n  label = = 1\n}\n`;
    const whole = parseHcl(broken, 'main.tf', WHOLE);
    await expect(whole).rejects.toThrow(/^main\.tf:\d+:\d+: syntax error/);
    const message = await whole.then(
      () => '',
      (e: Error) => e.message,
    );
    await expect(parseHcl(broken, 'main.tf', { from: 1, script: WORKER })).rejects.toThrow(message);
    const cut = cutPoint(broken, 1)!;
    expect(await parseInTwo(broken, cut, parseAhead([broken.slice(cut)], WORKER)!)).toBeUndefined();
  });
});
