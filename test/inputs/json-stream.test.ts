// The streaming plan reader against the whole-document parse: the same report on every fixture and every
// corpus file, the same secrets, and the same refusals (truncation, invalid JSON inside resources it does
// not keep, wrong shapes, unsupported versions), across chunk boundaries and encodings.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lintRun, STREAMING, WHOLE, type DocumentReading } from '../../src/core/lint';
import { detect } from '../../src/inputs/detect';
import { readJsonStream, readJsonStreamBytes } from '../../src/inputs/json-stream/read';
import { ByteWindow } from '../../src/inputs/json-stream/window';
import { Scanner } from '../../src/inputs/json-stream/scanner';
import { parseJsonBytes, readJsonFile } from '../../src/inputs/read-json';
import { loadDocument } from '../../src/loaders/load';
import { ANALYZED_TYPES } from '../../src/model/okta-resource-types';
import { CORPUS, corpusEntries } from '../support/corpus';
import { describeWith } from '../support/outside';

const root = join(__dirname, '..', '..');
const NOW = new Date('2026-01-15T12:00:00Z');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return /\.(json|tfstate)$/.test(name) ? [path] : [];
  });
}

/** The report (or the refusal) of one input, read one way. */
async function outcome(file: string, reading: DocumentReading): Promise<string> {
  try {
    const run = await lintRun([file], { cwd: dirname(file), now: NOW }, reading);
    return JSON.stringify(run.report, null, 1);
  } catch (error) {
    return `refused: ${(error as Error).message}`;
  }
}

/** The secrets the loader collects from one input, read one way. */
function secrets(file: string, reading: DocumentReading, unread: 'drop' | 'skeleton' = 'drop'): string[] | string {
  const read = reading.file(file, file, unread);
  if (!read.ok) return read.error.message;
  const loaded = loadDocument(read.value.json, file, detect(read.value.json));
  return loaded.ok ? [...loaded.value.secrets].sort() : loaded.error.message;
}

const fixtures = jsonFiles(join(root, 'fixtures'));

/** The streaming reader keeping every resource (without the values of those no rule reads). */
const SKELETONS: DocumentReading = { file: (path, display) => readJsonStream(path, display, 'skeleton'), bytes: (bytes, display) => readJsonStreamBytes(bytes, display, 'skeleton') };
/** The streaming reader sharing the strings of what it keeps, as it does for large inputs (SHARE_FROM_BYTES). */
const SHARING: DocumentReading = { file: (path, display, unread) => readJsonStream(path, display, unread, { share: true }), bytes: (bytes, display, unread) => readJsonStreamBytes(bytes, display, unread, { share: true }) };

describe('the streaming reader gives the report of the whole parse', () => {
  it('covers the fixtures', () => {
    expect(fixtures.length).toBeGreaterThan(50);
  });

  it.each(fixtures.map((f) => [f.slice(root.length + 1)]))('%s', async (file) => {
    const path = join(root, file);
    const whole = await outcome(path, WHOLE);
    expect(await outcome(path, STREAMING)).toBe(whole);
    expect(await outcome(path, SKELETONS)).toBe(whole);
    expect(await outcome(path, SHARING)).toBe(whole);
    expect(secrets(path, STREAMING)).toEqual(secrets(path, WHOLE));
    expect(secrets(path, STREAMING, 'skeleton')).toEqual(secrets(path, WHOLE));
    expect(secrets(path, SHARING)).toEqual(secrets(path, WHOLE));
  });
});

describeWith('corpus', 'the streaming reader on the real corpus', () => {
  it.each(corpusEntries().map((e) => [e.file]))('%s', async (file) => {
    const path = join(CORPUS, file);
    const whole = await outcome(path, WHOLE);
    expect(await outcome(path, STREAMING)).toBe(whole);
    expect(await outcome(path, SHARING)).toBe(whole);
    expect(secrets(path, STREAMING)).toEqual(secrets(path, WHOLE));
  });
});

