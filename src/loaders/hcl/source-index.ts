// Where each resource block of a configuration is declared, by configuration address, so findings on a
// plan or state can point at the .tf line that declares them.
import { relative } from 'node:path';
import { joinAddress } from '../../model/address';
import type { Inventory, SourceLocation } from '../../model/inventory';
import { loadModuleTree, type ModuleTreeNode } from './module-tree';

export async function sourceIndex(dir: string, cwd: string): Promise<Map<string, SourceLocation>> {
  const tree = await loadModuleTree(dir, (file) => relative(cwd, file) || '.');
  const index = new Map<string, SourceLocation>();
  const visit = (node: ModuleTreeNode, prefix: string): void => {
    for (const r of node.decl.resources) {
      index.set(joinAddress(prefix, r.local), { file: r.file, line: r.pos.line, column: r.pos.column });
    }
    for (const [name, target] of node.calls) {
      if (target.kind === 'followed') visit(target.module, joinAddress(prefix, `module.${name}`));
    }
  };
  visit(tree, '');
  return index;
}

/** Puts each instance on the block that declares it (every count/for_each instance on the same block). */
export function locate(inventory: Inventory, index: ReadonlyMap<string, SourceLocation>): void {
  for (const r of inventory.resources) {
    const location = index.get(r.configAddress);
    if (location && !r.location) r.location = location;
  }
}
