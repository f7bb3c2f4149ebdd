// Parses HCL with tree-sitter (WebAssembly, shipped in the grammar package), loaded only when .tf input is present.
import { readFileSync } from 'node:fs';
import type { Language, Node, Parser, Point } from 'web-tree-sitter';
import { formatLimit, MAX_HCL_DEPTH } from '../../inputs/limits';
import { LoadError } from '../../inputs/load-error';
import { setV8Flags } from '../../v8-flags';
import { convertBody, type Body } from './ast';
import { parseAhead, SPLIT, cutPoint, type Ahead, type SplitOptions } from './parse-ahead';
import { adoptCopy, copyTree, TooDeep, type CopyParts, type SyntaxNode } from './syntax';

let ready: Promise<{ parser: Parser }> | undefined;

/**
 * Below this much text in the first file parsed, the grammar runs on V8's baseline WebAssembly code
 * only, in the CLI's own process (a flag for the whole process: v8-flags.ts sets none in a library
 * host). Otherwise V8 also compiles it with its optimizing tier in the background, which on small
 * inputs costs more than it saves, and the process waits for that compilation at exit. Measured on
 * this project's 2-core machine, whole processes parsing the start of the benchmark's configuration:
 * the optimizing tier costs about 0.17 s on a tiny file, is even at about 256 KiB and saves about
 * 0.1 s at 512 KiB and 0.3 s at 1.1 MB (a parse of 0.9 s instead of 1.2 s).
 */
const BASELINE_ONLY_BELOW = 384 * 1024;

