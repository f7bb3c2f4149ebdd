// The command line as typed, made safe for yargs: Terraform's single-dash `-var` / `-var-file`
// accepted, `-` kept as standard input, everything after `--` a path, and every form that yargs
// would silently misread (a single-dash word, `--no-` on an option that is not a switch, `-v` among
// other arguments) refused. A gate must never pass because an argument meant something else.

/** What the parser needs to know of each option. */
export interface OptionSpec {
  name: string;
  alias?: string;
  /** Takes one value per occurrence (`--name value` or `--name=value`). */
  value: boolean;
  /** May be given more than once (each occurrence adds a value). */
  repeat?: boolean;
  /** `--no-name` is meaningful (a switch, or `--no-config`). */
  negatable?: boolean;
}

/** `-` on the command line: read a plan or state from standard input. */
export const STDIN = '-';
/** What `-` is turned into for yargs, which drops a bare `-`; no path can hold a NUL. */
export const STDIN_TOKEN = '\u0000stdin';

/** Terraform's spellings, which users type out of habit: `-var`, `-var-file`, with or without `=`. */
const TERRAFORM_STYLE = /^-(var|var-file)(=.*)?$/s;

export type Prepared =
  | {
      ok: true;
      /** Tokens for yargs (before `--`). */
      argv: string[];
      /** Paths after `--`, taken as they are. */
      paths: string[];
      /** `--var` and `--var-file` values in command-line order: Terraform lets the later one win. */
      assignments: { kind: 'var' | 'file'; value: string }[];
    }
  | { ok: false; error: string };

function quote(token: string): string {
  return JSON.stringify(token.length > 60 ? `${token.slice(0, 60)}…` : token);
}

export function prepareArgv(raw: readonly string[], specs: readonly OptionSpec[]): Prepared {
  const byName = new Map<string, OptionSpec>();
  for (const spec of specs) {
    byName.set(spec.name, spec);
    if (spec.alias) byName.set(spec.alias, spec);
  }
  const argv: string[] = [];
  const assignments: { kind: 'var' | 'file'; value: string }[] = [];
  const end = raw.indexOf('--');
  const before = end < 0 ? raw : raw.slice(0, end);
  const paths = end < 0 ? [] : raw.slice(end + 1).map((p) => (p === STDIN ? STDIN_TOKEN : p));
  const seen = new Map<string, number>();

  for (let i = 0; i < before.length; i++) {
    let token = before[i]!;
    if (token === STDIN) {
      argv.push(STDIN_TOKEN);
      continue;
    }
    if (TERRAFORM_STYLE.test(token)) token = `-${token}`;
    if (!token.startsWith('-')) {
      argv.push(token);
      continue;
    }
    if (!token.startsWith('--') && token.length > 2) {
      const word = token.slice(1).replace(/=.*$/s, '');
      const hint = byName.has(word) ? `; did you mean --${word}?` : ' (options take two dashes; see okta-push-guard --help)';
      return { ok: false, error: `unknown option ${quote(token)}${hint}` };
    }
    const long = token.startsWith('--');
    const eq = long ? token.indexOf('=') : -1;
    const name = long ? token.slice(2, eq < 0 ? undefined : eq) : token.slice(1);
    const negated = long && name.startsWith('no-') && !byName.has(name) ? name.slice(3) : undefined;
    const spec = byName.get(negated ?? name);
    if (spec && negated !== undefined && !spec.negatable) return { ok: false, error: `unknown option ${quote(token)}: --${spec.name} is not a switch` };
    if (spec && negated === undefined && eq >= 0 && !spec.value) return { ok: false, error: `--${spec.name} takes no value` };
    if (spec?.name === 'version' && raw.length > 1) return { ok: false, error: `--version takes no other arguments` };
    if (spec) {
      const count = (seen.get(spec.name) ?? 0) + 1;
      seen.set(spec.name, count);
      if (count > 1 && !spec.repeat) return { ok: false, error: `--${spec.name} may be given only once` };
    }
    if (!spec?.value || negated !== undefined) {
      argv.push(token);
      continue;
    }
    // The value is the rest of the token after `=`, else the next token, whatever it looks like;
    // handed to yargs joined by `=` so that it cannot be read as an option or a path.
    const value = eq >= 0 ? token.slice(eq + 1) : before[++i];
    if (value === undefined) return { ok: false, error: `--${spec.name} needs a value` };
    argv.push(`--${spec.name}=${value}`);
    if (spec.name === 'var' || spec.name === 'var-file') assignments.push({ kind: spec.name === 'var' ? 'var' : 'file', value });
  }
  return { ok: true, argv, paths, assignments };
}
