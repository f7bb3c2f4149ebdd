// lint(): paths in, report out. Finds and loads the inputs (files, folders, standard input, their
// sources), then hands them to the core (judge.ts), which every door shares.
import { statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { LintRun, Report } from '../engine/report';
import type { Rule } from '../engine/rule';
import type { FailOn } from '../engine/severity';
import { configFiles } from '../inputs/config-files';
import { detect } from '../inputs/detect';
import { discover, type InputFile } from '../inputs/discover';
import { LoadError, type Result } from '../inputs/load-error';
import { readJsonStream, readJsonStreamBytes, type Unread } from '../inputs/json-stream/read';
import type { JsonInput } from '../inputs/read-json';
import { forgetRead } from '../inputs/read-log';
import { readStandardInput, STDIN_DISPLAY } from '../inputs/stdin';
import type { ConfigurationOptions } from '../loaders/hcl/load-configuration';
import type { Assignment } from '../loaders/hcl/variables';
import type { SourceEntry } from '../loaders/hcl/source-index';
import { loadDocument } from '../loaders/load';
import { parseResourceAddress } from '../model/address';
import type { Inventory } from '../model/inventory';
import { ANALYZED_TYPES } from '../model/okta-resource-types';
import type { Config } from '../policy/config';
import { Judge, type JudgedInput } from './judge';
import { resolveConfig } from './resolve-config';

export interface LintOptions {
  /** Folder relative paths are resolved from and shown relative to; defaults to the process's. */
  cwd?: string;
  /** The rules to run; defaults to all of them. */
  rules?: readonly Rule[];
  /** Configuration sources for locating plan and state findings (default: the plan's folder, or cwd). */
  source?: string;
  /** Root variable values for configuration inputs, in command-line order (later wins), like Terraform's `-var NAME=VALUE` and `-var-file FILE`. */
  assignments?: readonly Assignment[];
  /** Environment for TF_VAR_ variables; defaults to the process's. */
  env?: NodeJS.ProcessEnv;
  /** Configuration file; found from `cwd` upwards when absent; `false` for none. */
  config?: string | false;
  /** Baseline file (overrides the configuration's); `false` for none, e.g. while writing a new one. */
  baseline?: string | false;
  /** The current date, for suppression expiry; defaults to now. */
  now?: Date;
  /** Keep undecidable verdicts even where the configuration turns them off: a strict gate fails on them. */
  keepUnknown?: boolean;
  /** Lowest severity that fails the gate, over the configuration's failOn (`error` when neither says). */
  failOn?: FailOn;
  /** Undecidable verdicts fail the gate too. */
  failOnUnknown?: boolean;
  /** Reads the `-` input (standard input); defaults to the process's. */
  readStdin?: () => Buffer;
  /**
   * Inputs judged with the loaded ones, made from them (a door's reading of the live org, see
   * src/org/live.ts): the core itself never touches the network.
   */
  alongside?: (inputs: readonly JudgedInput[], config: Config | undefined) => Promise<JudgedInput[]>;
}

/**
 * Lints configurations, plans and state files. Rejects with a LoadError when any input cannot be
 * read: a gate fails closed rather than judge part of what it was given.
 */
export async function lint(paths: readonly string[], options: LintOptions = {}): Promise<Report> {
  return (await lintRun(paths, options)).report;
}

/** Configuration sources for a plan or state: --source, else its own folder, else the working folder. */
function sourcesFor(file: InputFile, cwd: string, source: string | undefined): string | undefined {
  if (source !== undefined) return resolve(cwd, source);
  for (const dir of file.stdin ? [cwd] : [dirname(file.absolute), cwd]) if (configFiles(dir).length > 0) return dir;
  return undefined;
}

/**
 * How plan and state inputs are read: from a file, or from the bytes of standard input. `unread` says
 * what becomes of resources whose types no rule reads (see json-stream/document.ts).
 */
export interface DocumentReading {
  file(path: string, display: string, unread: Unread): Result<JsonInput>;
  bytes(bytes: Buffer, display: string, unread: Unread): Result<JsonInput>;
}

// The whole-document reader and the baseline are loaded only by runs that use them (the configuration: resolve-config.ts).
function readJson(): typeof import('../inputs/read-json') {
  return require('../inputs/read-json') as typeof import('../inputs/read-json');
}

/** The streaming reader, which parses only the resources the analysis reads. */
export const STREAMING: DocumentReading = { file: readJsonStream, bytes: readJsonStreamBytes };
/** The whole document with JSON.parse: what the streaming reader must agree with. */
export const WHOLE: DocumentReading = { file: (path, display) => readJson().readJsonFile(path, display), bytes: (bytes, display) => readJson().parseJsonBytes(bytes, display) };

/**
 * Whether the sources write an inline suppression on a resource of a type no rule reads: the policy
 * judges it (unused, invalid) on the instances of that block, so they must be read, without their values.
 */
function suppressesUnreadTypes(index: ReadonlyMap<string, SourceEntry>): boolean {
  for (const [address, entry] of index) {
    if (entry.suppressions.length === 0) continue;
    const parsed = parseResourceAddress(address);
    if (!parsed || !ANALYZED_TYPES.has(parsed.type)) return true;
  }
  return false;
}

// The HCL loader (tree-sitter, the function library) is loaded only by runs that read code.
function loadConfiguration(path: string, options: ConfigurationOptions): Promise<Inventory> {
  return (require('../loaders/hcl/load-configuration') as typeof import('../loaders/hcl/load-configuration')).loadConfiguration(path, options);
}

function sourceIndexes(): typeof import('../loaders/hcl/source-index') {
  return require('../loaders/hcl/source-index') as typeof import('../loaders/hcl/source-index');
}

/**
 * Starts making the HCL parser for the sources of a plan before the plan is read: the parser's
 * WebAssembly then compiles on another core while this one reads the plan and loads the source index's
 * modules (about 4 % of a small plan's lint with its .tf beside it). It is made as it would be for the
 * folder's first .tf file, the first text the source index parses (parser.ts, BASELINE_ONLY_BELOW).
 * Whatever goes wrong is left to the source index, which meets the same promise.
 */
function startParser(sources: string): void {
  const first = configFiles(sources).find((name) => name.endsWith('.tf'));
  if (first === undefined) return;
  let size: number;
  try {
    size = statSync(join(sources, first)).size;
  } catch {
    return;
  }
  (require('../loaders/hcl/parser') as typeof import('../loaders/hcl/parser')).hclParser(size).catch(() => undefined);
}

/** Source indexes by folder; a LoadError where the folder's code could not be read. */
type Indexes = Map<string, Map<string, SourceEntry> | LoadError>;

async function load(file: InputFile, options: LintOptions, cwd: string, indexes: Indexes, unread: Map<string, { sources: string; error: LoadError }>, reading: DocumentReading): Promise<Inventory | undefined> {
  const configurationOptions = {
    cwd,
    assignments: options.assignments ?? [],
    env: options.env ?? process.env,
  };
  if (file.configuration) {
    return loadConfiguration(file.absolute, { ...configurationOptions, ...(file.only ? { only: file.only } : {}) });
  }
  const sources = sourcesFor(file, cwd, options.source);
  if (sources !== undefined && !indexes.has(sources)) startParser(sources);
  const stdin = file.stdin ? readStdin(options) : undefined;
  const readWith = (mode: Unread): Result<JsonInput> => (stdin ? (stdin.ok ? reading.bytes(stdin.value, STDIN_DISPLAY, mode) : stdin) : reading.file(file.absolute, file.display, mode));
  const read = readWith('drop');
  if (!read.ok) {
    if (file.fromDirectory && read.error.code === 'invalid-json' && !readJson().looksLikeTerraform(file.absolute)) return skipped(file);
    throw read.error;
  }
  // A folder may hold unrelated JSON (package.json, tsconfig.json); only named files must be Terraform.
  const detection = detect(read.value.json);
  const { kind } = detection;
  if (file.fromDirectory && kind === 'not-terraform') return skipped(file);
  if (kind === 'terraform-json' && file.stdin) {
    throw new LoadError('unsupported-kind', file.display, 'a Terraform JSON configuration cannot be read from standard input (its modules and variable files are found beside it); lint its file or folder');
  }
  // Terraform JSON configuration under another name (CDKTF snapshots, generated files): a one-file configuration.
  if (kind === 'terraform-json') return loadConfiguration(dirname(file.absolute), { ...configurationOptions, only: basename(file.absolute) });
  let loaded = loadDocument(read.value.json, file.display, detection);
  if (!loaded.ok) throw loaded.error;
  let index: Map<string, SourceEntry> | LoadError | undefined;
  if (sources) {
    index = indexes.get(sources);
    if (!index) {
      // The sources only place findings on lines: a plan's verdict never depends on whether they parse.
      try {
        index = await sourceIndexes().sourceIndex(sources, cwd);
      } catch (error) {
        if (!(error instanceof LoadError)) throw error;
        index = error;
      }
      indexes.set(sources, index);
    }
  }
  if (index instanceof Map && suppressesUnreadTypes(index)) {
    const again = readWith('skeleton');
    if (!again.ok) throw again.error;
    loaded = loadDocument(again.value.json, file.display, detection);
    if (!loaded.ok) throw loaded.error;
  }
  if (index instanceof LoadError) unread.set(file.display, { sources: relative(cwd, sources!) || '.', error: index });
  else if (index) sourceIndexes().locate(loaded.value, index);
  return loaded.value;
}

/** Unrelated JSON found in a folder (package.json, an earlier run's report): read, but no input. */
function skipped(file: InputFile): undefined {
  forgetRead(file.absolute);
  return undefined;
}

/**
 * The last line of defence for the limits (README "Limits"): input that still nests beyond what the
 * stack holds is refused in one line, never reported as a crash.
 */
async function loadWithin(file: InputFile, load: () => Promise<Inventory | undefined>): Promise<Inventory | undefined> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new LoadError('too-complex', file.display, 'nests too deeply to be read (see Limits in the README)');
    }
    throw error;
  }
}