/** A plan with an app, its connection and mappings, and resources no rule reads (one with a secret). */
function plan(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const change = (address: string, type: string, values: Record<string, unknown>, sensitive: unknown = {}, actions = ['no-op']): unknown => ({
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    provider_name: 'registry.terraform.io/okta/okta',
    change: { actions, before: values, after: values, after_unknown: {}, before_sensitive: sensitive, after_sensitive: sensitive },
  });
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      change('okta_user.alice', 'okta_user', { id: '00u1', login: 'alice@example.com', password: 'user-password-secret' }, { password: true }),
      change('okta_group.eng', 'okta_group', { id: '00g1', name: 'eng', description: 'Engineering' }),
      change('okta_app_saml.app', 'okta_app_saml', { id: '0oa1', label: 'App', status: 'ACTIVE' }),
      { ...(change('okta_app_connection.app', 'okta_app_connection', { id: '0oa1', action: 'deactivate', status: 'DISABLED', profile: [{ token: 'scim-token-secret' }] }) as object), change: { actions: ['update'], before: { id: '0oa1', action: 'activate', status: 'ENABLED' }, after: { id: '0oa1', action: 'deactivate', status: 'DISABLED', profile: [{ token: 'scim-token-secret' }] }, after_unknown: {}, before_sensitive: {}, after_sensitive: {} } },
      change('okta_push_group.eng', 'okta_push_group', { id: 'gp1', app_id: '0oa1', source_group_id: '00g1', status: 'ACTIVE' }),
      change('aws_s3_bucket.logs', 'aws_s3_bucket', { id: 'logs', bucket: 'logs', tags: { team: 'platform' } }),
    ],
    ...extra,
  };
}

