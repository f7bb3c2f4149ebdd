// Decoding and unwrapping of real-world plan files, and JSON errors that say where without echoing content.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, parseJsonBytes, unwrapSetupTerraform } from '../../src/inputs/read-json';
import { CORPUS } from '../support/corpus';
import { describeWith } from '../support/outside';

const doc = { format_version: '1.2', resource_changes: [], note: 'naïve ✓' };
const text = JSON.stringify(doc, null, 2);

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
}

describe('decode', () => {
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with BOM', utf16be(text)],
    ['CRLF line ends', Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8')],
  ])('reads %s', (_name, bytes) => {
    const result = parseJsonBytes(bytes, 'plan.json');
    expect(result.ok && result.value.json).toEqual(doc);
  });
});

describe('setup-terraform wrapper output', () => {
  it('keeps only the JSON between the [command] line and the ::workflow commands', () => {
    const wrapped = `[command]/tmp/terraform-bin show -json plan.tfplan\n${JSON.stringify(doc)}%0A\n::debug::Terraform exited with code 0.\n::set-output name=exitcode::0\n`;
    expect(JSON.parse(unwrapSetupTerraform(wrapped))).toEqual(doc);
  });
});

describeWith('corpus', 'real files from the corpus', () => {
  it('reads the UTF-16 LE plans', () => {
    const bytes = readFileSync(join(CORPUS, 'checkov/terraform__runner__resources__plan_with_utf_16_encoding__tfplan.json'));
    expect(bytes[0]).toBe(0xff);
    expect(decode(bytes).startsWith('{')).toBe(true);
  });

  it('reads the real setup-terraform wrapper output', () => {
    const result = parseJsonBytes(readFileSync(join(CORPUS, 'infracost/plan_with_terraform_wrapper.json')), 'w.json');
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value.json as { format_version: string }).format_version).toBe('0.2');
  });
});

describe('errors', () => {
  it('refuses an empty file', () => {
    const result = parseJsonBytes(Buffer.alloc(0), 'plan.json');
    expect(!result.ok && result.error.message).toBe('plan.json: the file is empty');
  });

  it('recognises a binary plan and says how to convert it', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    const result = parseJsonBytes(zip, 'tfplan');
    expect(!result.ok && result.error.code).toBe('binary-plan');
    expect(!result.ok && result.error.message).toContain('terraform show -json tfplan > plan.json');
  });

  it('says where invalid JSON breaks, without quoting the text around it', () => {
    const broken = '{\n  "format_version": "1.2",\n  "token": "hunter2-secret" oops\n}';
    const result = parseJsonBytes(Buffer.from(broken), 'plan.json');
    expect(!result.ok && result.error.message).toBe("plan.json: invalid JSON at line 3, column 29: unexpected 'o'");
    expect(!result.ok && result.error.message).not.toContain('hunter2');
  });

  it('reports truncated JSON as truncated', () => {
    const result = parseJsonBytes(Buffer.from(text.slice(0, 40)), 'plan.json');
    expect(!result.ok && result.error.message).toMatch(/^plan\.json: truncated JSON/);
  });
});

describe('JSON error positions V8 does not give', () => {
  it.each([
    ['{ "failOn": hunter2Secret }', 1, 13, "'h'"],
    ['{"a": [1, 2,]}', 1, 13, "']'"],
    ['{\n  "a": 01\n}', 2, 9, "'1'"],
    ['{"a": "x"} trailing', 1, 12, "'t'"],
  ])('%j', (text, line, column, what) => {
    const result = parseJsonBytes(Buffer.from(text), 'f.json');
    expect(!result.ok && result.error.message).toBe(`f.json: invalid JSON at line ${line}, column ${column}: unexpected ${what}`);
  });
});
