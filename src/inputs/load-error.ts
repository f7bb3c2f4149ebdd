// Why an input could not be read: a code, the file and a one-line explanation for people.

export type LoadErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'no-inputs'
  | 'invalid-json'
  | 'binary-plan'
  | 'not-terraform'
  | 'unsupported-version'
  | 'unsupported-kind'
  | 'bad-shape'
  | 'invalid-hcl'
  | 'module-not-found'
  | 'module-cycle'
  | 'bad-config'
  | 'unused-argument'
  | 'unwritable'
  /** A live Okta org could not be read (refused credentials, a missing scope, the network). */
  | 'org-unreadable';

export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'LoadError';
  }
}

export type Result<T, E = LoadError> = { ok: true; value: T } | { ok: false; error: E };
