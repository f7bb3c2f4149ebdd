// Expands the paths given on the command line into inputs: plan/state files and configuration folders.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { configFiles, isConfigFile } from './config-files';
import { LoadError, type Result } from './load-error';
import { MAX_JSON_FILE_BYTES } from './limits';
import { readInputText } from './read-file';
import { isObject } from './shape';
import { STDIN_DISPLAY } from './stdin';

export interface InputFile {
  /** Path as it will be shown: as given, or joined to the folder it was found in. */
  display: string;
  absolute: string;
  /** A folder of .tf / .tf.json files, linted as one configuration. */
  configuration: boolean;
  /** For a configuration given as one file: that file's name (the rest of its folder is not read). */
  only?: string;
  /** Found by scanning a folder (so a non-Terraform JSON file there is skipped, not an error). */
  fromDirectory: boolean;
  /** `-`: a plan or state read from standard input. */
  stdin?: boolean;
}

const CANDIDATE = /\.(json|tfstate)$/;

/** Stacks a cdktf.out manifest names, as one-file configuration inputs. */
function manifestStacks(outdir: string, shownOutdir: string): Result<InputFile[]> {
  const manifestFile = join(outdir, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(readInputText(manifestFile, manifestFile, undefined, MAX_JSON_FILE_BYTES));
  } catch {
    return { ok: false, error: new LoadError('invalid-json', join(shownOutdir, 'manifest.json'), 'not a readable CDKTF manifest') };
  }
  const stacks = isObject(manifest) && isObject(manifest.stacks) ? Object.values(manifest.stacks) : [];
  const inputs: InputFile[] = [];
  for (const stack of stacks) {
    const path = isObject(stack) && typeof stack.synthesizedStackPath === 'string' ? stack.synthesizedStackPath : undefined;
    if (!path) continue;
    const file = join(outdir, path);
    if (!existsSync(file)) {
      return { ok: false, error: new LoadError('not-found', join(shownOutdir, path), 'the CDKTF manifest names this stack, but it is missing; run `cdktf synth` again') };
    }
    inputs.push({ display: join(shownOutdir, path), absolute: dirname(file), configuration: true, fromDirectory: false, only: basename(file) });
  }
  if (inputs.length === 0) return { ok: false, error: new LoadError('no-inputs', shownOutdir, 'the CDKTF manifest names no stacks') };
  return { ok: true, value: inputs };
}

/** A CDKTF project (cdktf.json) or its synth output (cdktf.out with manifest.json): lint every stack. */
function cdktfStacks(dir: string, given: string): Result<InputFile[]> | undefined {
  const project = join(dir, 'cdktf.json');
  if (existsSync(project)) {
    let output = 'cdktf.out';
    try {
      const config = JSON.parse(readInputText(project, project, undefined, MAX_JSON_FILE_BYTES)) as unknown;
      if (isObject(config) && typeof config.output === 'string') output = config.output;
    } catch {
      return { ok: false, error: new LoadError('invalid-json', join(given, 'cdktf.json'), 'cdktf.json is not valid JSON') };
    }
    const outdir = join(dir, output);
    if (!existsSync(join(outdir, 'manifest.json'))) {
      return { ok: false, error: new LoadError('no-inputs', given, `a CDKTF project with nothing synthesized in ${output}/; run \`cdktf synth\` first`) };
    }
    return manifestStacks(outdir, join(given, output));
  }
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest) && existsSync(join(dir, 'stacks'))) return manifestStacks(dir, given);
  return undefined;
}

export function discover(paths: readonly string[], cwd: string): Result<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (input: InputFile): void => {
    const key = input.only ? join(input.absolute, input.only) : input.absolute;
    if (seen.has(key)) return;
    seen.add(key);
    files.push(input);
  };
  for (const raw of paths) {
    if (raw === '-') {
      add({ display: STDIN_DISPLAY, absolute: STDIN_DISPLAY, configuration: false, fromDirectory: false, stdin: true });
      continue;
    }
    // `./plan.json` and `plan.json` are one input: findings and fingerprints name it the same way.
    const given = normalize(raw).replace(/[\\/]+$/, '') || '.';
    const absolute = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const detail = code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? 'unknown error'})`;
      return { ok: false, error: new LoadError(code === 'ENOENT' ? 'not-found' : 'unreadable', given, detail) };
    }
    if (!stat.isDirectory() && ['cdktf.json', 'manifest.json'].includes(basename(absolute))) {
      const stacks = cdktfStacks(dirname(absolute), dirname(given));
      if (stacks) {
        if (!stacks.ok) return stacks;
        stacks.value.forEach(add);
        continue;
      }
    }
    if (!stat.isDirectory()) {
      // A .tf or .tf.json file given alone is a configuration of that one file (modules it calls are followed).
      if (isConfigFile(basename(absolute))) {
        add({ display: given, absolute: dirname(absolute), configuration: true, fromDirectory: false, only: basename(absolute) });
      } else add({ display: given, absolute, configuration: false, fromDirectory: false });
      continue;
    }
    const stacks = cdktfStacks(absolute, given);
    if (stacks) {
      if (!stacks.ok) return stacks;
      stacks.value.forEach(add);
      // Hand-written .tf beside a CDKTF project is a configuration of its own.
      if (configFiles(absolute).length > 0) add({ display: given, absolute, configuration: true, fromDirectory: false });
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(absolute, { withFileTypes: true })
        .filter((e) => e.isFile() && CANDIDATE.test(e.name) && !e.name.startsWith('.') && !isConfigFile(e.name))
        .map((e) => e.name)
        .sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, error: new LoadError('unreadable', given, `cannot list the folder (${code ?? 'unknown error'})`) };
    }
    const hasConfiguration = configFiles(absolute).length > 0;
    if (names.length === 0 && !hasConfiguration) {
      return {
        ok: false,
        error: new LoadError('no-inputs', given, 'no Terraform configuration (*.tf, *.tf.json), plan or state (*.json, *.tfstate) here'),
      };
    }
    if (hasConfiguration) add({ display: given, absolute, configuration: true, fromDirectory: false });
    for (const name of names) add({ display: join(given, name), absolute: join(absolute, name), configuration: false, fromDirectory: true });
  }
  return { ok: true, value: files };
}
