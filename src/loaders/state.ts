// Loads `terraform show -json` state output into an Inventory of what exists now.
import type { Inventory, ResourceInstance } from '../model/inventory';
import { collectSensitiveStrings } from '../model/value';
import { collectCredentials } from './credentials';
import { makeInstance } from './instance';
import { obj, optObj, optStr, type Json } from '../inputs/shape';
import { walkValues } from './values';
import { checkFormatVersion } from './version';

export function loadState(json: Json, file: string): Inventory {
  const root = obj(json, '$');
  const formatVersion = checkFormatVersion(root.format_version, 'format_version', 'state', file);
  const secrets = new Set<string>();
  const resources: ResourceInstance[] = walkValues(optObj(root.values, 'values'), 'values').map((r, i) => {
    const instance = makeInstance(
      { address: r.address, mode: r.mode, type: r.type, name: r.name, index: r.index, deposed: r.deposed, action: 'none', before: r.values, after: r.values, ...(r.dependsOn ? { dependsOn: r.dependsOn } : {}) },
      `values.resources[${i}]`,
    );
    collectSensitiveStrings(r.values, secrets);
    collectCredentials(r.type, r.values, secrets);
    return instance;
  });
  const inventory: Inventory = { kind: 'state', formatVersion, resources, variables: new Map(), secrets };
  const tfVersion = optStr(root.terraform_version, 'terraform_version');
  if (tfVersion) inventory.terraformVersion = tfVersion;
  return inventory;
}