describe('fail closed', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'opg-stream-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string | Buffer): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('drops resources no rule reads, and still finds the orphaned mapping', async () => {
    const file = write('plan.json', JSON.stringify(plan()));
    const read = readJsonStream(file, 'plan.json');
    const changes = (read.ok ? (read.value.json as { resource_changes: { type: string }[] }).resource_changes : []) as ({ type: string } | undefined)[];
    // The user is kept (it marks a secret), the group and the bucket are not: holes keep every index.
    expect(changes).toHaveLength(6);
    expect(changes.map((c) => c?.type)).toEqual(['okta_user', undefined, 'okta_app_saml', 'okta_app_connection', 'okta_push_group', undefined]);
    const report = (await lintRun([file], { cwd: dir, now: NOW })).report;
    expect(report.findings.map((f) => f.ruleId)).toContain('OPG001');
    expect(await outcome(file, STREAMING)).toBe(await outcome(file, WHOLE));
  });

  it('keeps secrets of resources it does not read', () => {
    const file = write('secret.json', JSON.stringify(plan()));
    expect(secrets(file, STREAMING)).toEqual(['scim-token-secret', 'user-password-secret']);
    expect(secrets(file, STREAMING)).toEqual(secrets(file, WHOLE));
  });

  it('keeps secrets a raw tfstate marks on resources it does not read', () => {
    const state = {
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: 'x',
      resources: [
        { mode: 'managed', type: 'okta_user', name: 'u', provider: 'provider["registry.terraform.io/okta/okta"]', instances: [{ attributes: { id: '00u1', password: 'tfstate-secret' }, sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] }] },
        { mode: 'managed', type: 'okta_group', name: 'g', provider: 'provider["registry.terraform.io/okta/okta"]', instances: [{ attributes: { id: '00g1', name: 'eng' }, sensitive_attributes: [] }] },
      ],
    };
    const file = write('terraform.tfstate', JSON.stringify(state));
    expect(secrets(file, STREAMING)).toEqual(['tfstate-secret']);
  });

  it('refuses a truncated plan wherever it is cut, as the whole parse does', () => {
    const text = JSON.stringify(plan(), null, 1);
    for (const cut of [1, 17, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length - 2]) {
      const bytes = Buffer.from(text.slice(0, cut));
      const streamed = readJsonStreamBytes(bytes, 'plan.json');
      const whole = parseJsonBytes(bytes, 'plan.json');
      expect(!streamed.ok && streamed.error.code).toBe('invalid-json');
      expect(!streamed.ok && streamed.error.message).toBe(!whole.ok && whole.error.message);
      expect(!streamed.ok && streamed.error.message).toMatch(/^plan\.json: truncated JSON: .*\(line \d+\)$/);
    }
  });

  it.each([
    ['a bad literal in a group it skips', (t: string) => t.replace('"Engineering"', 'tru')],
    ['a raw newline in a string of a bucket it skips', (t: string) => t.replace('"platform"', '"plat\nform"')],
    ['a bad escape in a user it keeps', (t: string) => t.replace('alice@example.com', 'alice\\x')],
    ['a bad number in a bucket it skips', (t: string) => t.replace('"logs",', '01,')],
    ['a missing comma between members', (t: string) => t.replace('"name": "eng",', '"name": "eng"')],
    ['text after the document', (t: string) => `${t} x`],
  ])('refuses invalid JSON anywhere, with line and column: %s', (_name, corrupt) => {
    const text = corrupt(JSON.stringify(plan(), null, 1));
    const bytes = Buffer.from(text);
    const streamed = readJsonStreamBytes(bytes, 'plan.json');
    const whole = parseJsonBytes(bytes, 'plan.json');
    expect(whole.ok).toBe(false);
    expect(!streamed.ok && streamed.error.code).toBe('invalid-json');
    expect(!streamed.ok && streamed.error.message).toMatch(/^plan\.json: invalid JSON at line \d+, column \d+: unexpected /);
    // The same line as the whole parse names; the column may differ by where each notices.
    const line = (m: string | false): string | undefined => (m ? /line (\d+)/.exec(m)?.[1] : undefined);
    expect(line(!streamed.ok && streamed.error.message)).toBe(line(!whole.ok && whole.error.message));
  });

  it.each([
    ['an address that is a number', (p: Record<string, unknown>) => ((p.resource_changes as Record<string, unknown>[])[1]!.address = 7)],
    ['a change that is a list', (p: Record<string, unknown>) => ((p.resource_changes as Record<string, unknown>[])[5]!.change = [])],
    ['an empty actions list', (p: Record<string, unknown>) => (((p.resource_changes as Record<string, unknown>[])[1]!.change as Record<string, unknown>).actions = [])],
    ['an unsupported format version', (p: Record<string, unknown>) => (p.format_version = '2.0')],
    ['resource_changes that is an object', (p: Record<string, unknown>) => (p.resource_changes = {})],
    ['a tfstate resource without instances', (p: Record<string, unknown>) => {
        for (const key of Object.keys(p)) delete p[key];
        Object.assign(p, { version: 4, lineage: 'x', resources: [{ mode: 'managed', type: 'okta_group', name: 'g', instances: {} }] });
      },
    ],
  ])('refuses a wrong shape as the whole parse does: %s', async (name, change) => {
    const document = plan();
    change(document);
    const file = write(`${name.replace(/\W+/g, '-')}.json`, JSON.stringify(document));
    const streamed = await outcome(file, STREAMING);
    expect(streamed).toMatch(/^refused: /);
    expect(streamed).toBe(await outcome(file, WHOLE));
  });

  it('refuses nesting deeper than its limit in one line, without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = JSON.stringify(plan()).replace('"Engineering"', deep);
    const streamed = readJsonStreamBytes(Buffer.from(text), 'plan.json');
    expect(!streamed.ok && streamed.error.message).toMatch(/^plan\.json: arrays and objects nest more than 500 levels deep \(the limit okta-push-guard reads\), at line 1, column \d+$/);
  });

  it('reads __proto__ and constructor keys as data, as JSON.parse does', async () => {
    const text = JSON.stringify(plan({ constructor: { x: 1 } })).replace('"terraform_version"', '"__proto__":{"polluted":true},"terraform_version"').replace('"tags":{', '"tags":{"__proto__":{"polluted":true},').replace('"address":"aws_s3_bucket.logs"', '"__proto__":{"polluted":true},"address":"aws_s3_bucket.logs"');
    const file = write('proto.json', text);
    const streamed = readJsonStream(file, 'proto.json', 'skeleton');
    const whole = readJsonFile(file, 'proto.json');
    const own = (json: unknown, key: string): unknown => Object.getOwnPropertyDescriptor(json, key)?.value;
    const json = (streamed.ok ? streamed.value.json : {}) as Record<string, unknown>;
    const wholeJson = (whole.ok ? whole.value.json : {}) as Record<string, unknown>;
    expect(own(json, '__proto__')).toEqual({ polluted: true });
    expect(own(json, '__proto__')).toEqual(own(wholeJson, '__proto__'));
    expect(own(json, 'constructor')).toEqual({ x: 1 });
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    // Inside a resource it skips (its skeleton is built by the reader itself, not JSON.parse).
    const bucket = (json.resource_changes as Record<string, unknown>[])[5]!;
    expect(Object.getPrototypeOf(bucket)).toBe(Object.prototype);
    expect(own(bucket, '__proto__')).toEqual({ polluted: true });
    expect(own(bucket, 'address')).toBe('aws_s3_bucket.logs');
    expect(await outcome(file, STREAMING)).toBe(await outcome(file, WHOLE));
  });
});

