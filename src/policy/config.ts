// The configuration file (found by find-config.ts, or given), parsed and validated against
// schema/config.schema.json; errors name the key path and what was expected.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { ErrorObject } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import type { FailOn, Severity } from '../engine/severity';
import { LoadError } from '../inputs/load-error';
import { PACKAGE_ROOT } from '../package-info';
import { describeJsonError } from '../inputs/read-json';
import { readInputText } from '../inputs/read-file';
import { MAX_CONFIG_FILE_BYTES, nestsDeeperThan, tooDeepDetail } from '../inputs/limits';

export interface ConfigSuppression {
  rule: string;
  address: string;
  reason: string;
  until?: string;
  owner?: string;
}

export interface Config {
  /** Where it was read from, as shown in messages. */
  file: string;
  /** Folder relative paths in the file are resolved from. */
  dir: string;
  failOn?: FailOn;
  rules?: Record<string, Severity | 'off'>;
  unknown?: Severity | 'off';
  sources?: string;
  varFiles?: string[];
  suppressions?: ConfigSuppression[];
  baseline?: string;
  /** The live org `audit` reads and `lint` judges plans against (like --org-url); lint reads no org without it. */
  orgUrl?: string;
}

let validator: ReturnType<Ajv2020['compile']> | undefined;

function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    // Loaded only when a configuration file exists: most runs never pay for ajv.
    const Ajv = (require('ajv/dist/2020') as { default: typeof Ajv2020 }).default;
    const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schema', 'config.schema.json'), 'utf8')) as object;
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

/** `rules.OPG003: must be one of error, warning, note, off` */
function explain(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.') || '(top level)';
  switch (error.keyword) {
    case 'enum':
      return `${path}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'additionalProperties':
      return `${path === '(top level)' ? '' : `${path}.`}${(error.params as { additionalProperty: string }).additionalProperty}: is not a known setting`;
    case 'required':
      return `${path}: needs "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'propertyNames':
      return `${path}: keys must be rule ids like OPG001`;
    case 'pattern':
      if (path.endsWith('reason')) return `${path}: must not be empty`;
      if (path.endsWith('until')) return `${path}: must be a date like 2027-03-31`;
      return `${path}: must match ${(error.params as { pattern: string }).pattern}`;
    default:
      return `${path}: ${error.message ?? 'is invalid'}`;
  }
}

/** `knownRules`: the rule ids that may be configured or suppressed (OPG000, findings about suppressions, may not). */
export function loadConfig(file: string, cwd: string, knownRules: ReadonlySet<string>): Config {
  const shown = relative(cwd, file) || file;
  const text = readInputText(file, shown, 'no such configuration file', MAX_CONFIG_FILE_BYTES);
  let data: unknown;
  const yaml = /\.ya?ml$/.test(file);
  try {
    data = yaml ? (require('yaml') as typeof import('yaml')).parse(text) : JSON.parse(text);
  } catch (error) {
    // Say where, never quote the text around it.
    const where = yaml
      ? (() => {
          const pos = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
          return pos ? `invalid YAML at line ${pos.line}, column ${pos.col}` : 'invalid YAML';
        })()
      : describeJsonError(text, error);
    throw new LoadError('bad-config', shown, `not valid ${yaml ? 'YAML' : 'JSON'}: ${where}`);
  }
  if (nestsDeeperThan(data)) throw new LoadError('bad-config', shown, tooDeepDetail());
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new LoadError('bad-config', shown, 'invalid configuration: the file must hold an object of settings');
  }
  const errors = validate(data);
  if (errors.length > 0) {
    // Keep one message per key path (ajv reports oneOf/anyOf branches separately).
    // propertyNames reports each bad key twice (its pattern, then the keyword itself): keep the clearer one.
    const messages = [...new Set(errors.filter((e) => !(e.keyword === 'pattern' && e.propertyName !== undefined)).map(explain))];
    throw new LoadError('bad-config', shown, `invalid configuration: ${messages.join('; ')}`);
  }
  const config = data as Omit<Config, 'file' | 'dir'>;
  const problems = [
    ...Object.keys(config.rules ?? {})
      .filter((id) => !knownRules.has(id))
      .map((id) => `rules.${id}: no such rule`),
    ...(config.suppressions ?? []).flatMap((s, i) => [
      ...(knownRules.has(s.rule) ? [] : [`suppressions.${i}.rule: no such rule ${s.rule}`]),
      ...(s.until === undefined || isCalendarDate(s.until) ? [] : [`suppressions.${i}.until: ${s.until} is not a calendar date`]),
    ]),
  ];
  if (problems.length > 0) throw new LoadError('bad-config', shown, `invalid configuration: ${problems.join('; ')}`);
  return { ...config, file: shown, dir: dirname(file) };
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
