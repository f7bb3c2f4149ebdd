// Provisioning credentials are secrets whether or not the input marks them sensitive.
import { lookup, type Value } from '../model/value';

const CREDENTIAL_PATHS: Record<string, string[][]> = {
  okta_app_connection: [
    ['profile', 'token'],
    ['profile', 'settings', 'admin_password'],
  ],
};

export function collectCredentials(type: string, values: Value | undefined, into: Set<string>): void {
  for (const path of CREDENTIAL_PATHS[type] ?? []) {
    const found = lookup(values, ...path);
    if (found.state === 'known' && typeof found.value === 'string' && found.value !== '') into.add(found.value);
  }
}
