// Follows module calls from a root folder: local sources recursively (safe against cycles), modules
// installed by `terraform init` through .terraform/modules/modules.json; anything else is not followed.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LoadError } from '../../inputs/load-error';
import { MAX_JSON_FILE_BYTES } from '../../inputs/limits';
import { readInputText } from '../../inputs/read-file';
import { configFiles } from '../../inputs/config-files';
import { CodeBudget, readModule, type ModuleCallDecl, type ModuleDecl } from './module-files';

export type CallTarget = { kind: 'followed'; module: ModuleTreeNode } | { kind: 'not-followed'; reason: string };

export interface ModuleTreeNode {
  decl: ModuleDecl;
  calls: Map<string, CallTarget>;
}

function installedModules(root: string): Map<string, string> {
  const file = join(root, '.terraform', 'modules', 'modules.json');
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  try {
    const manifest = JSON.parse(readInputText(file, file, undefined, MAX_JSON_FILE_BYTES)) as { Modules?: { Key?: string; Dir?: string }[] };
    for (const m of manifest.Modules ?? []) if (m.Key && m.Dir) out.set(m.Key, resolve(root, m.Dir));
  } catch {
    // An unreadable manifest only means installed modules are not followed.
  }
  return out;
}

function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `only` restricts the root module to one file (a lone .tf.json stack); called modules are whole folders. */
export async function loadModuleTree(root: string, display: (file: string) => string, only?: string): Promise<ModuleTreeNode> {
  const installed = installedModules(root);
  const loneJsonStack = only !== undefined && !only.endsWith('.tf');
  const cache = new Map<string, ModuleDecl>();
  const budget = new CodeBudget();

  const read = async (dir: string): Promise<ModuleDecl> => {
    let decl = cache.get(dir);
    if (!decl) {
      decl = await readModule(dir, display, dir === root ? only : undefined, budget);
      cache.set(dir, decl);
    }
    return decl;
  };

  // Many calls of one module ask the same of its folder.
  const holdsConfig = new Map<string, boolean>();
  const isModuleFolder = (dir: string): boolean => {
    let holds = holdsConfig.get(dir);
    if (holds === undefined) {
      holds = isDirectory(dir) && configFiles(dir).length > 0;
      holdsConfig.set(dir, holds);
    }
    return holds;
  };

  const where = (call: ModuleCallDecl): string => `${call.file}:${call.pos.line}:${call.pos.column}`;

  const visit = async (dir: string, keyPath: string[], stack: { dir: string; label: string }[]): Promise<ModuleTreeNode> => {
    const decl = await read(dir);
    const node: ModuleTreeNode = { decl, calls: new Map() };
    for (const call of decl.moduleCalls) {
      const key = [...keyPath, call.name];
      const label = key.map((k) => `module.${k}`).join('.');
      let target: string | undefined;
      if (call.source !== undefined && isLocalSource(call.source)) {
        target = resolve(dir, call.source);
        if (!isModuleFolder(target)) {
          // A lone JSON stack (cdk.tf.json) is often read away from the assets folder CDKTF copied its modules to.
          if (loneJsonStack) {
            node.calls.set(call.name, { kind: 'not-followed', reason: `${label} (source "${call.source}") was not found next to this file, so it is not followed` });
            continue;
          }
          throw new LoadError('module-not-found', where(call), `module "${call.name}" has source "${call.source}", which holds no .tf files`);
        }
      } else {
        target = installed.get(key.join('.'));
        if (!target || !isDirectory(target)) {
          const source = call.source === undefined ? 'no literal source' : `source "${call.source}"`;
          node.calls.set(call.name, { kind: 'not-followed', reason: `${label} (${source}) is not a local module and is not installed by terraform init, so it is not followed` });
          continue;
        }
      }
      const loop = stack.findIndex((s) => s.dir === target);
      if (loop >= 0) {
        const chain = [...stack.slice(loop).map((s) => s.label || 'the root module'), label].join(' -> ');
        throw new LoadError('module-cycle', where(call), `module "${call.name}" calls a module that is already being loaded: ${chain}`);
      }
      node.calls.set(call.name, { kind: 'followed', module: await visit(target, key, [...stack, { dir: target, label }]) });
    }
    return node;
  };

  return visit(root, [], [{ dir: root, label: '' }]);
}
