// String functions. Lengths and substrings count grapheme clusters, as Terraform does; regular
// expressions are not evaluated (RE2 and JavaScript differ), so regex(), regexall() and a /…/ replace are unknown.
import { UNKNOWN } from '../../../model/value';
import { checkLength, EvalError } from '../errors';
import { toStr } from '../values';
import { fixed, type Family } from './spec';

// Made on first use: creating it starts ICU's segmentation, ~9 ms of every run that loads the
// evaluator, most of which never call a string function.
let segmenter: Intl.Segmenter | undefined;

export function graphemes(s: string): string[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

/** Go's unicode.IsSpace, which strings.TrimSpace uses. */
const SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const LEADING_SPACE = new RegExp(`^[${SPACE}]+`, 'u');
const TRAILING_SPACE = new RegExp(`[${SPACE}]+$`, 'u');

/** strings.Title: a letter after a separator (anything but a letter, digit or underscore) is upper-cased. */
function title(s: string): string {
  let out = '';
  let previous = ' ';
  for (const ch of s) {
    const separator = /[\p{L}\p{N}_]/u.test(previous) ? false : previous.codePointAt(0)! < 0x80 ? true : /\s/u.test(previous);
    out += separator ? ch.toUpperCase() : ch;
    previous = ch;
  }
  return out;
}

function substr(s: string, offset: number, length: number): string {
  const parts = graphemes(s);
  if (!Number.isInteger(offset) || !Number.isInteger(length)) throw new EvalError('substr needs whole numbers');
  let start = offset < 0 ? offset + parts.length : offset;
  if (start < 0) start = 0;
  if (start >= parts.length) return '';
  const rest = parts.slice(start);
  return (length < 0 ? rest : rest.slice(0, length)).join('');
}

function trimSet(s: string, cutset: string, leading: boolean, trailing: boolean): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (leading && a < b && cut.has(chars[a]!)) a++;
  while (trailing && b > a && cut.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

function isRegex(s: string): boolean {
  return s.length > 1 && s.startsWith('/') && s.endsWith('/');
}

export const STRING_FUNCTIONS: Family = {
  lower: fixed(1, ([s]) => toStr(s!).toLowerCase()),
  upper: fixed(1, ([s]) => toStr(s!).toUpperCase()),
  title: fixed(1, ([s]) => title(toStr(s!))),
  trimspace: fixed(1, ([s]) => toStr(s!).replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')),
  trim: fixed(2, ([s, cut]) => trimSet(toStr(s!), toStr(cut!), true, true)),
  trimprefix: fixed(2, ([s, p]) => {
    const [text, prefix] = [toStr(s!), toStr(p!)];
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  }),
  trimsuffix: fixed(2, ([s, p]) => {
    const [text, suffix] = [toStr(s!), toStr(p!)];
    return suffix !== '' && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text;
  }),
  chomp: fixed(1, ([s]) => toStr(s!).replace(/(?:\r\n?|\n)*$/, '')),
  substr: fixed(3, ([s, o, l]) => substr(toStr(s!), Number(toStr(o!)), Number(toStr(l!)))),
  startswith: fixed(2, ([s, p]) => toStr(s!).startsWith(toStr(p!))),
  endswith: fixed(2, ([s, p]) => toStr(s!).endsWith(toStr(p!))),
  strcontains: fixed(2, ([s, p]) => toStr(s!).includes(toStr(p!))),
  strrev: fixed(1, ([s]) => graphemes(toStr(s!)).reverse().join('')),
  split: fixed(2, ([sep, s]) => {
    const [separator, text] = [toStr(sep!), toStr(s!)];
    return separator === '' ? [...text] : text.split(separator);
  }),
  join: {
    min: 2,
    max: Infinity,
    impl: ([sep, ...lists]) => {
      const out: string[] = [];
      for (const list of lists) {
        if (!Array.isArray(list)) throw new EvalError('join needs lists of strings');
        for (const item of list) out.push(toStr(item));
      }
      return out.join(toStr(sep!));
    },
  },
  replace: fixed(3, ([s, f, r]) => {
    const [text, search, replacement] = [toStr(s!), toStr(f!), toStr(r!)];
    if (isRegex(search)) return UNKNOWN;
    // Go's strings.Replace with an empty search inserts the replacement around every character.
    if (search === '') checkLength((text.length + 1) * (replacement.length + 1));
    if (search === '') return replacement + [...text].join(replacement) + replacement;
    return text.split(search).join(replacement);
  }),
  indent: fixed(2, ([n, s]) => {
    const width = Number(toStr(n!));
    checkLength(width);
    const spaces = ' '.repeat(width);
    return toStr(s!).replace(/\n/g, `\n${spaces}`);
  }),
};
