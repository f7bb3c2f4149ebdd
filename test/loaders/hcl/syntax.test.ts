// The plain copy of tree-sitter's tree (what the AST conversion reads) must say exactly what tree-sitter's own
// nodes say: types, named-ness, text, positions, children and object element fields, on every .tf file in
// the fixtures and on text with CRLF line ends, non-ASCII and astral characters, heredocs and trailing blank lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { hclParser } from '../../../src/loaders/hcl/parser';
import { copyTree, SyntaxNode } from '../../../src/loaders/hcl/syntax';

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
  const mine = facts(copy);
  const theirs = facts(node);
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
