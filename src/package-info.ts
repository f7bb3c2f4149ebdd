// The package's own name, version and root folder, read once from package.json.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('okta-push-guard: package.json not found above ' + start);
    dir = parent;
  }
  return dir;
}

/** Works from the sources (tests) and from dist/ (the published package) alike. */
export const PACKAGE_ROOT = findRoot(__dirname);

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; homepage: string };

export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
export const TOOL_HOMEPAGE = pkg.homepage;

/** A rule's page as published with this version of the package. */
export function ruleDocUri(name: string): string {
  return `https://unpkg.com/${TOOL_NAME}@${TOOL_VERSION}/rules/${name}.md`;
}
