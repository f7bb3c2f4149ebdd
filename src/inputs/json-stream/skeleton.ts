// The value of a resource element without its payloads, built straight from bytes the scanner has
// already checked: each payload (values, marker trees, expressions) becomes an empty value of the same
// kind, so that the loaders still see its shape. Cheaper than cutting the text and parsing it again.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Names of object members that skeletons hold, made once rather than once per element. */
const KNOWN_KEYS = new Map<string, string>();
for (const key of [
  'address', 'mode', 'type', 'name', 'index', 'provider_name', 'schema_version', 'change', 'actions', 'depends_on', 'deposed', 'deposed_key',
  'action_reason', 'previous_address', 'instances', 'index_key', 'dependencies', 'module', 'each', 'provider', 'provider_config_key',
  'count_expression', 'for_each_expression', 'references', 'constant_value', 'create_before_destroy', 'status', 'before', 'after',
  'after_unknown', 'before_sensitive', 'after_sensitive', 'values', 'sensitive_values', 'attributes', 'attributes_flat', 'sensitive_attributes',
  'private', 'identity', 'identity_schema_version', 'expressions', 'replace_paths', 'importing', 'before_identity', 'after_identity',
]) {
  KNOWN_KEYS.set(key, key);
}

class Builder {
  private i: number;
  private cut = 0;

  constructor(
    private readonly buf: Buffer,
    from: number,
    /** Payload ranges [start, end), relative to `buf`. */
    private readonly cuts: number[],
  ) {
    this.i = from;
  }

  private ws(): number {
    const buf = this.buf;
    let c = buf[this.i]!;
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = buf[++this.i]!;
    return c;
  }

  value(): unknown {
    const c = this.ws();
    if (this.cut < this.cuts.length && this.i === this.cuts[this.cut]) {
      const end = this.cuts[this.cut + 1]!;
      this.cut += 2;
      if (c === 0x7b || c === 0x5b || c === QUOTE) {
        this.i = end;
        return c === 0x7b ? {} : c === 0x5b ? [] : '';
      }
    }
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === QUOTE) return this.string();
    const buf = this.buf;
    if (c === 0x74) {
      this.i += 4;
      return true;
    }
    if (c === 0x66) {
      this.i += 5;
      return false;
    }
    if (c === 0x6e) {
      this.i += 4;
      return null;
    }
    const start = this.i;
    let d = buf[this.i]!;
    // A checked number: digits, sign, point and exponent only.
    while ((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b || d === 0x2e || d === 0x65 || d === 0x45) d = buf[++this.i]!;
    return Number(buf.toString('latin1', start, this.i));
  }

  private string(): string {
    const buf = this.buf;
    const start = this.i;
    let i = start + 1;
    let plain = true;
    for (;;) {
      const c = buf[i]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        plain = false;
        i += 2;
        continue;
      }
      if (c >= 0x80) plain = false;
      i++;
    }
    this.i = i + 1;
    if (plain) return buf.toString('latin1', start + 1, i);
    return JSON.parse(buf.toString('utf8', start, i + 1)) as string;
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    if (this.ws() === 0x7d) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const raw = this.string();
      const key = KNOWN_KEYS.get(raw) ?? raw;
      this.ws();
      this.i++; // the colon
      const value = this.value();
      // As JSON.parse makes it: an own property even for `__proto__`.
      if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
      const c = this.ws();
      this.i++;
      if (c === 0x7d) return out;
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    if (this.ws() === 0x5d) {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      const c = this.ws();
      this.i++;
      if (c === 0x5d) return out;
    }
  }
}

/** The element at absolute offset `from` of `buf` (which starts at absolute offset `base`), with the payloads at `cuts` (absolute) emptied. */
export function skeleton(buf: Buffer, base: number, from: number, cuts: readonly number[]): unknown {
  const relative = cuts.map((c) => c - base);
  return new Builder(buf, from - base, relative).value();
}
