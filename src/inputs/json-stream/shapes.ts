// Where Terraform's JSON documents hold their resources, by key, for every kind the loaders read (plan,
// state, raw tfstate): the reader descends into these and parses the rest of the document whole. Keys
// name the same places in every kind, so the document's kind need not be known before it is read.
import { PayloadKeys, type RequiredKind } from './scanner';

export type Handler =
  /** An object some of whose members are read by their own handler; the others are parsed whole. */
  | { kind: 'object'; field: (key: string) => Handler | undefined }
  | { kind: 'array'; element: Handler }
  /** One resource: parsed whole when the analysis reads its type, else without its payload. */
  | { kind: 'resource'; keys: PayloadKeys }
  /** Checked and dropped: no loader reads it (a plan's resource_drift). */
  | { kind: 'discard' };

const keys = (payload: string[], sensitive: string[], required: [string, RequiredKind, number?][]): PayloadKeys =>
  new PayloadKeys(new Set([...payload, ...sensitive]), new Set(sensitive), required);

/** A resource_changes element: its change's values and marker trees. */
const CHANGE = keys(['before', 'after', 'after_unknown', 'replace_paths', 'importing', 'before_identity', 'after_identity'], ['before_sensitive', 'after_sensitive'], [
  ['address', 'string'],
  ['change', 'object'],
  ['actions', 'non-empty array', 2],
]);
/** A resource of the values representation (state, planned_values, prior_state). */
const VALUES = keys(['values', 'identity'], ['sensitive_values'], [
  ['address', 'string'],
  ['name', 'string'],
]);
/** A resource of raw tfstate, with its instances. */
const TFSTATE = keys(['attributes', 'attributes_flat', 'private', 'identity'], ['sensitive_attributes'], [
  ['name', 'string'],
  ['instances', 'array'],
]);
/** A resource of a plan's configuration: its expressions. */
const CONFIG = keys(['expressions'], [], [['address', 'string']]);

/** The kinds of resource element the look-ahead reader reads (segments.ts), by name, as a thread can pass them. */
export const ELEMENT_KEYS = { change: CHANGE, values: VALUES, config: CONFIG } as const;
export type ElementKind = keyof typeof ELEMENT_KEYS;
/** Every kind of resource element, for tests that compare the two scanners on each. */
export const EVERY_ELEMENT_KEYS: readonly PayloadKeys[] = [CHANGE, VALUES, TFSTATE, CONFIG];

const object = (field: (key: string) => Handler | undefined): Handler => ({ kind: 'object', field });
const arrayOf = (element: Handler): Handler => ({ kind: 'array', element });
const resource = (payload: PayloadKeys): Handler => ({ kind: 'resource', keys: payload });

const valuesModule: Handler = object((key) => (key === 'resources' ? arrayOf(resource(VALUES)) : key === 'child_modules' ? arrayOf(valuesModule) : undefined));
const valuesRoot = object((key) => (key === 'root_module' ? valuesModule : undefined));
const moduleCall: Handler = object((key) => (key === 'module' ? configModule : undefined));
const configModule: Handler = object((key) => {
  if (key === 'resources') return arrayOf(resource(CONFIG));
  if (key === 'module_calls') return object(() => moduleCall);
  return undefined;
});

const ROOT_FIELDS: ReadonlyMap<string, Handler> = new Map([
  ['resource_changes', arrayOf(resource(CHANGE))],
  ['resource_drift', { kind: 'discard' }],
  ['planned_values', valuesRoot],
  ['prior_state', object((key) => (key === 'values' ? valuesRoot : undefined))],
  ['values', valuesRoot],
  ['resources', arrayOf(resource(TFSTATE))],
  ['configuration', object((key) => (key === 'root_module' ? configModule : undefined))],
]);

/** The top level of any input document. */
export const DOCUMENT: Handler = object((key) => ROOT_FIELDS.get(key));
