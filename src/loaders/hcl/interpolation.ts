// A synchronous parser for the HCL template strings of Terraform JSON (`"${okta_app_saml.x.id}"`),
// so that synthesized CDKTF stacks can be read inside `cdktf synth`, where nothing may be awaited.
// It covers the expression grammar CDKTF emits; anything else becomes an unsupported expression whose
// references are still collected, so linking keeps working and the value is unknown.
import { unescapeBackslashes, type Expr, type TemplatePart, type TraversalStep } from './ast';

class ParseError extends Error {}

/**
 * Expressions and templates nested inside one another (`${"${"${…}"}"}`, `((((…))))`) past this are
 * unparsed, so unknown: a bound that keeps this recursive parser off the end of the stack.
 */
const MAX_NESTING = 100;
let nesting = 0;

function nested<T>(f: () => T): T {
  if (nesting >= MAX_NESTING) throw new ParseError('nested too deeply');
  nesting++;
  try {
    return f();
  } finally {
    nesting--;
  }
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private peek(text: string): boolean {
    this.ws();
    return this.s.startsWith(text, this.i);
  }

  private eat(text: string): boolean {
    if (!this.peek(text)) return false;
    this.i += text.length;
    return true;
  }

  private expect(text: string): void {
    if (!this.eat(text)) throw new ParseError(`expected ${text}`);
  }

  atEnd(): boolean {
    this.ws();
    return this.i >= this.s.length;
  }

  expression(): Expr {
    return nested(() => this.conditional());
  }

  private conditional(): Expr {
    const condition = this.binary(1);
    if (this.eat('?')) {
      const then = this.expression();
      this.expect(':');
      return { kind: 'conditional', condition, then, else: this.expression() };
    }
    return condition;
  }

  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      this.ws();
      const op = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '%'].find((o) => this.s.startsWith(o, this.i));
      if (!op || BINARY_PRECEDENCE[op]! < min) return left;
      this.i += op.length;
      left = { kind: 'binary', op, left, right: this.binary(BINARY_PRECEDENCE[op]! + 1) };
    }
  }

  private unary(): Expr {
    if (this.eat('!')) return { kind: 'unary', op: '!', operand: this.unary() };
    if (this.peek('-') && !/\d/.test(this.s[this.i + 1] ?? '')) {
      this.i++;
      return { kind: 'unary', op: '-', operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    const steps: TraversalStep[] = [];
    for (;;) {
      if (this.peek('.*') || this.peek('[*]')) {
        const full = !this.s.startsWith('.*', this.i);
        this.i += full ? 3 : 2;
        steps.push({ kind: 'splat', full });
      } else if (this.peek('.') && /[A-Za-z_]/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        steps.push({ kind: 'attr', name: this.identifier() });
      } else if (this.peek('.') && /\d/.test(this.s[this.i + 1] ?? '')) {
        this.i++;
        steps.push({ kind: 'index', key: { kind: 'literal', value: Number(this.number()) } });
      } else if (this.eat('[')) {
        steps.push({ kind: 'index', key: this.expression() });
        this.expect(']');
      } else break;
    }
    if (steps.length === 0) return base;
    if (base.kind === 'traversal') return { kind: 'traversal', root: base.root, steps: [...base.steps, ...steps] };
    return { kind: 'access', target: base, steps };
  }

  private forIntro(): boolean {
    this.ws();
    return /^for\s/.test(this.s.slice(this.i));
  }

  private keyword(word: string): boolean {
    this.ws();
    if (!new RegExp(`^${word}(?![A-Za-z0-9_-])`).test(this.s.slice(this.i))) return false;
    this.i += word.length;
    return true;
  }

  /** `[for k, v in coll : value if cond]`, `{for k, v in coll : key => value... if cond}`, as CDKTF's iterators write them. */
  private forExpression(object: boolean): Expr {
    this.keyword('for');
    this.ws();
    const first = this.identifier();
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.eat(',')) {
      this.ws();
      keyVar = first;
      valueVar = this.identifier();
    }
    if (!this.keyword('in')) throw new ParseError('expected in');
    const collection = this.expression();
    this.expect(':');
    const firstExpr = this.expression();
    let key: Expr | undefined;
    let value = firstExpr;
    let group = false;
    if (object) {
      this.expect('=>');
      key = firstExpr;
      value = this.expression();
      group = this.eat('...');
    }
    const condition = this.keyword('if') ? this.expression() : undefined;
    this.expect(object ? '}' : ']');
    const result: Expr = { kind: 'for', valueVar, collection, value, object, group };
    if (keyVar !== undefined) result.keyVar = keyVar;
    if (key) result.key = key;
    if (condition) result.condition = condition;
    return result;
  }

  private identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i));
    if (!m) throw new ParseError('expected a name');
    this.i += m[0].length;
    return m[0];
  }

  private number(): string {
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) throw new ParseError('expected a number');
    this.i += m[0].length;
    return m[0];
  }

  private primary(): Expr {
    this.ws();
    const ch = this.s[this.i];
    if (ch === undefined) throw new ParseError('unexpected end');
    if (ch === '(') {
      this.i++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (ch === '"') return this.quoted();
    if (/\d/.test(ch) || (ch === '-' && /\d/.test(this.s[this.i + 1] ?? ''))) return { kind: 'literal', value: Number(this.number()) };
    if (ch === '[') {
      this.i++;
      if (this.forIntro()) return this.forExpression(false);
      const items: Expr[] = [];
      while (!this.eat(']')) {
        items.push(this.expression());
        if (!this.eat(',') && !this.peek(']')) throw new ParseError('expected , or ]');
      }
      return { kind: 'tuple', items };
    }
    if (ch === '{') {
      this.i++;
      if (this.forIntro()) return this.forExpression(true);
      const items: { key: Expr; value: Expr }[] = [];
      while (!this.eat('}')) {
        const parenthesized = this.peek('(');
        const keyExpr = this.expression();
        const key: Expr = keyExpr.kind === 'traversal' && keyExpr.steps.length === 0 && !parenthesized ? { kind: 'literal', value: keyExpr.root } : keyExpr;
        if (!this.eat('=') && !this.eat(':')) throw new ParseError('expected = or :');
        items.push({ key, value: this.expression() });
        this.eat(',');
      }
      return { kind: 'object', items };
    }
    const name = this.identifier();
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    let callee = name;
    while (this.s.startsWith('::', this.i)) {
      this.i += 2;
      callee += `::${this.identifier()}`;
    }
    if (this.eat('(')) {
      const args: Expr[] = [];
      let expand = false;
      while (!this.eat(')')) {
        args.push(this.expression());
        if (this.eat('...')) expand = true;
        if (!this.eat(',') && !this.peek(')')) throw new ParseError('expected , or )');
      }
      return { kind: 'call', name: callee, args, expand };
    }
    return { kind: 'traversal', root: name, steps: [] };
  }

  /** A quoted string inside an interpolation: itself a template. */
  private quoted(): Expr {
    this.i++;
    let raw = '';
    let depth = 0;
    while (this.i < this.s.length) {
      const ch = this.s[this.i]!;
      if (depth === 0 && ch === '"') break;
      if (ch === '\\') {
        raw += ch + (this.s[this.i + 1] ?? '');
        this.i += 2;
        continue;
      }
      if ((ch === '$' || ch === '%') && this.s[this.i + 1] === '{') depth++;
      else if (ch === '}' && depth > 0) depth--;
      raw += ch;
      this.i++;
    }
    this.expect('"');
    // `$${` stays as it is: parseTemplate reads it as a literal `${`.
    return parseTemplate(unescapeBackslashes(raw));
  }
}

