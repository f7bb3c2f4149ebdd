// Terraform's JSON configuration syntax (*.tf.json, CDKTF's cdk.tf.json) turned into the same blocks as HCL.
import { describeJsonError, lineColumn } from '../../inputs/read-json';
import { LoadError } from '../load-error';
import { isObject, type Json } from '../shape';
import type { Block, Body, Expr, Pos } from './ast';
import { parseHcl } from './parser';

/**
 * Writes a template as the body of an HCL quoted string: literal text is escaped, while `${…}` and
 * `%{…}` sequences are copied as they are (their contents are expressions, with their own quotes).
 */
export function quoteTemplate(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const two = text.slice(i, i + 2);
    if ((two === '$$' || two === '%%') && text[i + 2] === '{') {
      out += text.slice(i, i + 3);
      i += 3;
      continue;
    }
    if (two === '${' || two === '%{') {
      const end = closingBrace(text, i + 2);
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const ch = text[i]!;
    out += ch === '\\' ? '\\\\' : ch === '"' ? '\\"' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch === '\t' ? '\\t' : ch;
    i++;
  }
  return out;
}

/** Index of the `}` closing a sequence opened before `from`, skipping nested braces and quoted strings. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** A JSON string is an HCL template: `${…}` interpolates, `$${` is a literal `${`. */
async function template(text: string, file: string): Promise<Expr> {
  if (!text.includes('${') && !text.includes('%{')) return { kind: 'literal', value: text };
  if (!/(^|[^$])\$\{|(^|[^%])%\{/.test(text)) return { kind: 'literal', value: text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') };
  const body = await parseHcl(`x = "${quoteTemplate(text)}"\n`, file);
  const expr = body.attributes.get('x')?.expr;
  if (!expr) throw new LoadError('invalid-hcl', file, 'an interpolation could not be parsed');
  // `"${x}"` alone is the value of x itself, not a string conversion of it.
  const only = expr.kind === 'template' && expr.parts.length === 1 ? expr.parts[0] : undefined;
  if (only?.kind === 'interp') return only.expr;
  return expr;
}

async function toExpr(value: Json, file: string): Promise<Expr> {
  if (typeof value === 'string') return template(value, file);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value };
  if (Array.isArray(value)) return { kind: 'tuple', items: await Promise.all(value.map((v) => toExpr(v, file))) };
  if (isObject(value)) {
    const items: { key: Expr; value: Expr }[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (k === '//') continue;
      items.push({ key: { kind: 'literal', value: k }, value: await toExpr(v, file) });
    }
    return { kind: 'object', items };
  }
  return { kind: 'unsupported', what: 'JSON value' };
}

/** Resource bodies: objects (and lists of objects) are nested blocks, the rest attributes. */
async function toBody(value: Json, file: string, pos: Pos, nestedBlocks: boolean): Promise<Body> {
  const body: Body = { attributes: new Map(), blocks: [] };
  if (!isObject(value)) return body;
  for (const [key, v] of Object.entries(value)) {
    if (key === '//') continue;
    const blockList = Array.isArray(v) && v.length > 0 && v.every(isObject) ? v : isObject(v) ? [v] : undefined;
    if (nestedBlocks && blockList && !['for_each', 'tags', 'locals', 'depends_on'].includes(key)) {
      for (const item of blockList) body.blocks.push({ type: key, labels: [], body: await toBody(item, file, pos, true), pos, comments: [] });
    } else body.attributes.set(key, { name: key, expr: await toExpr(v, file), pos });
  }
  return body;
}

/** Finds the line of `"a": … "b": …` nested keys, for positions in findings. */
function positionOf(text: string, keys: string[]): Pos {
  let from = 0;
  for (const key of keys) {
    const pattern = new RegExp(`${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'g');
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    if (!match) break;
    from = match.index;
  }
  const { line, column } = lineColumn(text, from);
  return { line, column };
}

/** The metadata path CDKTF records for each construct (`"//": {"metadata": {"path": …}}`). */
export function constructPath(value: Json): string | undefined {
  if (!isObject(value)) return undefined;
  const meta = value['//'];
  if (!isObject(meta) || !isObject(meta.metadata)) return undefined;
  return typeof meta.metadata.path === 'string' ? meta.metadata.path : undefined;
}

export async function parseTerraformJson(text: string, file: string): Promise<Body> {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LoadError('invalid-json', file, describeJsonError(text, error));
  }
  if (!isObject(json)) throw new LoadError('bad-shape', file, 'Terraform JSON configuration must be an object');
  const blocks: Block[] = [];
  const entries = (v: Json): [string, Json][] => (isObject(v) ? Object.entries(v).filter(([k]) => k !== '//') : []);
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of entries(json[kind])) {
      for (const [name, body] of entries(byName)) {
        const pos = positionOf(text, [kind, type, name]);
        const path = constructPath(body);
        blocks.push({ type: kind, labels: [type, name], body: await toBody(body, file, pos, true), pos, comments: path ? [`cdktf:${path}`] : [] });
      }
    }
  }
  for (const [name, body] of entries(json.module)) {
    const pos = positionOf(text, ['module', name]);
    blocks.push({ type: 'module', labels: [name], body: await toBody(body, file, pos, false), pos, comments: [] });
  }
  for (const [name, body] of entries(json.variable)) {
    const pos = positionOf(text, ['variable', name]);
    blocks.push({ type: 'variable', labels: [name], body: await toBody(body, file, pos, false), pos, comments: [] });
  }
  for (const [name, body] of entries(json.output)) {
    const pos = positionOf(text, ['output', name]);
    blocks.push({ type: 'output', labels: [name], body: await toBody(body, file, pos, false), pos, comments: [] });
  }
  const localsList = Array.isArray(json.locals) ? json.locals : [json.locals];
  for (const locals of localsList) {
    if (!isObject(locals)) continue;
    const pos = positionOf(text, ['locals']);
    blocks.push({ type: 'locals', labels: [], body: await toBody(locals, file, pos, false), pos, comments: [] });
  }
  return { attributes: new Map(), blocks };
}
