// A small HCL syntax tree of our own, converted from tree-sitter's, so evaluation does not depend on the parser.
import type { SyntaxNode as Node } from './syntax';

export interface Pos {
  line: number;
  column: number;
}

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'interp'; expr: Expr } | { kind: 'directive' };

/** `full`: `[*]`, whose following steps apply to each element; else `.*`, whose following attribute steps do. */
export type TraversalStep = { kind: 'attr'; name: string } | { kind: 'index'; key: Expr } | { kind: 'splat'; full: boolean };

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: TemplatePart[] }
  /** `root.steps…` where root is a variable name (var, local, module, each, a resource type…). */
  | { kind: 'traversal'; root: string; steps: TraversalStep[] }
  /** Attribute or index access on a computed value: `f(x)[0]`, `(a).b`. */
  | { kind: 'access'; target: Expr; steps: TraversalStep[] }
  | { kind: 'call'; name: string; args: Expr[]; expand: boolean }
  | { kind: 'conditional'; condition: Expr; then: Expr; else: Expr }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; items: { key: Expr; value: Expr }[] }
  | { kind: 'for'; keyVar?: string; valueVar: string; collection: Expr; key?: Expr; value: Expr; condition?: Expr; object: boolean; group: boolean }
  | { kind: 'unsupported'; what: string };

export interface Attribute {
  name: string;
  expr: Expr;
  pos: Pos;
}

export interface Body {
  attributes: Map<string, Attribute>;
  blocks: Block[];
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  pos: Pos;
  /** Comment lines directly above the block (for inline suppressions). */
  comments: string[];
  /** The CDKTF construct that synthesized it, from Terraform JSON `"//"` metadata. */
  constructPath?: string;
}

function pos(node: Node): Pos {
  const start = node.startPosition;
  return { line: start.row + 1, column: start.column + 1 };
}

function named(node: Node): Node[] {
  return node.namedChildrenExcept('comment');
}

function stringLiteralText(node: Node): string {
  // string_lit: quoted_template_start, template_literal*, quoted_template_end (labels and object keys)
  let text = '';
  for (const c of named(node)) if (c.type === 'template_literal') text += unescape(c.text);
  return text;
}

/** Backslash escapes of an HCL quoted string (`\n`, `\"`, `\u00e9`…). */
export function unescapeBackslashes(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, esc: string) => {
    switch (esc[0]) {
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(esc.slice(1), 16));
      default:
        return m;
    }
  });
}

