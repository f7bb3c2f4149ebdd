// Builds the okta provider double once: its TypeScript sources compiled by swc (type checking is the
// project's `tsc --noEmit`, which covers test/) into a folder keyed by the sources' hash, with its .proto
// files and the executable Terraform launches (`terraform-provider-okta`, found through dev_overrides).
import { transformFileSync } from '@swc/core';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = join(__dirname, 'provider');
const PROTOS = join(__dirname, 'proto');
const CACHE = join(__dirname, '..', '..', 'node_modules', '.cache', 'okta-push-guard-oracle');

/** The folder holding `terraform-provider-okta`, built if the sources changed. */
export function buildProvider(): string {
  const files = readdirSync(SOURCES).filter((f) => f.endsWith('.ts')).sort();
  const protos = readdirSync(PROTOS).filter((f) => f.endsWith('.proto')).sort();
  const hash = createHash('sha256');
  hash.update(process.execPath);
  for (const f of files) hash.update(f).update(readFileSync(join(SOURCES, f)));
  for (const f of protos) hash.update(f).update(readFileSync(join(PROTOS, f)));
  const dir = join(CACHE, hash.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'terraform-provider-okta'))) return dir;

  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(join(tmp, 'proto'), { recursive: true });
  for (const f of files) {
    const { code } = transformFileSync(join(SOURCES, f), {
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
      sourceMaps: false,
      swcrc: false,
      configFile: false,
    });
    writeFileSync(join(tmp, f.replace(/\.ts$/, '.js')), code);
  }
  for (const f of protos) copyFileSync(join(PROTOS, f), join(tmp, 'proto', f));
  const launcher = join(tmp, 'terraform-provider-okta');
  writeFileSync(launcher, `#!/bin/sh\nexec '${process.execPath.replace(/'/g, `'\\''`)}' '${join(dir, 'main.js').replace(/'/g, `'\\''`)}' "$@"\n`);
  chmodSync(launcher, 0o755);
  try {
    renameSync(tmp, dir);
  } catch {
    // Another process built the same sources first.
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
