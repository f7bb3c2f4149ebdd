// Loads a raw `terraform.tfstate` (format version 4) into an Inventory of what exists now.
import { formatKey, joinAddress, localAddress } from '../model/address';
import type { Inventory, ResourceInstance } from '../model/inventory';
import { sensitivePathsToTree, withMarkers } from '../model/markers';
import { collectSensitiveStrings, type ObjectValue } from '../model/value';
import { collectCredentials } from './credentials';
import { makeInstance } from './instance';
import { isObject, isUnsafeKey, obj, optArr, optKey, optObj, optStr, str, type Json, type JsonObject } from '../inputs/shape';

/** Terraform 0.11-era flatmap (`"profile.0.token"`, `"list.#"`) back into nested values. */
export function unflatten(flat: JsonObject): JsonObject {
  const root: JsonObject = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    const last = parts[parts.length - 1];
    if (last === '#' || last === '%' || parts.some(isUnsafeKey)) continue;
    let node: JsonObject = root;
    parts.slice(0, -1).forEach((part) => {
      if (!isObject(node[part])) node[part] = {};
      node = node[part] as JsonObject;
    });
    node[last!] = value;
  }
  return listify(root) as JsonObject;
}

/** Objects whose keys are all 0..n-1 were lists in the flatmap. */
function listify(v: Json): Json {
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  const out: JsonObject = {};
  for (const k of keys) out[k] = listify(v[k]);
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => out[k]);
  return out;
}

export function loadTfstate(json: Json, _file: string): Inventory {
  const root = obj(json, '$');
  const secrets = new Set<string>();
  const resources: ResourceInstance[] = [];
  optArr(root.resources, 'resources').forEach((r, i) => {
    const at = `resources[${i}]`;
    const o = obj(r, at);
    const mode = optStr(o.mode, `${at}.mode`) ?? 'managed';
    const type = str(o.type, `${at}.type`);
    const name = str(o.name, `${at}.name`);
    const module = optStr(o.module, `${at}.module`) ?? '';
    optArr(o.instances, `${at}.instances`).forEach((inst, j) => {
      const iat = `${at}.instances[${j}]`;
      const io = obj(inst, iat);
      const key = optKey(io.index_key, `${iat}.index_key`);
      const raw = isObject(io.attributes)
        ? io.attributes
        : isObject(io.attributes_flat)
          ? unflatten(io.attributes_flat)
          : (optObj(io.attributes, `${iat}.attributes`) ?? {});
      const values = withMarkers(raw, undefined, sensitivePathsToTree(io.sensitive_attributes)) as ObjectValue;
      const local = `${localAddress(mode, type, name)}${formatKey(key)}`;
      const dependsOn = optArr(io.dependencies, `${iat}.dependencies`).map((d, k) => str(d, `${iat}.dependencies[${k}]`));
      resources.push(
        makeInstance(
          { address: joinAddress(module, local), mode, type, name, index: key, deposed: optStr(io.deposed, `${iat}.deposed`), action: 'none', before: values, after: values, dependsOn },
          iat,
        ),
      );
      collectSensitiveStrings(values, secrets);
      collectCredentials(type, values, secrets);
    });
  });
  const inventory: Inventory = { kind: 'tfstate', formatVersion: '4', resources, variables: new Map(), secrets };
  const tfVersion = optStr(root.terraform_version, 'terraform_version');
  if (tfVersion) inventory.terraformVersion = tfVersion;
  return inventory;
}
