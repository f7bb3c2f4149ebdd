// The plain copy of tree-sitter's tree (what the AST conversion reads) must say exactly what tree-sitter's own
// nodes say: types, named-ness, text, positions, children and object element fields, on every .tf file in
// the fixtures and on text with CRLF line ends, non-ASCII and astral characters, heredocs and trailing blank lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Tree } from 'web-tree-sitter';
import { hclParser, tooDeep } from '../../../src/loaders/hcl/parser';
import { copyTree, SyntaxNode, TooDeep } from '../../../src/loaders/hcl/syntax';

function tfFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tfFiles(path);
    return /\.(tf|tfvars)$/.test(e.name) ? [path] : [];
  });
}

/** Every difference between the copy and tree-sitter's node, as `path: what`. */
function differences(copy: SyntaxNode, node: Node, at: string, out: string[]): void {
  const facts = (n: SyntaxNode | Node) => ({
    type: n.type,
    isNamed: n.isNamed,
    text: n.text,
    start: n.startPosition,
    end: n.endPosition,
    children: n.children.length,
    named: n.namedChildren.length,
    key: n.type === 'object_elem' ? n.childForFieldName('key')?.text : undefined,
    val: n.type === 'object_elem' ? n.childForFieldName('val')?.text : undefined,
  });
  const mine = { ...facts(copy), uncommented: copy.namedChildrenExcept('comment').map((c) => c.text) };
  const theirs = { ...facts(node), uncommented: node.namedChildren.filter((c) => c!.type !== 'comment').map((c) => c!.text) };
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
    out.push(`${at}: ${JSON.stringify(mine)} vs ${JSON.stringify(theirs)}`);
    return;
  }
  node.children.forEach((child, i) => differences(copy.children[i]!, child!, `${at}/${child!.type}[${i}]`, out));
}

async function compare(text: string): Promise<{ nodes: number; differences: string[] }> {
  const { parser } = await hclParser();
  const tree = parser.parse(text)!;
  try {
    expect(tree.rootNode.hasError).toBe(false);
    const out: string[] = [];
    const copy = copyTree(tree, text);
    if (!(copy instanceof SyntaxNode)) throw new Error('the copy stopped');
    differences(copy, tree.rootNode, 'root', out);
    return { nodes: tree.rootNode.descendantCount, differences: out };
  } finally {
    tree.delete();
  }
}

const SAMPLE = [
  'resource "okta_app_saml" "é" {\r\n',
  '  label = "Zoë 😀 ${var.ü}"\r\n',
  '  settings = { "k😀" = 1, plain = -2.5, (var.k) = [for k, v in var.m : v if k != ""], o = { for k, v in var.m : k => v... } }\r\n',
  '  notes = <<-EOT\r\n    hé ${upper("x")}\r\n  EOT\r\n',
  '  n = var.a == "x" ? local.b[0].c[*].d : !true\r\n',
  '}\r\n',
  '# trailing comment\r\n',
  '\n\n\n',
].join('');

describe('the copied syntax tree', () => {
  it('matches tree-sitter on text with CRLF, non-ASCII and astral characters and trailing blank lines', async () => {
    const result = await compare(SAMPLE);
    expect(result.nodes).toBeGreaterThan(80);
    expect(result.differences).toEqual([]);
  });

  it('matches tree-sitter on every .tf file of the fixtures', async () => {
    const files = tfFiles(join(__dirname, '..', '..', '..', 'fixtures')).filter((f) => !f.includes('bad-tf'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const result = await compare(readFileSync(file, 'utf8'));
      expect({ file, differences: result.differences }).toEqual({ file, differences: [] });
    }
  });

  it('copies an empty file as a childless root', async () => {
    const result = await compare('');
    expect(result.differences).toEqual([]);
  });
});

/** A tree of made-up nodes behind the part of web-tree-sitter's API the copy uses. */
interface FakeNode {
  type: string;
  start: number;
  end: number;
  children: FakeNode[];
}

function fakeTree(root: FakeNode): Tree {
  const types = ['end', ...new Set(flatten(root).map((n) => n.type))];
  const path: { node: FakeNode; index: number }[] = [{ node: root, index: 0 }];
  const here = (): FakeNode => path[path.length - 1]!.node;
  const cursor = {
    get nodeTypeId() {
      return types.indexOf(here().type);
    },
    nodeIsNamed: true,
    currentFieldId: 0,
    get startIndex() {
      return here().start;
    },
    get endIndex() {
      return here().end;
    },
    gotoFirstChild() {
      const first = here().children[0];
      if (first) path.push({ node: first, index: 0 });
      return first !== undefined;
    },
    gotoNextSibling() {
      if (path.length < 2) return false;
      const { index } = path[path.length - 1]!;
      const next = path[path.length - 2]!.node.children[index + 1];
      if (next) path[path.length - 1] = { node: next, index: index + 1 };
      return next !== undefined;
    },
    gotoParent() {
      if (path.length < 2) return false;
      path.pop();
      return true;
    },
    delete() {
      path.splice(1);
    },
  };
  return { rootNode: { descendantCount: flatten(root).length }, language: { types, fields: [null] }, walk: () => cursor } as unknown as Tree;
}

function flatten(node: FakeNode): FakeNode[] {
  return [node, ...node.children.flatMap(flatten)];
}

function shape(node: SyntaxNode): unknown {
  return { type: node.type, text: node.text, children: node.children.map(shape) };
}

describe('the copy of a tree', () => {
  it('finds the same first node too deep as a walk asking every node, at every limit', async () => {
    const text = 'locals {\n  a = [[], [1, [2]], {}, { k = [[[3]]] }, f(), g([4])]\n  b = "x${[[5]]}"\n}\n';
    const { parser } = await hclParser();
    const tree = parser.parse(text)!;
    try {
      let deepest = 0;
      for (let limit = 0; limit < 40; limit++) {
        // The walk parseHcl uses on trees with errors: it asks every node for its children.
        const expected = tooDeep(tree.rootNode, limit)?.startPosition;
        const copy = copyTree(tree, text, limit);
        if (expected === undefined) expect(copy).toBeInstanceOf(SyntaxNode);
        else {
          deepest = limit;
          expect(copy).toEqual(new TooDeep(expected));
        }
      }
      expect(deepest).toBeGreaterThan(10);
    } finally {
      tree.delete();
    }
  });

  it('copies the children of a node whose type was first met without any', () => {
    const leaf = (type: string, start: number): FakeNode => ({ type, start, end: start + 1, children: [] });
    const tree: FakeNode = {
      type: 'root',
      start: 0,
      end: 6,
      children: [leaf('x', 0), leaf('y', 1), { type: 'x', start: 2, end: 5, children: [leaf('y', 2), { type: 'x', start: 3, end: 5, children: [leaf('z', 3), leaf('x', 4)] }] }, leaf('x', 5)],
    };
    const copy = copyTree(fakeTree(tree), 'abcdef');
    expect(copy).toBeInstanceOf(SyntaxNode);
    const expected = (n: FakeNode): unknown => ({ type: n.type, text: 'abcdef'.slice(n.start, n.end), children: n.children.map(expected) });
    expect(shape(copy as SyntaxNode)).toEqual(expected(tree));
  });
});