async function init(firstText: number): Promise<{ parser: Parser }> {
  if (firstText < BASELINE_ONLY_BELOW) setV8Flags('--liftoff-only');
  // Loaded lazily: plan and state linting never pays for the parser.
  const ts = require('web-tree-sitter') as typeof import('web-tree-sitter');
  try {
    // Its runtime's own messages (a file it could not read, say) would be lines of its own on stderr:
    // the error it fails with says the same, once, where the run reports it.
    await ts.Parser.init({ printErr: () => undefined } as Parameters<typeof ts.Parser.init>[0]);
  } catch (error) {
    throw new Error(`the .tf parser's WebAssembly runtime could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Bytes, not a path: loading by path makes web-tree-sitter import fs dynamically, which CommonJS hosts such as Jest refuse.
  const wasm = readFileSync(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'));
  const language: Language = await ts.Language.load(new Uint8Array(wasm));
  const parser = new ts.Parser();
  parser.setLanguage(language);
  return { parser };
}

/** The parser, made on first use; `firstText` is the length of the first text it will parse. */
export function hclParser(firstText = 0): Promise<{ parser: Parser }> {
  ready ??= init(firstText);
  return ready;
}

/** Names what a syntax error node holds without quoting it: the text may be a secret. */
function describeUnexpected(node: Node): string {
  const text = node.text.trimStart();
  const ch = text[0];
  if (ch === undefined) return 'unexpected end of file';
  if (ch === '"') return 'unexpected string';
  if (/[0-9]/.test(ch)) return 'unexpected number';
  if (/[A-Za-z_]/.test(ch)) return 'unexpected identifier';
  return `unexpected '${ch}'`;
}

/** The commonest mistake gets a precise message: a name followed by neither `=` nor a block. */
function describeError(node: Node): string {
  const first = node.firstChild;
  const second = node.child(1);
  if (first?.type === 'identifier' && second && second.type !== '=' && second.type !== 'block_start') {
    // The name is not quoted: in a variable file or a --var value it may be a secret.
    return 'expected "=" (an attribute) or "{" (a block) after the name';
  }
  return describeUnexpected(node);
}

function firstError(node: Node): Node | undefined {
  if (node.isMissing || node.type === 'ERROR') return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    if (!child) continue;
    const found = firstError(child);
    if (found) return found;
  }
  return node.hasError ? node : undefined;
}

/**
 * The first node nested deeper than `limit`, found with a cursor rather than recursion: every later
 * walk of the tree recurses, and is safe only once this bound holds.
 */
export function tooDeep(root: Node, limit: number): Node | undefined {
  const cursor = root.walk();
  try {
    let depth = 0;
    for (;;) {
      if (depth > limit) return cursor.currentNode;
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return undefined;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Where Terraform reads a number the grammar does not: `1e3`, `1E+3` (an exponent without a fraction).
 * The grammar stops its number at the last digit, so these are integer literals followed by `e…`.
 */
function bareExponents(root: Node, text: string): number[] {
  const at: number[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'numeric_lit') {
      if (/^[0-9]+$/.test(node.text) && /^[eE][+-]?[0-9]/.test(text.slice(node.endIndex, node.endIndex + 3))) at.push(node.endIndex);
      continue;
    }
    for (const child of node.children) if (child) stack.push(child);
  }
  return at.sort((a, b) => b - a);
}

const MAX_EXPONENT_PASSES = 20;

/** The text with `.0` before each bare exponent (same value, a form the grammar reads); columns after it on that line move by two. */
function withFractions(text: string, at: readonly number[]): string {
  let out = text;
  for (const i of at) out = `${out.slice(0, i)}.0${out.slice(i)}`;
  return out;
}

function tooComplex(display: string, where: Point): LoadError {
  const at = `${where.row + 1}:${where.column + 1}`;
  return new LoadError('too-complex', `${display}:${at}`, `expressions or blocks nest more than ${formatLimit(MAX_HCL_DEPTH)} syntax levels deep (the limit okta-push-guard reads)`);
}

/** The file's body from its root's children, with the comments before it (those after it are no block's). */
function bodyOf(children: SyntaxNode[]): Body {
  const body = children.find((c) => c.type === 'body');
  return body ? convertBody(body, children.slice(0, children.indexOf(body)).filter((c) => c.type === 'comment')) : { attributes: new Map(), blocks: [] };
}

/**
 * The copy of a text the worker parses (the second part of a file cut in two, or a whole file), or
 * undefined where it does not parse without any error. `leaveTree`: a worker ends once it has sent its
 * last copy, and the tree's memory with it, so deleting that tree first would only make the other
 * thread wait longer.
 */
export async function copyOfPart(text: string, leaveTree = false): Promise<CopyParts | undefined> {
  // The baseline-only tier is chosen for the first text the CLI's thread parses (V8 flags are per
  // process): the worker never chooses it.
  const { parser } = await hclParser(Number.POSITIVE_INFINITY);
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    if (tree.rootNode.hasError) return undefined;
    const copy = copyTree(tree, text, MAX_HCL_DEPTH);
    return copy instanceof TooDeep ? undefined : copy.copyParts();
  } finally {
    if (!leaveTree) tree.delete();
  }
}

/** The body of the text at `offset` of `text` (the whole file) from the worker's copy of it. */
export async function adoptBody(parts: CopyParts, text: string, offset = 0): Promise<Body> {
  const { parser } = await hclParser(text.length);
  const language = parser.language!;
  return bodyOf(adoptCopy(parts, text, offset, language.types, language.fields).namedChildren);
}

/**
 * The body of a text cut in two at `cut` (parse-ahead.ts), this thread parsing the first part and the
 * worker the second: the body of the whole, or undefined. Undefined unless both parts parse without any
 * error and the worker's copy arrives; and unless the first part ends with a block or an attribute, not
 * a comment, which in the whole text could be the comment above the second part's first block.
 */
export async function parseInTwo(text: string, cut: number, ahead: Ahead): Promise<Body | undefined> {
  const started = Date.now();
  const { parser } = await hclParser(text.length);
  const tree = parser.parse(text.slice(0, cut));
  if (!tree) return undefined;
  let body: Body;
  try {
    if (tree.rootNode.hasError) return undefined;
    // The first part's offsets are those of the whole text, of which it is the start.
    const copy = copyTree(tree, text, MAX_HCL_DEPTH);
    if (copy instanceof TooDeep) return undefined;
    const children = copy.namedChildren;
    const last = children[children.length - 1];
    if (last?.type !== 'body' || last.namedChildren.at(-1)?.type === 'comment') return undefined;
    body = bodyOf(children);
  } finally {
    tree.delete();
  }
  // The worker had as much to do, and a thread to start: it gets at least as long again before this
  // thread stops waiting for it.
  const parts = await ahead.take(0, Math.max(2000, 2 * (Date.now() - started)));
  if (!parts) return undefined;
  const second = await adoptBody(parts, text, cut);
  // As one body's conversion would: a name set again keeps its place and takes the later value.
  for (const [name, attribute] of second.attributes) body.attributes.set(name, attribute);
  for (const block of second.blocks) body.blocks.push(block);
  return body;
}

/**
 * Parses one file's text; a syntax error becomes a LoadError with `file:line:col` and what was expected.
 * A large text is parsed in two parts on two threads where it can be (`split`), else whole.
 */
export async function parseHcl(text: string, display: string, split: SplitOptions = SPLIT): Promise<Body> {
  const cut = cutPoint(text, split.from);
  const ahead = cut === undefined ? undefined : parseAhead([text.slice(cut)], split.script);
  if (ahead) {
    try {
      const body = await parseInTwo(text, cut!, ahead);
      if (body) return body;
    } finally {
      ahead.stop();
    }
  }
  const { parser } = await hclParser(text.length);
  let tree = parser.parse(text);
  if (!tree) throw new LoadError('invalid-hcl', display, 'the HCL parser gave no result');
  // Error recovery may swallow the rest of a file after the first such number: parse again until none
  // is left (a few passes; past them the syntax error stands, and the run fails closed).
  let source = text;
  for (let pass = 0; pass < MAX_EXPONENT_PASSES && tree.rootNode.hasError && tooDeep(tree.rootNode, MAX_HCL_DEPTH) === undefined; pass++) {
    const at = bareExponents(tree.rootNode, source);
    if (at.length === 0) break;
    source = withFractions(source, at);
    tree.delete();
    tree = parser.parse(source);
    if (!tree) throw new LoadError('invalid-hcl', display, 'the HCL parser gave no result');
  }
  try {
    const root = tree.rootNode;
    // A tree without errors is checked for depth while it is copied, in the same order as tooDeep would.
    if (root.hasError) {
      const deep = tooDeep(root, MAX_HCL_DEPTH);
      if (deep) throw tooComplex(display, deep.startPosition);
      const error = firstError(root);
      if (error) {
        const at = `${error.startPosition.row + 1}:${error.startPosition.column + 1}`;
        const what = error.isMissing ? `expected ${JSON.stringify(error.type)}` : describeError(error);
        throw new LoadError('invalid-hcl', `${display}:${at}`, `syntax error: ${what}`);
      }
    }
    const copy = copyTree(tree, source, MAX_HCL_DEPTH);
    if (copy instanceof TooDeep) throw tooComplex(display, copy.at);
    return bodyOf(copy.namedChildren);
  } finally {
    tree.delete();
  }
}
