// One copy of each string value the reader keeps. JSON.parse makes a new string for every value it
// reads, and a plan repeats the same values over and over: the provider's name and the resource type
// in every element, and each resource's values in planned_values, in its change (before and after) and
// in prior_state. Sharing one copy keeps the memory of what is kept in proportion to what differs.

/** Strings seen so far; each value read is replaced by the first copy of it. */
export class StringPool {
  private readonly seen = new Map<string, string>();

  /** `value` (as JSON.parse made it) with every string in it, at any depth, the pool's copy. */
  share<T>(value: T): T {
    if (typeof value === 'string') return this.one(value) as T;
    if (value !== null && typeof value === 'object') this.shareIn(value as object);
    return value;
  }

  private one(s: string): string {
    const kept = this.seen.get(s);
    if (kept !== undefined) return kept;
    this.seen.set(s, s);
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
      if (typeof v === 'string') {
        // Equal strings compare equal whichever copy they are: every one is replaced. An own `__proto__`
        // key (JSON.parse makes one) must stay a data property, not set the prototype.
        if (key === '__proto__') Object.defineProperty(record, key, { value: this.one(v), writable: true, enumerable: true, configurable: true });
        else record[key] = this.one(v);
      } else if (v !== null && typeof v === 'object') this.shareIn(v);
    }
  }
}
