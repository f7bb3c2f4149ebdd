// tree-sitter's tree copied in one cursor walk into flat typed arrays, so that converting it to our AST
// neither crosses into WebAssembly for every child list, type and text it reads, nor keeps an object per
// node alive for the collector to copy: the node objects ast.ts reads are made on demand and die young.
import type { Tree } from 'web-tree-sitter';

export interface Point {
  row: number;
  column: number;
}

const NO_CHILD = -1;

/**
 * A copy's arrays, as another thread hands them over (parse-ahead.ts): node i's type, offsets (UTF-16
 * code units of the text), links and field (the id in its parent, 0 for none; read only under the
 * nodes ast.ts asks fields of), and per type id whether it is named. Node 0 is the root.
 */
export interface CopyParts {
  typeId: Uint16Array;
  startIndex: Int32Array;
  endIndex: Int32Array;
  firstChild: Int32Array;
  lastChild: Int32Array;
  nextSibling: Int32Array;
  fieldId: Uint16Array;
  named: boolean[];
}

function emptyParts(size: number, named: boolean[]): CopyParts {
  return {
    typeId: new Uint16Array(size),
    startIndex: new Int32Array(size),
    endIndex: new Int32Array(size),
    firstChild: new Int32Array(size).fill(NO_CHILD),
    lastChild: new Int32Array(size).fill(NO_CHILD),
    nextSibling: new Int32Array(size).fill(NO_CHILD),
    fieldId: new Uint16Array(size),
    named,
  };
}

/** The copied tree. */
class Copy {
  readonly typeId: Uint16Array;
  readonly startIndex: Int32Array;
  readonly endIndex: Int32Array;
  readonly firstChild: Int32Array;
  readonly lastChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly fieldId: Uint16Array;
  readonly named: readonly boolean[];
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    readonly parts: CopyParts,
    readonly types: readonly string[],
    readonly fields: readonly (string | null)[],
  ) {
    ({ typeId: this.typeId, startIndex: this.startIndex, endIndex: this.endIndex, firstChild: this.firstChild, lastChild: this.lastChild, nextSibling: this.nextSibling, fieldId: this.fieldId, named: this.named } = parts);
  }

  /** Row and column of an offset, counted as web-tree-sitter counts them for string input (rows end at `\n`). */
  point(index: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The part of tree-sitter's Node that ast.ts reads, with the same meanings; a view of one node of a Copy. */
export class SyntaxNode {
  constructor(
    private readonly copy: Copy,
    private readonly index: number,
  ) {}

  get type(): string {
    return this.copy.types[this.copy.typeId[this.index]!] || 'ERROR';
  }

  get isNamed(): boolean {
    return this.copy.named[this.copy.typeId[this.index]!] === true;
  }

  get text(): string {
    return this.copy.text.slice(this.copy.startIndex[this.index], this.copy.endIndex[this.index]);
  }

  get startPosition(): Point {
    return this.copy.point(this.copy.startIndex[this.index]!);
  }

  get endPosition(): Point {
    return this.copy.point(this.copy.endIndex[this.index]!);
  }

  get children(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.copy.firstChild[this.index]!; c !== NO_CHILD; c = this.copy.nextSibling[c]!) out.push(new SyntaxNode(this.copy, c));
    return out;
  }

  get namedChildren(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.copy.firstChild[this.index]!; c !== NO_CHILD; c = this.copy.nextSibling[c]!) {
      if (this.copy.named[this.copy.typeId[c]!]) out.push(new SyntaxNode(this.copy, c));
    }
    return out;
  }

  /** The named children but those of type `except` (comments, which ast.ts never reads as syntax). */
  namedChildrenExcept(except: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.copy.firstChild[this.index]!; c !== NO_CHILD; c = this.copy.nextSibling[c]!) {
      const id = this.copy.typeId[c]!;
      if (this.copy.named[id] && (this.copy.types[id] || 'ERROR') !== except) out.push(new SyntaxNode(this.copy, c));
    }
    return out;
  }

  /** The arrays of the whole copy this node is part of, for handing it to another thread. */
  copyParts(): CopyParts {
    return this.copy.parts;
  }

  childForFieldName(name: string): SyntaxNode | null {
    for (let c = this.copy.firstChild[this.index]!; c !== NO_CHILD; c = this.copy.nextSibling[c]!) {
      if (this.copy.fields[this.copy.fieldId[c]!] === name) return new SyntaxNode(this.copy, c);
    }
    return null;
  }
}

/** Nodes whose children ast.ts reads by field name. */
const FIELDS_READ_UNDER = new Set(['object_elem']);

/** Where the copy stopped: the first node, in document order, nested deeper than it was asked to go. */
export class TooDeep {
  constructor(readonly at: Point) {}
}

