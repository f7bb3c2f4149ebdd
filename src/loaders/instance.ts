// Builds ResourceInstance records with their derived address parts, for every loader alike.
import { formatModulePath, type InstanceKey, joinAddress, localAddress, moduleConfigPath, parseResourceAddress } from '../model/address';
import type { Action, ResourceInstance } from '../model/inventory';
import type { ObjectValue } from '../model/value';
import { ShapeError } from '../inputs/shape';

export interface InstanceParts {
  address: string;
  mode?: string;
  type?: string;
  name?: string;
  index?: InstanceKey;
  deposed?: string;
  action: Action;
  before: ObjectValue | null;
  after: ObjectValue | null;
  dependsOn?: string[];
}

export function makeInstance(parts: InstanceParts, path: string): ResourceInstance {
  const parsed = parseResourceAddress(parts.address);
  // Not quoted: a malformed address may hold a secret, a megabyte, or line breaks.
  if (!parsed) throw new ShapeError(`${path}.address`, 'a resource address', 'a string that is not one');
  const mode = parts.mode === 'data' ? 'data' : parsed.mode;
  const type = parts.type ?? parsed.type;
  const name = parts.name ?? parsed.name;
  const index = parts.index ?? parsed.key;
  const modulePath = formatModulePath(parsed.modules);
  const local = localAddress(mode, type, name);
  const instance: ResourceInstance = {
    address: parts.address,
    id: parts.deposed ? `${parts.address} (deposed ${parts.deposed})` : parts.address,
    modules: parsed.modules,
    modulePath,
    configAddress: joinAddress(moduleConfigPath(parsed.modules), local),
    mode,
    type,
    name,
    action: parts.action,
    before: parts.before,
    after: parts.after,
  };
  if (index !== undefined) instance.index = index;
  if (parts.deposed) instance.deposed = parts.deposed;
  if (parts.dependsOn?.length) instance.dependsOn = parts.dependsOn;
  return instance;
}
