// Reads the `configuration` section of a plan: resources, module calls, outputs and variables, with expressions.
import type { BlockExpressions, ConfigExpression, ModuleConfig, ResourceConfig } from '../model/inventory';
import { isObject, obj, optArr, optObj, optStr, str, type Json } from '../inputs/shape';

/** An expression object is `{constant_value}`, `{references}`, or bare `{}`; anything else is a nested block. */
function isExpression(v: Json): boolean {
  return isObject(v) && ('constant_value' in v || 'references' in v || Object.keys(v).length === 0);
}

export function parseExpression(v: Json, path: string): ConfigExpression | undefined {
  if (v === undefined || v === null) return undefined;
  const o = obj(v, path);
  const references = optArr(o.references, `${path}.references`).map((r, i) => str(r, `${path}.references[${i}]`));
  return 'constant_value' in o ? { constant: o.constant_value, references } : { references };
}

export function parseBlock(v: Json, path: string): BlockExpressions {
  const out: BlockExpressions = {};
  for (const [key, value] of Object.entries(optObj(v, path) ?? {})) {
    const at = `${path}.${key}`;
    if (isExpression(value)) out[key] = parseExpression(value, at)!;
    else if (Array.isArray(value)) out[key] = value.map((b, i) => parseBlock(b, `${at}[${i}]`));
    else out[key] = parseBlock(value, at);
  }
  return out;
}

export function parseModuleConfig(v: Json, path: string): ModuleConfig {
  const m = optObj(v, path) ?? {};
  const resources = new Map<string, ResourceConfig>();
  optArr(m.resources, `${path}.resources`).forEach((r, i) => {
    const at = `${path}.resources[${i}]`;
    const o = obj(r, at);
    const config: ResourceConfig = {
      address: str(o.address, `${at}.address`),
      expressions: parseBlock(o.expressions, `${at}.expressions`),
    };
    const forEach = parseExpression(o.for_each_expression, `${at}.for_each_expression`);
    const count = parseExpression(o.count_expression, `${at}.count_expression`);
    if (forEach) config.forEach = forEach;
    if (count) config.count = count;
    resources.set(config.address, config);
  });

  const moduleCalls: ModuleConfig['moduleCalls'] = new Map();
  for (const [name, call] of Object.entries(optObj(m.module_calls, `${path}.module_calls`) ?? {})) {
    const at = `${path}.module_calls.${name}`;
    const c = obj(call, at);
    const expressions: { [k: string]: ConfigExpression } = {};
    for (const [k, e] of Object.entries(optObj(c.expressions, `${at}.expressions`) ?? {})) {
      // Module inputs are always plain expressions; a nested object here is an object literal.
      expressions[k] = isExpression(e) ? parseExpression(e, `${at}.expressions.${k}`)! : { references: [] };
    }
    const forEach = parseExpression(c.for_each_expression, `${at}.for_each_expression`);
    const count = parseExpression(c.count_expression, `${at}.count_expression`);
    moduleCalls.set(name, {
      name,
      source: optStr(c.source, `${at}.source`),
      expressions,
      ...(forEach ? { forEach } : {}),
      ...(count ? { count } : {}),
      module: parseModuleConfig(c.module, `${at}.module`),
    });
  }

  const outputs = new Map<string, ConfigExpression>();
  for (const [name, output] of Object.entries(optObj(m.outputs, `${path}.outputs`) ?? {})) {
    const at = `${path}.outputs.${name}`;
    outputs.set(name, parseExpression(obj(output, at).expression, `${at}.expression`) ?? { references: [] });
  }

  const variables: ModuleConfig['variables'] = new Map();
  for (const [name, variable] of Object.entries(optObj(m.variables, `${path}.variables`) ?? {})) {
    const o = obj(variable, `${path}.variables.${name}`);
    variables.set(name, { default: o.default, sensitive: o.sensitive === true });
  }
  return { resources, moduleCalls, outputs, variables };
}