/**
 * Copies the tree. One pass, no recursion (nesting depth costs no stack), and as few calls into WebAssembly as
 * can be: each node's type and (where needed) field are read once, `isNamed` once per type id, and offsets only
 * of leaves: a node spans exactly from its first child's start to its last child's end in tree-sitter.
 * For trees without syntax errors only (parseHcl rejects the others first): ERROR nodes may span more.
 * A node nested more than `maxDepth` levels below the root stops the copy: every later walk of the copy recurses,
 * and is safe only once that bound holds. Checking it here spares a second walk through WebAssembly.
 */
export function copyTree(tree: Tree, text: string, maxDepth = Number.POSITIVE_INFINITY): SyntaxNode | TooDeep {
  // Most nodes are tokens, which never have children: a type first met without children is not asked for them
  // again. Should a later node of that type have had some, the copy counts fewer nodes than the tree holds,
  // and is made again asking every node.
  return walk(tree, text, maxDepth, true) ?? walk(tree, text, maxDepth, false)!;
}

/** The copy, or undefined when skipping the children of types learnt as leaves may have left nodes out. */
function walk(tree: Tree, text: string, maxDepth: number, skipLeafTypes: boolean): SyntaxNode | TooDeep | undefined {
  const rootNode = tree.rootNode;
  const language = tree.language;
  const named: boolean[] = [];
  /** Per type id: true once met without children, false once met with some. */
  const leafType: boolean[] = [];
  /** Per type id: its children's fields are read. */
  const readsFields: boolean[] = [];
  const cursor = tree.walk();
  try {
    const copy = new Copy(text, emptyParts(rootNode.descendantCount, named), language.types, language.fields);
    const size = copy.typeId.length;
    let count = 0;
    const make = (): number => {
      // Typed arrays drop writes past their end without a word: a tree larger than it said must fail.
      if (count === size) throw new Error(`the syntax tree has more than the ${size} nodes it counts`);
      const i = count++;
      const id = cursor.nodeTypeId;
      copy.typeId[i] = id;
      named[id] ??= cursor.nodeIsNamed;
      return i;
    };
    const attach = (parent: number): number => {
      const i = make();
      const parentType = copy.typeId[parent]!;
      if ((readsFields[parentType] ??= FIELDS_READ_UNDER.has(copy.types[parentType]!))) copy.fieldId[i] = cursor.currentFieldId;
      const last = copy.lastChild[parent]!;
      if (last === NO_CHILD) copy.firstChild[parent] = i;
      else copy.nextSibling[last] = i;
      copy.lastChild[parent] = i;
      return i;
    };
    // The root alone may span more than its children (trailing blank lines): its offsets are read.
    const root = make();
    copy.startIndex[root] = cursor.startIndex;
    copy.endIndex[root] = cursor.endIndex;
    // The nodes from the root to the cursor's node.
    const path: number[] = [root];
    for (;;) {
      const here = path[path.length - 1]!;
      const type = copy.typeId[here]!;
      if (here === root || !skipLeafTypes || leafType[type] !== true) {
        if (cursor.gotoFirstChild()) {
          leafType[type] = false;
          path.push(attach(here));
          // A sibling is no deeper than its elder, so only a first child can be the first node too deep.
          // (Only a copy that left nothing out can tell which node is the first.)
          if (path.length - 1 > maxDepth) return skipLeafTypes ? undefined : new TooDeep(cursor.startPosition);
          continue;
        }
        leafType[type] ??= true;
      }
      if (here === root) break;
      copy.startIndex[here] = cursor.startIndex;
      copy.endIndex[here] = cursor.endIndex;
      // On to the next sibling of this node or of the nearest ancestor that has one, closing the ancestors left.
      let done = false;
      for (;;) {
        if (path.length === 1) {
          done = true;
          break;
        }
        path.pop();
        if (cursor.gotoNextSibling()) {
          path.push(attach(path[path.length - 1]!));
          break;
        }
        cursor.gotoParent();
        const parent = path[path.length - 1]!;
        if (parent === root) continue;
        copy.startIndex[parent] = copy.startIndex[copy.firstChild[parent]!]!;
        copy.endIndex[parent] = copy.endIndex[copy.lastChild[parent]!]!;
      }
      if (done) break;
    }
    if (skipLeafTypes && count < size) return undefined;
    return new SyntaxNode(copy, root);
  } finally {
    cursor.delete();
  }
}

/**
 * The root of a copy made by another thread from the text that starts at `offset` of `text`, the whole
 * text it is part of: its offsets move by `offset` (in place), so that text, rows and columns are those
 * of the whole text. `types` and `fields` are the grammar's, which both threads load.
 */
export function adoptCopy(parts: CopyParts, text: string, offset: number, types: readonly string[], fields: readonly (string | null)[]): SyntaxNode {
  const { startIndex, endIndex } = parts;
  for (let i = 0; i < startIndex.length; i++) {
    startIndex[i] = startIndex[i]! + offset;
    endIndex[i] = endIndex[i]! + offset;
  }
  return new SyntaxNode(new Copy(text, parts, types, fields), 0);
}