/** Literal text of a quoted template: backslash escapes, and `$${` / `%%{` for a literal `${` / `%{`. */
export function unescape(text: string): string {
  // Most literals hold no escape at all: three regular expressions each would give them back unchanged.
  if (!text.includes('\\') && !text.includes('$${') && !text.includes('%%{')) return text;
  return unescapeBackslashes(text).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/**
 * `leading`: comments before the body that belong to it. The grammar puts the comments above a file's
 * first block beside the file's body, not in it; a suppression written there is the first block's.
 */
export function convertBody(node: Node, leading: readonly Node[] = []): Body {
  const body: Body = { attributes: new Map(), blocks: [] };
  let pendingComments: string[] = [];
  let lastEnd = -1;
  for (const child of [...leading, ...node.namedChildren]) {
    if (!child) continue;
    if (child.type === 'comment') {
      // Comments separated from the next block by a blank line do not belong to it.
      if (lastEnd >= 0 && child.startPosition.row > lastEnd + 1) pendingComments = [];
      pendingComments.push(child.text);
      lastEnd = child.endPosition.row;
      continue;
    }
    const adjacent = lastEnd >= 0 && child.startPosition.row <= lastEnd + 1;
    if (child.type === 'attribute') {
      const [id, expr] = named(child);
      if (id && expr) body.attributes.set(id.text, { name: id.text, expr: convertExpr(expr), pos: pos(child) });
    } else if (child.type === 'block') {
      body.blocks.push(convertBlock(child, adjacent ? pendingComments : []));
    }
    pendingComments = [];
    lastEnd = child.endPosition.row;
  }
  return body;
}

function convertBlock(node: Node, comments: string[]): Block {
  const children = named(node);
  const type = children[0]?.text ?? '';
  const labels: string[] = [];
  let body: Body = { attributes: new Map(), blocks: [] };
  for (const child of children.slice(1)) {
    if (child.type === 'string_lit') labels.push(stringLiteralText(child));
    else if (child.type === 'identifier') labels.push(child.text);
    else if (child.type === 'body') body = convertBody(child);
  }
  // A comment on the block's own first line (`resource "a" "b" { # note`) counts too.
  const sameLine = node.namedChildren.find((c) => c?.type === 'comment' && c.startPosition.row === node.startPosition.row);
  return { type, labels, body, pos: pos(node), comments: sameLine ? [...comments, sameLine.text] : comments };
}

export function convertExpr(node: Node): Expr {
  switch (node.type) {
    case 'expression':
      return convertSequence(named(node));
    case 'variable_expr':
      return { kind: 'traversal', root: named(node)[0]?.text ?? node.text, steps: [] };
    case 'literal_value':
      return convertLiteral(named(node)[0] ?? node);
    case 'template_expr':
      return convertTemplate(named(node)[0] ?? node);
    case 'collection_value':
      return convertExpr(named(node)[0] ?? node);
    case 'tuple':
      return { kind: 'tuple', items: named(node).filter((c) => c.type === 'expression').map(convertExpr) };
    case 'object':
      return {
        kind: 'object',
        items: named(node)
          .filter((c) => c.type === 'object_elem')
          .map((elem) => {
            const key = elem.childForFieldName('key');
            const value = elem.childForFieldName('val');
            const keyExpr = key ? convertExpr(key) : ({ kind: 'unsupported', what: 'object key' } as Expr);
            // A bare identifier key (`a = 1`) is the string "a", not a reference.
            // `(k) = 1` is the value of k: parentheses make a key an expression.
            const literalKey: Expr =
              keyExpr.kind === 'traversal' && keyExpr.steps.length === 0 && !key!.text.trim().startsWith('(') ? { kind: 'literal', value: keyExpr.root } : keyExpr;
            return { key: literalKey, value: value ? convertExpr(value) : { kind: 'unsupported', what: 'object value' } };
          }),
      };
    case 'function_call': {
      const [id, args] = named(node);
      const argNodes = args ? named(args) : [];
      return {
        kind: 'call',
        name: id?.text ?? '',
        args: argNodes.filter((c) => c.type === 'expression').map(convertExpr),
        expand: argNodes.some((c) => c.type === 'ellipsis' || c.type === 'expand_ellipsis'),
      };
    }
    case 'conditional': {
      const [c, t, e] = named(node).map(convertExpr);
      return c && t && e ? { kind: 'conditional', condition: c, then: t, else: e } : { kind: 'unsupported', what: 'conditional' };
    }
    case 'operation':
      return convertExpr(named(node)[0] ?? node);
    case 'unary_operation': {
      return { kind: 'unary', op: node.text.trim()[0] ?? '', operand: convertSequence(named(node)) };
    }
    case 'binary_operation': {
      // Operands are not wrapped: `var.a == "x"` is variable_expr, get_attr, "==", literal_value.
      const children = node.children.filter((c): c is Node => c !== null && c.type !== 'comment');
      const at = children.findIndex((c) => !c.isNamed);
      const operator = children[at];
      if (at <= 0 || !operator) return { kind: 'unsupported', what: 'operation' };
      return { kind: 'binary', op: operator.text, left: convertSequence(children.slice(0, at)), right: convertSequence(children.slice(at + 1)) };
    }
    case 'parenthesized_expression':
      return convertExpr(named(node)[0] ?? node);
    case 'for_expr':
      return convertFor(named(node)[0] ?? node);
    default:
      return { kind: 'unsupported', what: node.type };
  }
}

/** A primary expression followed by attribute, index and splat steps. */
function convertSequence(children: Node[]): Expr {
  const first = children[0];
  if (!first) return { kind: 'unsupported', what: 'empty expression' };
  const base = convertExpr(first);
  if (children.length === 1) return base;
  const steps: TraversalStep[] = [];
  for (let i = 1; i < children.length; i++) for (const step of convertSteps(children[i]!)) steps.push(step);
  if (base.kind === 'traversal') return { kind: 'traversal', root: base.root, steps: [...base.steps, ...steps] };
  return { kind: 'access', target: base, steps };
}

/** tree-sitter nests the steps after a splat inside it: `(splat (full_splat (get_attr) (index)))`. */
function convertSteps(node: Node): TraversalStep[] {
  if (node.type !== 'splat') return [convertStep(node)];
  const inner = named(node)[0];
  return [{ kind: 'splat', full: inner?.type !== 'attr_splat' }, ...(inner ? named(inner).map(convertStep) : [])];
}

function convertStep(node: Node): TraversalStep {
  switch (node.type) {
    case 'get_attr':
      return { kind: 'attr', name: named(node)[0]?.text ?? '' };
    case 'index': {
      const inner = named(node)[0];
      if (inner?.type === 'new_index') {
        const e = named(inner)[0];
        return { kind: 'index', key: e ? convertExpr(e) : { kind: 'unsupported', what: 'index' } };
      }
      // legacy_index: `.0`
      return { kind: 'index', key: { kind: 'literal', value: Number(inner?.text.replace(/^\./, '') ?? 0) } };
    }
    default:
      return { kind: 'splat', full: true };
  }
}

function convertLiteral(node: Node): Expr {
  switch (node.type) {
    case 'numeric_lit':
      return { kind: 'literal', value: Number(node.text) };
    case 'bool_lit':
      return { kind: 'literal', value: node.text === 'true' };
    case 'null_lit':
      return { kind: 'literal', value: null };
    case 'string_lit':
      return { kind: 'literal', value: stringLiteralText(node) };
    default:
      return { kind: 'unsupported', what: node.type };
  }
}

function convertTemplate(node: Node): Expr {
  const heredoc = node.type === 'heredoc_template';
  const stripIndent = heredoc && /^<<-/.test(node.text);
  // Literal text is read from the source between the pieces: tree-sitter leaves spaces out of its literals.
  const text = node.text;
  const children = node.children.filter((c): c is Node => c !== null);
  const openers = heredoc ? children.filter((c) => c.type === 'heredoc_identifier') : [];
  const startNode = heredoc ? openers[0] : children.find((c) => c.type === 'quoted_template_start');
  const endNode = heredoc ? openers[openers.length - 1] : children.find((c) => c.type === 'quoted_template_end');
  let cursor = startNode ? text.indexOf(startNode.text) + startNode.text.length : 0;
  if (heredoc) cursor = text.indexOf('\n', cursor) + 1;
  const endAt = endNode && endNode !== startNode ? text.lastIndexOf(endNode.text) : text.length;
  const parts: TemplatePart[] = [];
  const literal = (raw: string): void => {
    if (raw === '') return;
    parts.push({ kind: 'text', text: heredoc ? raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : unescape(raw) });
  };
  for (const child of children) {
    if (child.type !== 'template_interpolation' && child.type !== 'template_directive') continue;
    const at = text.indexOf(child.text, cursor);
    if (at < 0) continue;
    literal(text.slice(cursor, at));
    if (child.type === 'template_interpolation') {
      const e = named(child).find((c) => c.type === 'expression');
      parts.push(e ? { kind: 'interp', expr: convertExpr(e) } : { kind: 'directive' });
    } else parts.push({ kind: 'directive' });
    cursor = at + child.text.length;
  }
  literal(text.slice(cursor, Math.max(cursor, endAt)));
  if (heredoc) return { kind: 'template', parts: heredocParts(parts, stripIndent) };
  return { kind: 'template', parts };
}

/** Heredoc bodies start after the opening line and keep their final newline; `<<-` strips common indentation. */
function heredocParts(parts: TemplatePart[], stripIndent: boolean): TemplatePart[] {
  if (parts.length === 0) return [{ kind: 'text', text: '' }];
  const out = parts.map((p) => ({ ...p }));
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text = last.text.replace(/[ \t]*$/, '');
  if (!stripIndent) return out;
  const text = out.map((p) => (p.kind === 'text' ? p.text : '\u0000')).join('');
  const indents = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ \t]*/.exec(l)![0].length);
  const strip = indents.reduce((min, n) => Math.min(min, n), indents.length ? Infinity : 0);
  if (strip === 0) return out;
  let atLineStart = true;
  for (const p of out) {
    if (p.kind !== 'text') {
      atLineStart = false;
      continue;
    }
    p.text = p.text
      .split('\n')
      .map((line, i) => (i === 0 && !atLineStart ? line : line.slice(Math.min(strip, /^[ \t]*/.exec(line)![0].length))))
      .join('\n');
    atLineStart = p.text.endsWith('\n');
  }
  return out;
}

function convertFor(node: Node): Expr {
  const object = node.type === 'for_object_expr';
  const children = named(node);
  const intro = children.find((c) => c.type === 'for_intro');
  const introChildren = intro ? named(intro) : [];
  const ids = introChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
  const collectionNode = introChildren.find((c) => c.type === 'expression');
  const exprs = children.filter((c) => c.type === 'expression').map(convertExpr);
  const cond = children.find((c) => c.type === 'for_cond');
  const condExpr = cond ? named(cond).find((c) => c.type === 'expression') : undefined;
  const result: Expr = {
    kind: 'for',
    valueVar: ids.length > 1 ? ids[1]! : (ids[0] ?? ''),
    collection: collectionNode ? convertExpr(collectionNode) : { kind: 'unsupported', what: 'for collection' },
    value: (object ? exprs[1] : exprs[0]) ?? { kind: 'unsupported', what: 'for value' },
    object,
    group: node.children.some((c) => c?.type === 'ellipsis'),
  };
  if (ids.length > 1) result.keyVar = ids[0]!;
  if (object && exprs[0]) result.key = exprs[0];
  if (condExpr) result.condition = convertExpr(condExpr);
  return result;
}
