// Where the configuration file is: the nearest from the working folder upwards. A module of its own,
// apart from config.ts, so that a run without a configuration file (most of them) loads nothing that
// reads one: config.ts brings the JSON and YAML readers with it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_NAMES = ['.okta-push-guard.json', '.okta-push-guard.yaml', '.okta-push-guard.yml'];

/** The nearest configuration file from `cwd` upwards. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
