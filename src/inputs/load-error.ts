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
  | 'too-large'
  | 'too-complex'
  | 'output-is-input'
  /** A live Okta org could not be read (refused credentials, a missing scope, the network). */
  | 'org-unreadable';

/**
 * Escapes what would break a one-line message: line breaks (also U+2028/U+2029, which JavaScript and
 * many log viewers treat as such), other control characters and lone surrogates, as `\n`, `\u2028`….
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Longest piece of input text an error message quotes: enough to recognise a name, never a whole value. */
export const MAX_QUOTED = 80;

/**
 * Input text as an error message may quote it: on one line and bounded. Only for names the user wrote
 * (a label, a key path); never for values, which may be secrets.
 */
export function quoted(text: string, max = MAX_QUOTED): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return `"${oneLine(cut)}"`;
}

/** Longest file name and explanation an error shows: a line a person can read, whatever the input holds. */
const MAX_FILE = 300;
const MAX_DETAIL = 600;

/** Text for a one-line message: line breaks escaped, and cut at `max` characters. */
export function oneLineBounded(text: string, max: number): string {
  const line = oneLine(text);
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

export class LoadError extends Error {
  readonly file: string;
  readonly detail: string;

  constructor(
    readonly code: LoadErrorCode,
    file: string,
    detail: string,
  ) {
    // Every error is one line on stderr, whatever the file name or a quoted key holds.
    const shownFile = oneLineBounded(file, MAX_FILE);
    const shownDetail = oneLineBounded(detail, MAX_DETAIL);
    super(`${shownFile}: ${shownDetail}`);
    this.file = shownFile;
    this.detail = shownDetail;
    this.name = 'LoadError';
  }
}

export type Result<T, E = LoadError> = { ok: true; value: T } | { ok: false; error: E };