function readStdin(options: LintOptions): Result<Buffer> {
  const bytes = (options.readStdin ?? readStandardInput)();
  if (bytes.length === 0) {
    return { ok: false, error: new LoadError('empty', STDIN_DISPLAY, 'standard input is empty; pipe a plan or state into it, e.g. terraform show -json tfplan | okta-push-guard lint -') };
  }
  return { ok: true, value: bytes };
}

/**
 * Variables given for a run that has no configuration input would not be read: plans and state carry
 * their values. Refused, so that nobody believes a variable file took part in the verdict.
 */
function unusedAssignment(given: LintOptions, files: readonly InputFile[]): LoadError | undefined {
  if (files.some((f) => f.configuration)) return undefined;
  const first = given.assignments?.[0];
  if (!first) return undefined;
  // A --var value may be a secret: name the variable only.
  const shown = first.kind === 'file' ? `--var-file ${first.value}` : `--var ${first.value.split('=')[0]}`;
  return new LoadError('unused-argument', shown, 'no input is a .tf or Terraform JSON configuration, so variables would not be read (a plan or state already holds its values)');
}

/** The judge a run's options and configuration call for: rules, baseline, fail threshold, suppressions. */
export function judgeFor(given: LintOptions, cwd: string, config: Config | undefined): Judge {
  const baselineFile = given.baseline === false ? undefined : (given.baseline ?? (config?.baseline !== undefined ? resolve(config.dir, config.baseline) : undefined));
  return new Judge({
    ...(config ? { config } : {}),
    ...(baselineFile !== undefined ? { baseline: (require('../policy/baseline') as typeof import('../policy/baseline')).readBaseline(resolve(cwd, baselineFile), cwd) } : {}),
    ...(given.now ? { now: given.now } : {}),
    ...(given.rules ? { rules: given.rules } : {}),
    ...(given.keepUnknown ? { keepUnknown: true } : {}),
    ...(given.failOn ? { failOn: given.failOn } : {}),
    ...(given.failOnUnknown ? { failOnUnknown: true } : {}),
  });
}

