// Address patterns for suppressions: `*` matches within one part of an address (a name, a module
// or an instance key), `**` across parts. `module.legacy.okta_push_group.*`, `okta_push_group.eng["*"]`.
// Matched by simulating an automaton over the address, state sets rather than backtracking, so a
// pattern of many `*` takes time in proportion to the address times the pattern, never exponential.

export interface AddressPattern {
  test(address: string): boolean;
}

interface State {
  /** Transitions that consume one character. */
  edges: { accepts: (ch: string) => boolean; to: number }[];
  /** Transitions that consume nothing. */
  free: number[];
}

class Automaton {
  readonly states: State[] = [{ edges: [], free: [] }];
  /** The state the next piece starts from. */
  tail = 0;

  private add(): number {
    this.states.push({ edges: [], free: [] });
    return this.states.length - 1;
  }

  /** One character that `accepts`. */
  one(accepts: (ch: string) => boolean): void {
    const next = this.add();
    this.states[this.tail]!.edges.push({ accepts, to: next });
    this.tail = next;
  }

  /** Any number of characters that each `accepts`. */
  many(accepts: (ch: string) => boolean): void {
    const loop = this.add();
    this.states[this.tail]!.free.push(loop);
    this.states[loop]!.edges.push({ accepts, to: loop });
    this.tail = loop;
  }

  /** An optional instance key: `[`, anything but `]`, `]`. */
  optionalKey(): void {
    const start = this.tail;
    this.one((ch) => ch === '[');
    this.many((ch) => ch !== ']');
    this.one((ch) => ch === ']');
    this.states[start]!.free.push(this.tail);
  }

  private close(set: Set<number>): Set<number> {
    const stack = [...set];
    while (stack.length > 0) {
      for (const to of this.states[stack.pop()!]!.free) {
        if (set.has(to)) continue;
        set.add(to);
        stack.push(to);
      }
    }
    return set;
  }

  matches(text: string): boolean {
    let current = this.close(new Set([0]));
    for (const ch of text) {
      const next = new Set<number>();
      for (const s of current) for (const edge of this.states[s]!.edges) if (edge.accepts(ch)) next.add(edge.to);
      if (next.size === 0) return false;
      current = this.close(next);
    }
    return current.has(this.tail);
  }
}

export function addressPattern(glob: string): AddressPattern {
  const automaton = new Automaton();
  let inKey = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '"') inKey = !inKey;
    if (ch === '*' && glob[i + 1] === '*') {
      automaton.many(() => true);
      i++;
    } else if (ch === '*') {
      // Inside a quoted instance key anything but the closing quote; elsewhere one name, with its key.
      if (inKey) automaton.many((c) => c !== '"');
      else {
        automaton.many((c) => c !== '.' && c !== '[');
        automaton.optionalKey();
      }
    } else automaton.one((c) => c === ch);
  }
  // A pattern without an instance key also covers every instance of the block.
  automaton.optionalKey();
  return { test: (address) => automaton.matches(address) };
}