describe('chunk boundaries, encodings and wrappers', () => {
  const sample = join(root, 'fixtures', 'real-sensitive-values', 'plan.json');

  it.each([1, 2, 3, 5, 7, 64, 1000])('reads a plan read %i bytes at a time exactly as in one piece', (chunk) => {
    const whole = readJsonStream(sample, 'plan.json', 'skeleton');
    const pieces = readJsonStream(sample, 'plan.json', 'skeleton', { chunk });
    expect(pieces.ok && pieces.value.json).toEqual(whole.ok && whole.value.json);
  });

  it('scans exactly what JSON.parse accepts, across every chunk boundary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-scan-'));
    try {
      const cases = ['{"a":[1,-2.5e+3,0,true,false,null,"\\u00e9\\n\\"",{}],"b":{}}', ' [ ] ', '"x"', '-0', '1.', '01', '{"a" 1}', '[1,]', '"\\q"', '"\u0001"', '{"a":1}}', 'nul', '"é ✓"'];
      for (const text of cases) {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        for (const chunk of [1, 2, 3]) {
          const file = join(dir, 'x.json');
          writeFileSync(file, text);
          const fd = openSync(file, 'r');
          try {
            const scanner = new Scanner(ByteWindow.ofFile(fd, chunk));
            let scanned: boolean;
            try {
              const end = scanner.value(scanner.ws(0), 0);
              scanned = scanner.peek(scanner.ws(end)) < 0;
            } catch {
              scanned = false;
            }
            expect([text, chunk, scanned]).toEqual([text, chunk, valid]);
          } finally {
            closeSync(fd);
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const doc = JSON.stringify(plan(), null, 2);
  const utf16be = (s: string): Buffer => {
    const be = Buffer.from(s, 'utf16le');
    be.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
  };
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc)])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc, 'utf16le')])],
    ['UTF-16 LE without BOM', Buffer.from(doc, 'utf16le')],
    ['UTF-16 BE with BOM', utf16be(doc)],
    ['CRLF line ends', Buffer.from(doc.replace(/\n/g, '\r\n'))],
    ['setup-terraform output', Buffer.from(`[command]/tmp/terraform-bin show -json plan.tfplan\n${doc}%0A\n::debug::Terraform exited with code 0.\n`)],
  ])('reads %s as the whole parse does', (_name, bytes) => {
    const streamed = readJsonStreamBytes(bytes, 'plan.json', 'skeleton');
    const whole = parseJsonBytes(bytes, 'plan.json');
    expect(streamed.ok).toBe(true);
    const kept = (json: unknown): unknown[] => (json as { resource_changes: { type: string }[] }).resource_changes.filter((r) => ANALYZED_TYPES.has(r.type));
    expect(kept(streamed.ok && streamed.value.json)).toEqual(kept(whole.ok && whole.value.json));
  });

  it('refuses empty, blank and binary inputs with the messages of the whole parse', () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from(' \n\t '), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(16)])]) {
      const streamed = readJsonStreamBytes(bytes, 'plan.json');
      const whole = parseJsonBytes(bytes, 'plan.json');
      expect(!streamed.ok && streamed.error.message).toBe(!whole.ok && whole.error.message);
    }
  });

  it('names a missing file as every other input does', () => {
    const streamed = readJsonStream(join(tmpdir(), 'no-such-plan.json'), 'no-such-plan.json');
    expect(!streamed.ok && streamed.error.message).toBe('no-such-plan.json: no such file or directory');
  });

  it('reads the corpus wrapper file as before', () => {
    if (CORPUS === '') return;
    const file = join(CORPUS, 'infracost/plan_with_terraform_wrapper.json');
    const streamed = readJsonStreamBytes(readFileSync(file), 'w.json');
    expect(streamed.ok && (streamed.value.json as { format_version: string }).format_version).toBe('0.2');
  });
});

describe('resources no rule reads, where the code suppresses a rule on them', () => {
  it('reads them (without their values) so that the policy judges those suppressions as before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opg-stream-src-'));
    try {
      writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan()));
      writeFileSync(
        join(dir, 'main.tf'),
        'terraform {}\n\n# okta-push-guard:ignore OPG001 reason="not an app"\nresource "okta_group" "eng" {\n  name = "eng"\n}\n\nresource "aws_s3_bucket" "logs" {\n  # okta-push-guard:ignore OPG001\n  bucket = "logs"\n}\n',
      );
      const file = join(dir, 'plan.json');
      const streamed = await outcome(file, STREAMING);
      expect(streamed).toBe(await outcome(file, WHOLE));
      expect(streamed).toContain('okta_group.eng');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