/** Judges inputs made elsewhere (the org a door read) under the same configuration, baseline and gate as lint. */
export function judgeRun(inputs: readonly JudgedInput[], given: LintOptions = {}): LintRun {
  const cwd = given.cwd ?? process.cwd();
  const judge = judgeFor(given, cwd, resolveConfig(given, cwd));
  const judged = judge.judge(inputs);
  return { report: judge.report(judged), runs: judged.runs, gate: judge.gate };
}

/** `reading` is for the equivalence test, which runs the same inputs through both readers. */
export async function lintRun(paths: readonly string[], given: LintOptions = {}, reading: DocumentReading = STREAMING): Promise<LintRun> {
  const cwd = given.cwd ?? process.cwd();
  const config = resolveConfig(given, cwd);
  // The configuration's variable files come first: what the command line gives wins over them.
  const fromConfig = (config?.varFiles ?? []).map((f): Assignment => ({ kind: 'file', value: resolve(config!.dir, f) }));
  const options: LintOptions = { ...given, assignments: [...fromConfig, ...(given.assignments ?? [])] };
  const sources = given.source ?? (config?.sources !== undefined ? resolve(config.dir, config.sources) : undefined);
  if (sources !== undefined) options.source = sources;
  const judge = judgeFor(given, cwd, config);
  const discovered = discover(paths.length > 0 ? paths : ['.'], cwd);
  if (!discovered.ok) throw discovered.error;
  const unused = unusedAssignment(given, discovered.value);
  if (unused) throw unused;

  const indexes: Indexes = new Map();
  const unread = new Map<string, { sources: string; error: LoadError }>();
  const inputs: JudgedInput[] = [];
  for (const file of discovered.value) {
    const inventory = await loadWithin(file, () => load(file, options, cwd, indexes, unread, reading));
    if (!inventory) continue;
    const sourcesUnread = unread.get(file.display);
    inputs.push({ path: file.display, inventory, ...(sourcesUnread ? { sourcesUnread: { sources: sourcesUnread.sources, problem: sourcesUnread.error.message } } : {}) });
  }
  if (inputs.length === 0) {
    throw new LoadError('no-inputs', paths.join(' ') || '.', 'no Terraform plan or state found (only unrelated JSON files)');
  }
  if (given.alongside) for (const input of await given.alongside(inputs, config)) inputs.push(input);
  const judged = judge.judge(inputs);
  return { report: judge.report(judged), runs: judged.runs, gate: judge.gate };
}
