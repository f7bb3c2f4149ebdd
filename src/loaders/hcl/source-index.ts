// Where each resource block of a configuration is declared, by configuration address, so findings on a
// plan or state can point at the .tf line that declares them.
import { relative } from 'node:path';
import { joinAddress } from '../../model/address';
import type { InlineSuppression, Inventory, SourceLocation } from '../../model/inventory';
import { parseInlineSuppressions } from './inline-suppressions';
import { loadModuleTree, type ModuleTreeNode } from './module-tree';

export interface SourceEntry {
  location: SourceLocation;
  suppressions: InlineSuppression[];
}

export async function sourceIndex(dir: string, cwd: string): Promise<Map<string, SourceEntry>> {
  const tree = await loadModuleTree(dir, (file) => relative(cwd, file) || '.');
  const index = new Map<string, SourceEntry>();
  const visit = (node: ModuleTreeNode, prefix: string): void => {
    for (const r of node.decl.resources) {
      index.set(joinAddress(prefix, r.local), {
        location: { file: r.file, line: r.pos.line, column: r.pos.column },
        suppressions: parseInlineSuppressions(r.comments),
      });
    }
    for (const [name, target] of node.calls) {
      if (target.kind === 'followed') visit(target.module, joinAddress(prefix, `module.${name}`));
    }
  };
  visit(tree, '');
  return index;
}

/**
 * Puts each instance on the block that declares it (every count/for_each instance on the same block),
 * with the inline suppressions written there.
 */
export function locate(inventory: Inventory, index: ReadonlyMap<string, SourceEntry>): void {
  for (const r of inventory.resources) {
    const entry = index.get(r.configAddress);
    if (!entry) continue;
    r.location ??= entry.location;
    if (entry.suppressions.length > 0) r.suppressions ??= entry.suppressions;
  }
}
