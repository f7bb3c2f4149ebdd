// Root variable values, from the same places and in the same precedence as Terraform:
// defaults < TF_VAR_name < terraform.tfvars < terraform.tfvars.json < *.auto.tfvars(.json) < --var-file / --var.
import { readInputText } from '../../inputs/read-file';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collectSensitiveStrings, SensitiveValue, UNKNOWN, type Value } from '../../model/value';
import { describeJsonError } from '../../inputs/read-json';
import { LoadError } from '../../inputs/load-error';
import { isObject } from '../../inputs/shape';
import { evaluate, safe, type Scope } from './evaluate';
import type { ModuleDecl } from './module-files';
import { MAX_HCL_FILE_BYTES, MAX_JSON_FILE_BYTES, nestsDeeperThan, tooDeepDetail } from '../../inputs/limits';
import { convert } from './types';

/** `--var NAME=VALUE` or `--var-file FILE` (relative to the working folder). */
export interface Assignment {
  kind: 'var' | 'file';
  value: string;
}

export interface VariableOptions {
  /** Variable values and files as on the command line: later ones win, as in Terraform. */
  assignments?: readonly Assignment[];
  env?: NodeJS.ProcessEnv;
  cwd: string;
}

/** Variable files and -var values can only hold constants. */
const NO_NAMES: Scope = { root: () => undefined };

async function readVarFile(path: string, shown: string): Promise<Map<string, Value>> {
  const text = readInputText(path, shown, 'no such variable file', path.endsWith('.json') ? MAX_JSON_FILE_BYTES : MAX_HCL_FILE_BYTES);
  const out = new Map<string, Value>();
  if (path.endsWith('.json')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new LoadError('invalid-json', shown, describeJsonError(text, error));
    }
    if (nestsDeeperThan(json)) throw new LoadError('too-complex', shown, tooDeepDetail());
    if (!isObject(json)) throw new LoadError('bad-shape', shown, 'a JSON variable file must be an object');
    for (const [k, v] of Object.entries(json)) out.set(k, v as Value);
    return out;
  }
  const body = await parseHcl(text, shown);
  for (const [name, attribute] of body.attributes) out.set(name, safe(() => evaluate(attribute.expr, NO_NAMES)));
  return out;
}

/** The grammar is loaded by the runs that read a variable file or a -var (not by a synthesized stack's defaults). */
function parseHcl(text: string, shown: string): ReturnType<typeof import('./parser').parseHcl> {
  return (require('./parser') as typeof import('./parser')).parseHcl(text, shown);
}

async function parseRaw(raw: string, stringTyped: boolean, shown: string): Promise<Value> {
  if (stringTyped) return raw;
  const body = await parseHcl(`v = ${raw}\n`, shown);
  const expr = body.attributes.get('v')?.expr;
  return expr ? safe(() => evaluate(expr, NO_NAMES)) : UNKNOWN;
}

function defaults(root: ModuleDecl): Map<string, Value> {
  const values = new Map<string, Value>();
  for (const [name, decl] of root.variables) values.set(name, decl.default ? safe(() => evaluate(decl.default!, NO_NAMES)) : UNKNOWN);
  return values;
}

const constant = (e: import('./ast').Expr): Value => safe(() => evaluate(e, NO_NAMES));

function markSensitive(root: ModuleDecl, values: Map<string, Value>, secrets: Set<string>): Map<string, Value> {
  for (const [name, decl] of root.variables) values.set(name, convert(values.get(name) ?? null, decl.type, constant));
  for (const [name, decl] of root.variables) {
    if (!decl.sensitive) continue;
    const wrapped = new SensitiveValue(values.get(name) ?? null);
    collectSensitiveStrings(wrapped, secrets);
    values.set(name, wrapped);
  }
  return values;
}

/** Defaults only: a synthesized stack inside `cdktf synth` has no variable files to read. */
export function defaultVariables(root: ModuleDecl, secrets: Set<string>): Map<string, Value> {
  return markSensitive(root, defaults(root), secrets);
}

/** Values of the root module's variables; sensitive ones wrapped, and their strings added to `secrets`. */
export async function rootVariables(root: ModuleDecl, options: VariableOptions, secrets: Set<string>): Promise<Map<string, Value>> {
  const values = defaults(root);
  const set = (name: string, value: Value): void => {
    if (root.variables.has(name)) values.set(name, value);
  };
  for (const [key, raw] of Object.entries(options.env ?? {})) {
    if (!key.startsWith('TF_VAR_') || raw === undefined) continue;
    const name = key.slice('TF_VAR_'.length);
    const decl = root.variables.get(name);
    if (decl) set(name, await parseRaw(raw, decl.stringTyped, `environment variable ${key}`));
  }
  let automatic: string[] = [];
  try {
    automatic = readdirSync(root.dir)
      .filter((f) => /\.auto\.tfvars(\.json)?$/.test(f))
      .sort();
  } catch {
    automatic = [];
  }
  const files = [
    ...['terraform.tfvars', 'terraform.tfvars.json'].filter((f) => existsSync(join(root.dir, f))),
    ...automatic,
  ].map((f) => ({ path: join(root.dir, f), shown: f }));
  for (const file of files) for (const [name, value] of await readVarFile(file.path, file.shown)) set(name, value);
  for (const assignment of options.assignments ?? []) {
    if (assignment.kind === 'file') {
      for (const [name, value] of await readVarFile(resolve(options.cwd, assignment.value), assignment.value)) set(name, value);
      continue;
    }
    const eq = assignment.value.indexOf('=');
    // Never echo the text: a value given without its name may be a secret.
    if (eq <= 0) throw new LoadError('bad-shape', '--var', 'expected --var NAME=VALUE');
    const name = assignment.value.slice(0, eq);
    const decl = root.variables.get(name);
    // Terraform refuses a -var for a variable the root module does not declare (files only warn).
    // The name is shown, never the value.
    if (!decl) {
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new LoadError('bad-shape', '--var', 'expected --var NAME=VALUE with NAME a variable name');
      throw new LoadError('bad-shape', `--var ${name}`, 'the root module declares no such variable');
    }
    set(name, await parseRaw(assignment.value.slice(eq + 1), decl.stringTyped, `--var ${name}`));
  }
  return markSensitive(root, values, secrets);
}
