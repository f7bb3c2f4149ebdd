// Terraform's JSON configuration syntax (*.tf.json, CDKTF's cdk.tf.json) turned into the same blocks as HCL.
import { describeJsonError } from '../../inputs/read-json';
import { LoadError } from '../../inputs/load-error';
import { isObject, isUnsafeKey, type Json } from '../../inputs/shape';
import type { Block, Body, Expr, Pos } from './ast';
import { parseTemplate } from './interpolation';
import { nestsDeeperThan, tooDeepDetail } from '../../inputs/limits';

/**
 * Templates parsed so far in one document: CDKTF writes the same reference (`${okta_app_saml.x.id}`)
 * in every resource that uses it, and an expression is never changed once parsed.
 */
type Templates = Map<string, Expr>;

function toExpr(value: Json, templates: Templates): Expr {
  if (typeof value === 'string') {
    let expr = templates.get(value);
    if (expr === undefined) {
      expr = parseTemplate(value);
      templates.set(value, expr);
    }
    return expr;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value };
  if (Array.isArray(value)) return { kind: 'tuple', items: value.map((item) => toExpr(item, templates)) };
  if (isObject(value)) {
    const items: { key: Expr; value: Expr }[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (k === '//' || isUnsafeKey(k)) continue;
      items.push({ key: { kind: 'literal', value: k }, value: toExpr(v, templates) });
    }
    return { kind: 'object', items };
  }
  return { kind: 'unsupported', what: 'JSON value' };
}

/** Keys whose object values are arguments, not nested blocks. */
const OBJECT_ARGUMENTS = new Set(['for_each', 'tags', 'depends_on', 'providers', 'app_config', 'capabilities']);

/** Resource bodies: objects (and lists of objects) are nested blocks, the rest attributes. */
function toBody(value: Json, pos: Pos, nestedBlocks: boolean, templates: Templates): Body {
  const body: Body = { attributes: new Map(), blocks: [] };
  if (!isObject(value)) return body;
  for (const [key, v] of Object.entries(value)) {
    if (key === '//' || isUnsafeKey(key)) continue;
    const blockList = Array.isArray(v) && v.length > 0 && v.every(isObject) ? v : isObject(v) ? [v] : undefined;
    if (nestedBlocks && blockList && !OBJECT_ARGUMENTS.has(key)) {
      for (const item of blockList) body.blocks.push({ type: key, labels: [], body: toBody(item, pos, true, templates), pos, comments: [] });
    } else body.attributes.set(key, { name: key, expr: toExpr(v, templates), pos });
  }
  return body;
}

/** Where `"key"` followed by `:` first occurs at or after `start`; -1 when it does not. */
function findKey(text: string, key: string, start: number): number {
  const quotedKey = JSON.stringify(key);
  for (let i = text.indexOf(quotedKey, start); i >= 0; i = text.indexOf(quotedKey, i + 1)) {
    let j = i + quotedKey.length;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    if (text[j] === ':') return i;
  }
  return -1;
}

/**
 * Line and column of `"a": … "b": …` nested keys, for positions in findings. Blocks come in document
 * order, so each search starts where the previous sibling was found and a whole document is scanned
 * about once: linear, where searching from the top for every block was quadratic.
 */
class Positions {
  private readonly lineStarts: number[] = [0];
  private readonly found = new Map<string, number>();
  /** By parent path: where its last child was found. */
  private readonly lastChild = new Map<string, number>();

  constructor(private readonly text: string | undefined) {
    if (text === undefined) return;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  of(keys: readonly string[]): Pos {
    const { text } = this;
    if (text === undefined) return { line: 1, column: 1 };
    let from = 0;
    let parent = '';
    for (const key of keys) {
      const path = `${parent}\u0000${key}`;
      let at = this.found.get(path);
      if (at === undefined) {
        at = findKey(text, key, Math.max(from, this.lastChild.get(parent) ?? from));
        if (at < 0) break;
        this.found.set(path, at);
        this.lastChild.set(parent, at);
      }
      from = at;
      parent = path;
    }
    return this.lineColumn(from);
  }

  private lineColumn(offset: number): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}

/** The construct path CDKTF records for each resource (`"//": {"metadata": {"path": …}}`). */
export function constructPath(value: Json): string | undefined {
  if (!isObject(value)) return undefined;
  const meta = value['//'];
  if (!isObject(meta) || !isObject(meta.metadata)) return undefined;
  return typeof meta.metadata.path === 'string' ? meta.metadata.path : undefined;
}

/**
 * Entries of a label level; Terraform also accepts a list of objects there (`"resource": [ {…} ]`).
 * Labels become block labels and Map keys, never object keys, so `constructor` is an ordinary name
 * (skipping it would pass a resource unseen); invalid names are refused by the module reader.
 */
function entries(v: Json): [string, Json][] {
  if (Array.isArray(v)) return v.flatMap(entries);
  return isObject(v) ? Object.entries(v).filter(([k]) => k !== '//') : [];
}

/** Blocks of a parsed Terraform JSON document; `text`, when given, places them on their lines. */
export function terraformJsonBlocks(json: Json, file: string, text?: string): Body {
  if (!isObject(json)) throw new LoadError('bad-shape', file, 'Terraform JSON configuration must be an object');
  const blocks: Block[] = [];
  const templates: Templates = new Map();
  const positions = new Positions(text);
  const positionOf = (_text: string | undefined, keys: string[]): Pos => positions.of(keys);
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of entries(json[kind])) {
      for (const [name, rawBody] of entries(byName)) {
        // A single block may also be written as a one-element list.
        const body = Array.isArray(rawBody) && rawBody.length === 1 ? rawBody[0] : rawBody;
        const pos = positionOf(text, [kind, type, name]);
        const block: Block = { type: kind, labels: [type, name], body: toBody(body, pos, true, templates), pos, comments: [] };
        const path = constructPath(body);
        if (path) block.constructPath = path;
        blocks.push(block);
      }
    }
  }
  for (const kind of ['module', 'variable', 'output'] as const) {
    for (const [name, rawBody] of entries(json[kind])) {
      const body = Array.isArray(rawBody) && rawBody.length === 1 ? rawBody[0] : rawBody;
      const pos = positionOf(text, [kind, name]);
      blocks.push({ type: kind, labels: [name], body: toBody(body, pos, false, templates), pos, comments: [] });
    }
  }
  for (const locals of Array.isArray(json.locals) ? json.locals : [json.locals]) {
    if (!isObject(locals)) continue;
    const pos = positionOf(text, ['locals']);
    blocks.push({ type: 'locals', labels: [], body: toBody(locals, pos, false, templates), pos, comments: [] });
  }
  return { attributes: new Map(), blocks };
}

export function parseTerraformJson(text: string, file: string): Body {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LoadError('invalid-json', file, describeJsonError(text, error));
  }
  if (nestsDeeperThan(json)) throw new LoadError('too-complex', file, tooDeepDetail());
  return terraformJsonBlocks(json, file, text);
}
