// Reads one module folder (*.tf and *.tf.json files) into its declarations with their source positions.
import { LoadError, quoted } from '../../inputs/load-error';
import { MAX_CONFIGURATION_HCL_BYTES, MAX_CONFIGURATION_JSON_BYTES, MAX_HCL_FILE_BYTES, MAX_JSON_FILE_BYTES } from '../../inputs/limits';
import { formatBytes, readInputText } from '../../inputs/read-file';
import { localAddress } from '../../model/address';
import { join } from 'node:path';
import { configFiles, isOverrideFile } from '../../inputs/config-files';
import type { Block, Body, Expr, Pos } from './ast';
import type { ConfigText } from './parse-files';

export interface Declared {
  /** File as shown in output (relative to the working folder). */
  file: string;
  pos: Pos;
}

export interface ResourceDecl extends Declared {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** `okta_push_group.eng` or `data.okta_app.x`. */
  local: string;
  body: Body;
  count?: Expr;
  forEach?: Expr;
  comments: string[];
  constructPath?: string;
}

export interface ModuleCallDecl extends Declared {
  name: string;
  source?: string;
  version?: string;
  args: Map<string, Expr>;
  count?: Expr;
  forEach?: Expr;
}

export interface VariableDecl extends Declared {
  name: string;
  default?: Expr;
  sensitive: boolean;
  /** The declared type is plain `string` (or absent): -var values are then taken as raw strings. */
  stringTyped: boolean;
  type?: Expr;
}

/** `removed { from = …; lifecycle { destroy = false } }`: Terraform forgets the resource, which stays. */
export interface RemovedDecl extends Declared {
  from: string;
}

export interface ModuleDecl {
  dir: string;
  removed: RemovedDecl[];
  files: string[];
  resources: ResourceDecl[];
  moduleCalls: ModuleCallDecl[];
  variables: Map<string, VariableDecl>;
  locals: Map<string, Expr>;
  outputs: Map<string, Expr>;
}

const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Terraform's override merge: attributes replace, nested block types replace as a whole. */
function mergeBody(base: Body, override: Body): Body {
  const attributes = new Map(base.attributes);
  for (const [name, attribute] of override.attributes) attributes.set(name, attribute);
  const overridden = new Set(override.blocks.map((b) => b.type));
  return { attributes, blocks: [...base.blocks.filter((b) => !overridden.has(b.type)), ...override.blocks] };
}

function sameBlock(a: Block, b: Block): boolean {
  return a.type === b.type && a.labels.length === b.labels.length && a.labels.every((l, i) => l === b.labels[i]);
}

export function emptyModule(dir: string): ModuleDecl {
  return { dir, files: [], removed: [], resources: [], moduleCalls: [], variables: new Map(), locals: new Map(), outputs: new Map() };
}

/** Terraform's rule for the names of resources, data sources, modules, variables and outputs. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NAMED_BLOCKS = new Set(['resource', 'data', 'module', 'variable', 'output']);

/** Terraform refuses a block named `"a b"` or with a line break in it; so does this reader, in one line. */
function checkLabels(block: Block, file: string): void {
  if (!NAMED_BLOCKS.has(block.type)) return;
  const names = block.type === 'resource' || block.type === 'data' ? block.labels.slice(0, 2) : block.labels.slice(0, 1);
  for (const [i, label] of names.entries()) {
    if (NAME.test(label)) continue;
    const what = names.length === 2 && i === 0 ? `${block.type} type` : `${block.type} name`;
    throw new LoadError(
      'invalid-hcl',
      `${file}:${block.pos.line}:${block.pos.column}`,
      `invalid ${what} ${quoted(label)}: a name must start with a letter or underscore and may contain only letters, digits, underscores and dashes`,
    );
  }
}

