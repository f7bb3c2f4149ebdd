// Provisioning credentials are secrets whether or not the input marks them sensitive.
import { lookup, type Value } from '../model/value';
import { CREDENTIAL_ATTRIBUTES } from '../model/okta-resource-types';

export function collectCredentials(type: string, values: Value | undefined, into: Set<string>): void {
  for (const path of CREDENTIAL_ATTRIBUTES.get(type) ?? []) {
    const found = lookup(values, ...path);
    if (found.state === 'known' && typeof found.value === 'string' && found.value !== '') into.add(found.value);
  }
}
