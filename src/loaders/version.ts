// Format-version gates: minor versions are additive and accepted, a new major version is refused.
import { LoadError, quoted } from '../inputs/load-error';
import { typeName } from '../inputs/shape';

/** Accepts `0.1` up to any `1.x`; throws a LoadError naming what was found and what is supported. */
export function checkFormatVersion(version: unknown, field: string, what: string, file: string): string {
  if (typeof version !== 'string' || !/^\d+\.\d+(\.\d+)?$/.test(version)) {
    throw new LoadError('bad-shape', file, `${field} must be a version string like "1.2" (found ${typeof version === 'string' ? quoted(version, 20) : typeName(version)})`);
  }
  const major = Number(version.split('.')[0]);
  if (major >= 2) {
    throw new LoadError(
      'unsupported-version',
      file,
      `unsupported ${what} ${field} ${version}; okta-push-guard reads ${field} 0.1 to 1.x`,
    );
  }
  return version;
}
