// Loads a Terraform configuration folder (.tf / .tf.json, with its modules) into an Inventory of the
// declared desired state, plus the configuration description the reference linker follows.
import { join, relative } from 'node:path';
import { readInputText } from '../../inputs/read-file';
import { formatModulePath, joinAddress } from '../../model/address';
import type { ConfigExpression, InlineSuppression, Inventory, ModuleConfig, ResourceConfig, ResourceInstance, UnfollowedModule } from '../../model/inventory';
import { collectSensitiveStrings, type Value } from '../../model/value';
import { collectCredentials } from '../credentials';
import { makeInstance } from '../instance';
import { parseInlineSuppressions } from './inline-suppressions';
import type { Expr } from './ast';
import { resetEvaluationBudget } from './errors';
import { evaluate, safe } from './evaluate';
import { configurationFiles } from './files';
import type { FunctionContext } from './functions';
import { ModuleInstance, RESOURCE_META, type Environment } from './instances';
import type { ModuleTreeNode } from './module-tree';
import { describeBody, describeExpression } from './references';
import { defaultVariables, rootVariables, type VariableOptions } from './variables';
import { addBlock, emptyModule, type ModuleDecl, type ResourceDecl } from './module-files';
import { terraformJsonBlocks } from './tf-json';

const NO_NAMES = { root: () => undefined };
const constant = (e: Expr): Value => safe(() => evaluate(e, NO_NAMES));
const describe = (e: Expr | undefined): ConfigExpression | undefined => (e ? describeExpression(e, () => constant(e)) : undefined);

/**
 * Descriptions made so far, so that a module called many times is described once: a description
 * depends only on the module's declarations and on the descriptions of the modules it calls.
 */
class Descriptions {
  private readonly byNode = new Map<ModuleTreeNode, ModuleConfig>();
  private readonly byContent = new Map<string, ModuleConfig>();
  private readonly ids = new Map<object, number>();

  private id(of: object): number {
    let id = this.ids.get(of);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(of, id);
    }
    return id;
  }

  of(node: ModuleTreeNode): ModuleConfig {
    const known = this.byNode.get(node);
    if (known) return known;
    const called = new Map<string, ModuleConfig>();
    for (const [name, target] of node.calls) if (target.kind === 'followed') called.set(name, this.of(target.module));
    const key = [this.id(node.decl), ...[...called].map(([name, config]) => `${name}=${this.id(config)}`)].join(' ');
    let config = this.byContent.get(key);
    if (!config) {
      config = describeModule(node.decl, called);
      this.byContent.set(key, config);
    }
    this.byNode.set(node, config);
    return config;
  }
}

/** The configuration description (as a plan's `configuration` would give it) of a module, given those of the modules it follows. */
function describeModule(decl: ModuleDecl, called: ReadonlyMap<string, ModuleConfig>): ModuleConfig {
  const config: ModuleConfig = { resources: new Map(), moduleCalls: new Map(), outputs: new Map(), variables: new Map(), locals: new Map() };
  for (const r of decl.resources) {
    const resource: ResourceConfig = { address: r.local, expressions: describeBody(r.body, constant, RESOURCE_META) };
    const forEach = describe(r.forEach);
    const count = describe(r.count);
    if (forEach) resource.forEach = forEach;
    if (count) resource.count = count;
    config.resources.set(r.local, resource);
  }
  for (const call of decl.moduleCalls) {
    const expressions: { [k: string]: ConfigExpression } = {};
    for (const [name, expr] of call.args) expressions[name] = describe(expr)!;
    const forEach = describe(call.forEach);
    const count = describe(call.count);
    config.moduleCalls.set(call.name, {
      name: call.name,
      ...(call.source !== undefined ? { source: call.source } : {}),
      expressions,
      ...(forEach ? { forEach } : {}),
      ...(count ? { count } : {}),
      module: called.get(call.name) ?? { resources: new Map(), moduleCalls: new Map(), outputs: new Map(), variables: new Map() },
    });
  }
  for (const [name, expr] of decl.outputs) config.outputs.set(name, describe(expr)!);
  for (const [name, v] of decl.variables) config.variables.set(name, { sensitive: v.sensitive });
  for (const [name, expr] of decl.locals) config.locals!.set(name, describe(expr)!);
  return config;
}

export interface ConfigurationOptions extends VariableOptions {
  /** Lint only this file of the root folder (a Terraform JSON stack such as cdk.tf.json). */
  only?: string;
}

export async function loadConfiguration(dir: string, options: ConfigurationOptions): Promise<Inventory> {
  const display = (file: string): string => relative(options.cwd, file) || '.';
  // Loaded here, not above: the CDKTF Aspect's synthesized stacks read no folder and need no parser.
  const { loadModuleTree } = require('./module-tree') as typeof import('./module-tree');
  const tree = await loadModuleTree(dir, display, options.only);
  const secrets = new Set<string>();
  resetEvaluationBudget();
  const variables = await rootVariables(tree.decl, options, secrets);
  return inventoryOf(tree, variables, secrets, { root: dir, workspace: workspace(dir, options.env ?? {}), files: configurationFiles(dir, moduleFolders(tree)) });
}

