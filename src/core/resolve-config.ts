// Finds and loads the configuration file in force: its own module, so that the CDKTF Aspect, which
// needs only this of lint's options, does not load the readers of every input format with it.
import { resolve } from 'node:path';
import { rules as allRules } from '../../rules';
import type { Config } from '../policy/config';
import { findConfig } from '../policy/find-config';

/** The configuration in force (`config: false` for none; a path; else found from `cwd` upwards). */
export function resolveConfig(options: { readonly config?: string | false }, cwd: string): Config | undefined {
  if (options.config === false) return undefined;
  const file = options.config !== undefined ? resolve(cwd, options.config) : findConfig(cwd);
  if (file === undefined) return undefined;
  // The configuration's reader (and its schema validator) is loaded only where a file is read.
  const { loadConfig } = require('../policy/config') as typeof import('../policy/config');
  return loadConfig(file, cwd, new Set(allRules.map((r) => r.meta.id)));
}
