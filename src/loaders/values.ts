// Walks the "values representation" shared by state JSON, a plan's prior_state and planned_values.
import { withMarkers } from '../model/markers';
import type { ObjectValue } from '../model/value';
import { arr, obj, optArr, optKey, optObj, optStr, str, type JsonObject } from '../inputs/shape';

export interface ValuesResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: string | number;
  deposed?: string;
  values: ObjectValue;
  /** `depends_on` of a state resource: what Terraform recorded it depends on (config addresses). */
  dependsOn?: string[];
}

/** Every resource of a `{root_module: …}` values object, child modules included, in document order. */
export function walkValues(values: JsonObject | undefined, path: string): ValuesResource[] {
  const out: ValuesResource[] = [];
  if (!values) return out;
  const visit = (module: JsonObject | undefined, at: string): void => {
    if (!module) return;
    optArr(module.resources, `${at}.resources`).forEach((r, i) => {
      const rat = `${at}.resources[${i}]`;
      const o = obj(r, rat);
      const resource: ValuesResource = {
        address: str(o.address, `${rat}.address`),
        mode: optStr(o.mode, `${rat}.mode`) ?? 'managed',
        type: str(o.type, `${rat}.type`),
        name: str(o.name, `${rat}.name`),
        values: withMarkers(optObj(o.values, `${rat}.values`) ?? {}, undefined, o.sensitive_values) as ObjectValue,
      };
      const index = optKey(o.index, `${rat}.index`);
      if (index !== undefined) resource.index = index;
      const deposed = optStr(o.deposed_key, `${rat}.deposed_key`);
      if (deposed) resource.deposed = deposed;
      const dependsOn = optArr(o.depends_on, `${rat}.depends_on`).map((d, k) => str(d, `${rat}.depends_on[${k}]`));
      if (dependsOn.length > 0) resource.dependsOn = dependsOn;
      out.push(resource);
    });
    arr(module.child_modules ?? [], `${at}.child_modules`).forEach((child, i) =>
      visit(obj(child, `${at}.child_modules[${i}]`), `${at}.child_modules[${i}]`),
    );
  };
  visit(optObj(values.root_module, `${path}.root_module`), `${path}.root_module`);
  return out;
}
