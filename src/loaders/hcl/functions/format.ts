// format() and formatlist(): the verbs modules use (%s %d %v %q %t %f %x %X %o %b %%, widths, the -
// and 0 flags, %[n] argument indexes). Other verbs and flags are unknown rather than approximated.
import { UnknownValue, type Value } from '../../../model/value';
import { EvalError } from '../errors';
import { checkLength } from '../errors';
import { formatNumber, Imprecise, toStr } from '../values';
import { jsonText } from './encoding';
import { graphemes } from './strings';
import type { Family } from './spec';

const VERB = /%(?:\[(\d+)\])?([-0+ #]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;

function pad(text: string, width: number | undefined, left: boolean, zero: boolean): string {
  const length = graphemes(text).length;
  if (width === undefined || length >= width) return text;
  checkLength(width);
  const fill = (zero && !left ? '0' : ' ').repeat(width - length);
  if (left) return text + fill;
  // Zero padding goes after the sign.
  return zero && /^[-+]/.test(text) ? text[0] + fill + text.slice(1) : fill + text;
}

function integer(v: Value): number {
  if (typeof v !== 'number' && typeof v !== 'string') throw new EvalError('format: an integer is required');
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new EvalError('format: an integer is required');
  if (!Number.isSafeInteger(n)) throw new Imprecise();
  return n;
}

function verb(v: Value, letter: string, flags: string, precision: number | undefined): string {
  const n = (): number => integer(v);
  switch (letter) {
    case 's':
      if (v === null || typeof v === 'object') throw new EvalError('format: %s needs a string');
      return precision === undefined ? toStr(v) : graphemes(toStr(v)).slice(0, precision).join('');
    case 'v':
      if (flags.includes('#')) return jsonText(v);
      if (v === null || typeof v === 'object') throw new Imprecise();
      return toStr(v);
    case 'q':
      if (v === null || typeof v === 'object') throw new EvalError('format: %q needs a string');
      return jsonText(toStr(v));
    case 't':
      if (typeof v !== 'boolean' && v !== 'true' && v !== 'false') throw new EvalError('format: %t needs a bool');
      return String(v === true || v === 'true');
    case 'd': {
      const value = n();
      return flags.includes('+') && value >= 0 ? `+${value}` : String(value);
    }
    case 'x':
      return n().toString(16);
    case 'X':
      return n().toString(16).toUpperCase();
    case 'o':
      return n().toString(8);
    case 'b':
      return n().toString(2);
    case 'f': {
      if (typeof v !== 'number' && typeof v !== 'string') throw new EvalError('format: %f needs a number');
      const x = Number(v);
      if (formatNumber(x) instanceof UnknownValue) throw new Imprecise();
      const digits = precision ?? 6;
      // toFixed rounds binary doubles; a tie in the decimal text (1.005) may round otherwise in Terraform.
      const scaled = Math.abs(x) * 10 ** digits;
      if (Math.abs(scaled - Math.round(scaled)) > 0.4999 && Math.abs(scaled - Math.round(scaled)) < 0.5001) throw new Imprecise();
      return x.toFixed(digits);
    }
    default:
      throw new Imprecise();
  }
}

export function format(spec: string, args: Value[]): string {
  let next = 0;
  let out = '';
  let last = 0;
  for (const m of spec.matchAll(VERB)) {
    out += spec.slice(last, m.index);
    last = m.index + m[0].length;
    const [, index, flags = '', width, precision, letter] = m;
    if (letter === '%') {
      out += '%';
      continue;
    }
    if (flags.includes(' ') || (flags.includes('#') && letter !== 'v')) throw new Imprecise();
    if (index !== undefined) next = Number(index) - 1;
    if (next >= args.length) throw new EvalError('format: not enough arguments');
    const text = verb(args[next]!, letter!, flags, precision === undefined ? undefined : Number(precision));
    next++;
    out += pad(text, width === undefined ? undefined : Number(width), flags.includes('-'), flags.includes('0') && letter !== 's');
  }
  const rest = spec.slice(last);
  if (rest.includes('%')) throw new EvalError('format: a lone % in the format string');
  return out + rest;
}

export const FORMAT_FUNCTIONS: Family = {
  format: {
    min: 1,
    max: Infinity,
    impl: ([spec, ...args]) => format(toStr(spec!), args),
  },
  formatlist: {
    min: 1,
    max: Infinity,
    impl: ([spec, ...args]) => {
      const lengths = new Set(args.filter(Array.isArray).map((a) => (a as Value[]).length));
      if (lengths.size > 1) throw new EvalError('formatlist: the lists differ in length');
      const [length = 1] = [...lengths];
      if (lengths.size === 0) return [format(toStr(spec!), args)];
      return Array.from({ length }, (_, i) => format(toStr(spec!), args.map((a) => (Array.isArray(a) ? a[i]! : a))));
    },
  },
};
