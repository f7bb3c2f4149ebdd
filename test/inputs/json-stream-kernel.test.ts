// The WebAssembly kernel (src/inputs/json-stream/kernel.ts, scanner.wat) against the JavaScript loop it
// stands in for: on every resource element of every fixture (and of the corpus, where it is), written as
// Terraform writes it and indented, cut short and with bytes changed at every position, the kernel either
// gives exactly the JavaScript loop's end and facts or declines (-1), never a different answer; and it
// declines wherever the JavaScript loop refuses the bytes. It must decline rarely, or it would be no use.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { newFacts } from '../../src/inputs/json-stream/fate';
import { KERNEL_FROM_BYTES, readJsonStream, readJsonStreamBytes } from '../../src/inputs/json-stream/read';
import { MAX_DEPTH, Scanner, type ElementFacts, type PayloadKeys } from '../../src/inputs/json-stream/scanner';
import { EVERY_ELEMENT_KEYS } from '../../src/inputs/json-stream/shapes';
import { ByteWindow } from '../../src/inputs/json-stream/window';
import { CORPUS, corpusEntries } from '../support/corpus';
import { describeWith } from '../support/outside';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'opg-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Answer = { end: number; facts: ElementFacts } | 'refused' | 'declined';

/** Both scanners on `text` from its first byte, for each kind of element in `kinds`: the JavaScript loop's answers and the kernel's. */
function answers(text: Buffer, kinds: readonly PayloadKeys[], depth = 3, windowLength = text.length): { js: Answer; kernel: Answer }[] {
  const file = join(dir, 'element.json');
  writeFileSync(file, text);
  const fd = openSync(file, 'r');
  try {
    const chunk = Math.max(64, text.length * 2);
    const plain = new Scanner(ByteWindow.ofFile(fd, chunk));
    const window = ByteWindow.ofFile(fd, chunk, 0, true);
    expect(window.kernel).toBeDefined();
    return kinds.map((keys) => {
      let js: Answer;
      try {
        const facts = newFacts();
        js = { end: plain.value(0, depth, facts, keys), facts };
      } catch {
        js = 'refused';
      }
      const facts = newFacts();
      const end = window.kernel!.element(0, Math.min(windowLength, window.length), window.base, MAX_DEPTH - depth, keys, facts);
      return { js, kernel: end < 0 ? 'declined' : { end, facts } };
    });
  } finally {
    closeSync(fd);
  }
}

function both(text: Buffer, keys: PayloadKeys, depth?: number, windowLength?: number): { js: Answer; kernel: Answer } {
  return answers(text, [keys], depth, windowLength)[0]!;
}

/** Checks one text against every kind of element; returns how many times the kernel answered. */
function agree(text: Buffer, depth?: number, windowLength?: number): { answered: number; refused: number } {
  let answered = 0;
  let refused = 0;
  for (const { js, kernel } of answers(text, EVERY_ELEMENT_KEYS, depth, windowLength)) {
    if (js === 'refused') refused++;
    if (kernel === 'declined') continue;
    answered++;
    expect({ text: text.toString('latin1'), answer: kernel }).toEqual({ text: text.toString('latin1'), answer: js });
  }
  return { answered, refused };
}

function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return /\.(json|tfstate)$/.test(name) ? [path] : [];
  });
}

/** Every resource element of a document, wherever Terraform writes them. */
function elements(json: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      if (key === 'resources' || key === 'resource_changes' || key === 'resource_drift') out.push(...value);
      value.forEach((v) => walk(v, ''));
    } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(json, '');
  return out;
}

function documentOf(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

const fixtureElements = jsonFiles(join(root, 'fixtures')).flatMap((file) => elements(documentOf(file)));

describe('the kernel gives the answers of the JavaScript loop', () => {
  it('on every resource element of the fixtures, compact and indented', () => {
    expect(fixtureElements.length).toBeGreaterThan(300);
    let answered = 0;
    for (const element of fixtureElements) {
      answered += agree(Buffer.from(JSON.stringify(element))).answered;
      answered += agree(Buffer.from(JSON.stringify(element, null, 2).replace(/\n/g, '\r\n\t'))).answered;
    }
    // Four kinds of element, two spellings: it answers nearly always.
    expect(answered).toBe(fixtureElements.length * 2 * EVERY_ELEMENT_KEYS.length);
  });

  it('with every byte of an element changed to a byte that matters to JSON, and cut at every length', () => {
    const sample = Buffer.from(
      JSON.stringify({
        address: 'okta_user.a["x"]',
        mode: 'managed',
        type: 'okta_user',
        name: 'a',
        index: 'x',
        change: { actions: ['update'], before: { n: -1.5e3, ok: true, off: false, none: null, tags: ['\u00e9\n\\"/'], deep: [[{}], []] }, after: null, after_sensitive: { password: true }, before_sensitive: false },
        values: { login: 'a@example.com' },
        sensitive_values: { p: [1] },
        expressions: { x: { constant_value: 0 } },
        instances: [{ attributes: {} }],
      }).replace('\u00e9', '\\u00E9'),
    );
    expect(sample.includes('\\u00E9')).toBe(true);
    const bytes = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d, 0x2c, 0x3a, 0x30, 0x31, 0x2d, 0x2b, 0x2e, 0x65, 0x45, 0x74, 0x66, 0x6e, 0x75, 0x67, 0x47, 0x20, 0x0a, 0x01, 0x1f, 0x7f, 0xc3];
    let answered = 0;
    let refused = 0;
    for (let at = 0; at < sample.length; at++) {
      for (const b of bytes) {
        if (sample[at] === b) continue;
        const text = Buffer.from(sample);
        text[at] = b;
        const seen = agree(text);
        answered += seen.answered;
        refused += seen.refused;
      }
      answered += agree(sample.subarray(0, at)).answered;
      // The whole element, but a window that ends early: it must decline, as it cannot see the end.
      expect(both(sample, EVERY_ELEMENT_KEYS[0]!, 3, at).kernel).toBe('declined');
    }
    expect(refused).toBeGreaterThan(sample.length * 5 * EVERY_ELEMENT_KEYS.length);
    expect(answered).toBeGreaterThan(sample.length * bytes.length);
  });

  it('declines nesting beyond the limit, which the JavaScript loop refuses', () => {
    const nested = (n: number): Buffer => Buffer.from(`{"type":"okta_user","values":${'['.repeat(n)}${']'.repeat(n)}}`);
    const depth = MAX_DEPTH - 10;
    // The element's object and nine arrays: ten levels, the most that depth leaves.
    expect(agree(nested(9), depth).answered).toBe(EVERY_ELEMENT_KEYS.length);
    expect(both(nested(10), EVERY_ELEMENT_KEYS[1]!, depth)).toEqual({ js: 'refused', kernel: 'declined' });
  });

  it('declines keys written with escapes, which only the JavaScript loop classifies', () => {
    const text = Buffer.from('{"address":"a.b","ty\\u0070e":"okta_app_saml","name":"b"}');
    const { js, kernel } = both(text, EVERY_ELEMENT_KEYS[1]!);
    expect(kernel).toBe('declined');
    expect(js).not.toBe('refused');
    // In a payload (`values` of a state resource), keys are not classified: an escaped one is read by the kernel.
    const payload = both(Buffer.from('{"address":"a.b","type":"t","values":{"ty\\u0070e":1}}'), EVERY_ELEMENT_KEYS[1]!);
    expect(payload.kernel).not.toBe('declined');
    expect(payload.kernel).toEqual(payload.js);
  });
});