/** Traversals anywhere in a text: the references of an expression this parser cannot read. */
function referencesIn(text: string): Expr[] {
  const out: Expr[] = [];
  const withoutStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const pattern = /(?<![\w.])([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\]|\["[^"]*"\])+)/g;
  for (const m of withoutStrings.matchAll(pattern)) {
    const steps: TraversalStep[] = [];
    for (const part of m[2]!.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["([^"]*)"\]/g)) {
      if (part[1] !== undefined) steps.push({ kind: 'attr', name: part[1] });
      else steps.push({ kind: 'index', key: { kind: 'literal', value: part[2] !== undefined ? Number(part[2]) : part[3]! } });
    }
    out.push({ kind: 'traversal', root: m[1]!, steps });
  }
  return out;
}

/** Parses one `${…}` body; what cannot be parsed is unsupported, keeping the references it mentions. */
export function parseInterpolation(body: string): Expr {
  try {
    const parser = new Parser(body);
    const expr = parser.expression();
    if (!parser.atEnd()) throw new ParseError('trailing text');
    return expr;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    // Call the unreadable part an unknown function of what it references, so its value is unknown but links survive.
    return { kind: 'call', name: '(unparsed expression)', args: referencesIn(body), expand: false };
  }
}

/** Index just past the `}` that closes a `${` / `%{` opened before `from`. */
function closing(text: string, from: number): number {
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
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * A Terraform JSON string as an expression: literal text, `${…}` interpolations, `$${` escapes.
 * A string that is one interpolation is that expression's value, not its string form.
 */
export function parseTemplate(text: string): Expr {
  // Most strings of a synthesized stack are plain text: the same literal the loop below would make.
  if (!text.includes('${') && !text.includes('%{')) return { kind: 'literal', value: text };
  try {
    return nested(() => templateOf(text));
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { kind: 'call', name: '(unparsed expression)', args: referencesIn(text), expand: false };
  }
}

function templateOf(text: string): Expr {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if ((text.startsWith('$${', i) || text.startsWith('%%{', i))) {
      literal += `${text[i]}{`;
      i += 3;
      continue;
    }
    if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      const end = closing(text, i + 2);
      if (end < 0) {
        literal += text.slice(i);
        break;
      }
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
      const body = text.slice(i + 2, end - 1).replace(/^~|~$/g, '');
      parts.push(text[i] === '$' ? { kind: 'interp', expr: parseInterpolation(body) } : { kind: 'directive' });
      i = end;
      continue;
    }
    // Up to the next character that may start an interpolation, a directive or an escape, at once.
    let next = i + 1;
    while (next < text.length && text[next] !== '$' && text[next] !== '%') next++;
    literal += text.slice(i, next);
    i = next;
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  if (parts.length === 0) return { kind: 'literal', value: '' };
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'text') return { kind: 'literal', value: only.text };
  if (only?.kind === 'interp') return only.expr;
  return { kind: 'template', parts };
}
