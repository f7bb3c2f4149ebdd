// Which files of a folder Terraform reads as configuration, and in what order.
import { readdirSync } from 'node:fs';

export function isConfigFile(name: string): boolean {
  return (name.endsWith('.tf') || name.endsWith('.tf.json')) && !name.startsWith('.');
}

const OVERRIDE = /(^|_)override\.tf(\.json)?$/;

/** `override.tf`, `*_override.tf(.json)`: merged into the other files, last. */
export function isOverrideFile(name: string): boolean {
  return OVERRIDE.test(name);
}

/** Files Terraform reads for this module, in its order: lexical, override files last. */
export function configFiles(dir: string): string[] {
  try {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && isConfigFile(e.name))
      .map((e) => e.name)
      .sort();
    return [...names.filter((n) => !OVERRIDE.test(n)), ...names.filter((n) => OVERRIDE.test(n))];
  } catch {
    return [];
  }
}