export function addBlock(decl: ModuleDecl, block: Block, file: string): void {
  // Each declaration names its file and position itself: spreading a shared { file, pos } into them
  // made this the costliest step of reading a synthesized CDKTF stack (V8's slow path for spreads).
  const pos = block.pos;
  checkLabels(block, file);
  switch (block.type) {
    case 'resource':
    case 'data': {
      const [type, name] = block.labels;
      if (!type || !name) return;
      const mode = block.type === 'data' ? 'data' : 'managed';
      const resource: ResourceDecl = {
        file,
        pos,
        mode,
        type,
        name,
        local: localAddress(mode, type, name),
        body: block.body,
        comments: block.comments,
      };
      const count = block.body.attributes.get('count')?.expr;
      const forEach = block.body.attributes.get('for_each')?.expr;
      if (count) resource.count = count;
      if (forEach) resource.forEach = forEach;
      if (block.constructPath) resource.constructPath = block.constructPath;
      decl.resources.push(resource);
      return;
    }
    case 'module': {
      const [name] = block.labels;
      if (!name) return;
      const source = block.body.attributes.get('source')?.expr;
      const version = block.body.attributes.get('version')?.expr;
      const call: ModuleCallDecl = { file, pos, name, args: new Map() };
      if (source?.kind === 'literal' && typeof source.value === 'string') call.source = source.value;
      else if (source?.kind === 'template' && source.parts.every((p) => p.kind === 'text')) {
        call.source = source.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      }
      if (version?.kind === 'template') call.version = version.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      for (const [arg, attribute] of block.body.attributes) if (!MODULE_META.has(arg)) call.args.set(arg, attribute.expr);
      const count = block.body.attributes.get('count')?.expr;
      const forEach = block.body.attributes.get('for_each')?.expr;
      if (count) call.count = count;
      if (forEach) call.forEach = forEach;
      decl.moduleCalls.push(call);
      return;
    }
    case 'variable': {
      const [name] = block.labels;
      if (!name) return;
      const type = block.body.attributes.get('type')?.expr;
      const sensitive = block.body.attributes.get('sensitive')?.expr;
      const variable: VariableDecl = {
        file,
        pos,
        name,
        sensitive: sensitive?.kind === 'literal' && sensitive.value === true,
        stringTyped:
          !type ||
          (type.kind === 'traversal' && type.root === 'string' && type.steps.length === 0) ||
          (type.kind === 'literal' && type.value === 'string'),
      };
      const def = block.body.attributes.get('default')?.expr;
      if (def) variable.default = def;
      if (type) variable.type = type;
      decl.variables.set(name, variable);
      return;
    }
    case 'locals':
      for (const [name, attribute] of block.body.attributes) decl.locals.set(name, attribute.expr);
      return;
    case 'removed': {
      const from = block.body.attributes.get('from')?.expr;
      const destroy = block.body.blocks.find((b) => b.type === 'lifecycle')?.body.attributes.get('destroy')?.expr;
      const kept = destroy?.kind === 'literal' && destroy.value === false;
      if (from?.kind === 'traversal' && kept) {
        const parts = [from.root, ...from.steps.map((s) => (s.kind === 'attr' ? s.name : ''))].filter(Boolean);
        decl.removed.push({ file, pos, from: parts.join('.') });
      }
      return;
    }
    case 'output': {
      const [name] = block.labels;
      const value = block.body.attributes.get('value')?.expr;
      if (name && value) decl.outputs.set(name, value);
      return;
    }
    default:
  }
}

/** What a configuration's folders have read so far, in bytes, against its limits in all (limits.ts). */
export class CodeBudget {
  private hcl = 0;
  private json = 0;

  /** Counts a file read; throws when it takes the configuration past its limit. */
  spend(name: string, shown: string, text: string): void {
    const json = name.endsWith('.json');
    const bytes = Buffer.byteLength(text, 'utf8');
    const total = json ? (this.json += bytes) : (this.hcl += bytes);
    const limit = json ? MAX_CONFIGURATION_JSON_BYTES : MAX_CONFIGURATION_HCL_BYTES;
    if (total > limit) {
      const kind = json ? '.tf.json' : '.tf';
      throw new LoadError('too-large', shown, `takes the configuration's ${kind} files past ${formatBytes(limit)} in all (each module folder counted once), the limit for one configuration`);
    }
  }
}

/**
 * Reads a module folder (or, with `only`, one file of it: a self-contained Terraform JSON stack).
 * `display(file)` gives the path shown in findings and errors.
 * Syntax errors, unreadable files and code past the configuration's limit in all (`budget`) fail the
 * whole run.
 */
export async function readModule(dir: string, display: (file: string) => string, only?: string, budget = new CodeBudget()): Promise<ModuleDecl> {
  const decl = emptyModule(dir);
  const blocks: { block: Block; file: string }[] = [];
  const overrides: Block[] = [];
  // All files are read before any is parsed, so that they can be parsed on two threads (parse-files.ts);
  // a file that cannot be read fails the run after the files before it are parsed, as before.
  const files: ConfigText[] = [];
  let unreadable: unknown;
  for (const name of only !== undefined ? [only] : configFiles(dir)) {
    const path = join(dir, name);
    const shown = display(path);
    try {
      const text = readInputText(path, shown, undefined, name.endsWith('.json') ? MAX_JSON_FILE_BYTES : MAX_HCL_FILE_BYTES);
      budget.spend(name, shown, text);
      files.push({ name, shown, text });
    } catch (error) {
      unreadable = error;
      break;
    }
  }
  // The parser is loaded by folder reads only: a synthesized stack (the CDKTF Aspect) has its blocks already.
  const { parseFiles } = require('./parse-files') as typeof import('./parse-files');
  const bodies = await parseFiles(files);
  if (unreadable !== undefined) throw unreadable;
  files.forEach(({ name, shown }, i) => {
    decl.files.push(shown);
    const body = bodies[i]!;
    if (isOverrideFile(name)) for (const block of body.blocks) overrides.push(block);
    else for (const block of body.blocks) blocks.push({ block, file: shown });
  });
  for (const override of overrides) {
    const target = blocks.find((b) => sameBlock(b.block, override));
    if (target) target.block = { ...target.block, body: mergeBody(target.block.body, override.body) };
  }
  for (const { block, file } of blocks) addBlock(decl, block, file);
  return decl;
}