describe('files read with the kernel', () => {
  it('give the values of files read without it, across window ends', () => {
    const file = join(root, 'fixtures', 'real-sensitive-values', 'plan.json');
    const plain = readJsonStream(file, 'plan.json', 'skeleton', { kernel: false });
    for (const chunk of [7, 64, 1000, 1 << 16]) {
      const read = readJsonStream(file, 'plan.json', 'skeleton', { kernel: true, chunk });
      expect(read.ok && read.value.json).toEqual(plain.ok && plain.value.json);
      // Standard input: bytes in memory, copied into the kernel's memory a chunk at a time.
      const piped = readJsonStreamBytes(readFileSync(file), 'plan.json', 'skeleton', { kernel: true, chunk });
      expect(piped.ok && piped.value).toEqual(plain.ok && plain.value);
    }
  });

  it('refuse what files read without it refuse, with the same message', () => {
    const file = join(root, 'fixtures', 'real-sensitive-values', 'plan.json');
    const text = readFileSync(file);
    for (const at of [Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 2]) {
      const broken = Buffer.from(text);
      broken[at] = 0x01;
      const path = join(dir, 'broken.json');
      writeFileSync(path, broken);
      const plain = readJsonStream(path, 'broken.json', 'drop', { kernel: false });
      expect(plain.ok).toBe(false);
      for (const chunk of [64, 1 << 16]) {
        expect(readJsonStream(path, 'broken.json', 'drop', { kernel: true, chunk })).toEqual(plain);
        expect(readJsonStreamBytes(broken, 'broken.json', 'drop', { kernel: true, chunk })).toEqual(plain);
      }
    }
  });

  it('are scanned by it from KERNEL_FROM_BYTES on, in the CLI, and smaller ones are not', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { writePlan } = require('../../bench/plan.js') as { writePlan: (file: string, apps: number) => { bytes: number; orphans: number } };
    const large = join(dir, 'plan.json');
    const made = writePlan(large, 20);
    expect(made.bytes).toBeGreaterThanOrEqual(KERNEL_FROM_BYTES);
    // Preloaded: says on stderr whether the process read the kernel's code.
    const probe = join(dir, 'kernel-probe.js');
    writeFileSync(
      probe,
      `const fs = require('node:fs'); const read = fs.readFileSync; let kernel = false;
fs.readFileSync = function (path, ...rest) { if (String(path).endsWith('scanner.wasm')) kernel = true; return read.call(this, path, ...rest); };
process.on('exit', () => process.stderr.write(kernel ? 'kernel' : 'no kernel'));\n`,
    );
    const lint = (file: string): ReturnType<typeof spawnSync> => spawnSync(process.execPath, ['--require', probe, join(root, 'bin', 'okta-push-guard.js'), 'lint', file, '--format', 'json', '--no-config'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const result = lint(large);
    expect(result.stderr).toBe('kernel');
    expect(result.status).toBe(1);
    expect((JSON.parse(String(result.stdout)) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'OPG001')).toHaveLength(made.orphans);
    expect(lint(join(root, 'fixtures', 'real-sensitive-values', 'plan.json')).stderr).toBe('no kernel');
  });
});

describeWith('corpus', 'the kernel on the real corpus', () => {
  it('gives the answers of the JavaScript loop on every resource element', () => {
    let count = 0;
    for (const { file } of corpusEntries()) {
      for (const element of elements(documentOf(join(CORPUS, file)))) {
        agree(Buffer.from(JSON.stringify(element)));
        count++;
      }
    }
    expect(count).toBeGreaterThan(1000);
  });
});

describe('the kernel\'s code', () => {
  it('is what scanner.wat assembles to', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'build-wasm.js'), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
