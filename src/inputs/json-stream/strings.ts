// One copy of each string value the reader keeps. JSON.parse makes a new string for every value it
// reads, and a plan repeats the same values over and over: the provider's name and the resource type
// in every element, and each resource's values in planned_values, in its change (before and after) and
// in prior_state. Sharing one copy keeps the memory of what is kept in proportion to what differs.

/**
 * Strings shorter than this are left as they are: V8's JSON parser already gives every value of fewer
 * than 10 one-byte characters from its string table, one copy of each (json-parser.h,
 * kMaxInternalizedStringValueLength).
 */
const SHORTEST_POOLED = 10;

/** How many distinct strings a pool holds at most: a Map holds fewer than 2^24 entries, and throws past that. */
export const MAX_POOLED = 2 ** 23;

/** Strings seen so far; each value read is replaced by the first copy of it. */
export class StringPool {
  private readonly seen = new Map<string, string>();

  /** `limit`: how many distinct strings it keeps; those it meets once full stay as parsed. */
  constructor(private readonly limit = MAX_POOLED) {}

  /** `value` (as JSON.parse made it) with every string in it, at any depth, the pool's copy. */
  share<T>(value: T): T {
    if (typeof value === 'string') return this.one(value) as T;
    if (value !== null && typeof value === 'object') this.shareIn(value as object);
    return value;
  }

  private one(s: string): string {
    if (s.length < SHORTEST_POOLED) return s;
    const kept = this.seen.get(s);
    if (kept !== undefined) return kept;
    if (this.seen.size < this.limit) this.seen.set(s, s);
    return s;
  }

  private shareIn(target: object): void {
    if (Array.isArray(target)) {
      for (let i = 0; i < target.length; i++) {
        const v: unknown = target[i];
        if (typeof v === 'string') target[i] = this.one(v);
        else if (v !== null && typeof v === 'object') this.shareIn(v);
      }
      return;
    }
    const record = target as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      // Equal strings compare equal whichever copy they are: every one is written back. An own `__proto__`
      // key (JSON.parse makes it a data property) is written as that property, never the prototype.
      if (typeof v === 'string') record[key] = this.one(v);
      else if (v !== null && typeof v === 'object') this.shareIn(v);
    }
  }
}
