// Reads one input file into parsed JSON, coping with the encodings and wrappers real pipelines produce.
import { MAX_DOCUMENT_BYTES, nestsDeeperThan, tooDeepDetail } from './limits';
import { LoadError, type Result } from './load-error';
import { readInputFile } from './read-file';
import { jsonErrorOffset } from './json-error';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Decodes UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM. */
export function decode(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return bytes.subarray(3).toString('utf8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.subarray(2).toString('utf16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  // UTF-16 LE without a BOM still shows itself by a NUL after the first ASCII character.
  if (bytes.length >= 4 && bytes[1] === 0 && bytes[3] === 0 && bytes[0] !== 0) {
    return bytes.toString('utf16le');
  }
  return bytes.toString('utf8');
}

/**
 * hashicorp/setup-terraform's wrapper prints `[command]terraform show -json …`, then the JSON, then
 * `::debug::` / `::set-output` workflow commands. Keep only the JSON.
 */
export function unwrapSetupTerraform(text: string): string {
  if (!text.startsWith('[command]')) return text;
  const lines = text.split(/\r?\n/);
  const body: string[] = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('::')) break;
    body.push(line);
  }
  // The wrapper escapes the final newline as %0A.
  return body.join('\n').replace(/(%0A)+\s*$/, '');
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Explains a JSON.parse failure without echoing the input: V8's own messages quote
 * the text around the error, which may hold a secret.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : jsonErrorOffset(text);
  if (offset >= text.trimEnd().length || /end of JSON input/i.test(message) || /Unterminated string/i.test(message)) {
    return `truncated JSON: the input ends before the document is complete (line ${lineColumn(text, text.length).line})`;
  }
  const { line, column } = lineColumn(text, offset);
  const found = text[offset];
  const what = found === undefined ? 'end of input' : /[\x20-\x7e]/.test(found) ? `'${found}'` : 'a control character';
  return `invalid JSON at line ${line}, column ${column}: unexpected ${what}`;
}

/** Terraform writes saved plans as zip archives; users often pass them instead of the JSON. */
function isBinaryPlan(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

export interface JsonInput {
  json: unknown;
  bytes: number;
}

export function readJsonFile(file: string, display: string): Result<JsonInput> {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file, display, undefined, MAX_DOCUMENT_BYTES);
  } catch (error) {
    if (error instanceof LoadError) return { ok: false, error };
    throw error;
  }
  return parseJsonBytes(bytes, display);
}

export function parseJsonBytes(bytes: Buffer, display: string): Result<JsonInput> {
  if (bytes.length === 0) return fail('empty', display, 'the file is empty');
  if (isBinaryPlan(bytes)) {
    return fail(
      'binary-plan',
      display,
      'this is a binary Terraform plan file; convert it first with `terraform show -json tfplan > plan.json` and lint plan.json',
    );
  }
  if (isOddUtf16(bytes)) return fail('invalid-json', display, ODD_UTF16);
  const text = unwrapSetupTerraform(decode(bytes));
  if (text.trim() === '') return fail('empty', display, 'the file holds only whitespace');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('invalid-json', display, describeJsonError(text, error));
  }
  // Every reader after this one walks the document; a bound here keeps all of them off the stack's end.
  if (nestsDeeperThan(json)) return fail('too-complex', display, tooDeepDetail());
  return { ok: true, value: { json, bytes: bytes.length } };
}

function isUtf16WithBom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** UTF-16 (by its byte-order mark) cut off in the middle of a code unit: refused before decoding. */
export function isOddUtf16(bytes: Buffer): boolean {
  return isUtf16WithBom(bytes) && bytes.length % 2 !== 0;
}

export const ODD_UTF16 = 'UTF-16 text with an odd number of bytes: the file is cut off or not UTF-16';

function fail(code: LoadError['code'], file: string, detail: string): Result<JsonInput> {
  return { ok: false, error: new LoadError(code, file, detail) };
}

/**
 * For broken JSON found while scanning a folder: Terraform output is never skipped (a truncated
 * plan must fail the gate), while other JSON-with-comments files (tsconfig.json) are.
 */
export function looksLikeTerraform(file: string): boolean {
  try {
    const text = decode(readInputFile(file, file, undefined, MAX_DOCUMENT_BYTES));
    return /"(format_version|terraform_version|resource_changes|plan_format_version|lineage)"/.test(text);
  } catch {
    return true;
  }
}