function moduleFolders(tree: ModuleTreeNode): string[] {
  const out = new Set<string>();
  const visit = (node: ModuleTreeNode): void => {
    if (out.has(node.decl.dir)) return;
    out.add(node.decl.dir);
    for (const target of node.calls.values()) if (target.kind === 'followed') visit(target.module);
  };
  visit(tree);
  return [...out];
}

/** The selected workspace, as Terraform finds it: TF_WORKSPACE, else .terraform/environment, else default. */
function workspace(dir: string, env: NodeJS.ProcessEnv): string {
  if (env.TF_WORKSPACE) return env.TF_WORKSPACE;
  try {
    return readInputText(join(dir, '.terraform', 'environment'), '.terraform/environment').trim() || 'default';
  } catch {
    return 'default';
  }
}

/**
 * A synthesized stack held in memory (the CDKTF Aspect): read synchronously, variables at their
 * defaults, modules not followed (their code lives in the synth output folder, not yet written).
 */
export function configurationFromTerraformJson(json: unknown, file: string, cwd: string): Inventory {
  const decl = emptyModule(cwd);
  decl.files.push(file);
  for (const block of terraformJsonBlocks(json, file).blocks) addBlock(decl, block, file);
  const tree: ModuleTreeNode = { decl, calls: new Map() };
  for (const call of decl.moduleCalls) {
    tree.calls.set(call.name, { kind: 'not-followed', reason: `module.${call.name} (source "${call.source ?? '?'}") is not followed inside cdktf synth; lint the synthesized cdktf.out to follow it` });
  }
  const secrets = new Set<string>();
  resetEvaluationBudget();
  // Inside synth nothing is read from disk.
  return inventoryOf(tree, defaultVariables(decl, secrets), secrets, { root: cwd, workspace: 'default', files: {} });
}

function inventoryOf(
  tree: ModuleTreeNode,
  variables: Map<string, Value>,
  secrets: Set<string>,
  paths: { root: string; workspace: string; files: FunctionContext },
): Inventory {
  const relativeDirs = new Map<string, string>();
  const environment: Environment = {
    root: paths.root,
    module: '.',
    cwd: paths.root,
    workspace: paths.workspace,
    files: paths.files,
    constant,
    // Asked once per module instance, of the few folders modules live in.
    relative: (dir) => {
      let shown = relativeDirs.get(dir);
      if (shown === undefined) {
        shown = relative(paths.root, dir).split('\\').join('/') || '.';
        relativeDirs.set(dir, shown);
      }
      return shown;
    },
  };
  const root = new ModuleInstance(tree, [], (name) => variables.get(name) ?? null, environment);

  const resources: ResourceInstance[] = [];
  const unfollowed: UnfollowedModule[] = [];
  const forgotten: UnfollowedModule[] = [];
  const inline = new Map<ResourceDecl, InlineSuppression[]>();
  const visit = (module: ModuleInstance): void => {
    const modulePath = formatModulePath(module.modules);
    for (const decl of module.node.decl.resources) {
      for (const evaluated of module.resources(decl)) {
        const address = evaluated.address;
        const instance = makeInstance(
          { address, mode: decl.mode, type: decl.type, name: decl.name, index: evaluated.key, action: 'none', before: evaluated.values, after: evaluated.values },
          address,
        );
        instance.location = { file: decl.file, line: decl.pos.line, column: decl.pos.column };
        if (decl.constructPath) instance.location.constructPath = decl.constructPath;
        // Parsed once per block: every instance shares them, so one suppression is used (or unused) once.
        let suppressions = inline.get(decl);
        if (!suppressions) {
          suppressions = parseInlineSuppressions(decl.comments);
          inline.set(decl, suppressions);
        }
        if (suppressions.length > 0) instance.suppressions = suppressions;
        resources.push(instance);
        collectSensitiveStrings(evaluated.values, secrets);
        collectCredentials(decl.type, evaluated.values, secrets);
      }
    }
    for (const removed of module.node.decl.removed) {
      forgotten.push({
        address: joinAddress(modulePath, removed.from),
        reason: 'removed with destroy = false',
        location: { file: removed.file, line: removed.pos.line, column: removed.pos.column },
      });
    }
    for (const call of module.node.decl.moduleCalls) {
      const target = module.node.calls.get(call.name);
      if (target?.kind === 'not-followed') {
        unfollowed.push({
          address: joinAddress(modulePath, `module.${call.name}`),
          reason: target.reason,
          location: { file: call.file, line: call.pos.line, column: call.pos.column },
        });
        continue;
      }
      for (const child of module.childInstances(call.name).instances) visit(child.module);
    }
  };
  visit(root);

  const values = new Map<string, Value>(variables);
  return {
    kind: 'config',
    resources,
    configuration: new Descriptions().of(tree),
    variables: values,
    secrets,
    unfollowedModules: unfollowed,
    forgottenInCode: forgotten,
  };
}
