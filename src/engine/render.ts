// Turns a rule's message template and data into text, and keeps secrets out of it.

export function render(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message placeholder {{${key}}} has no data`);
    return value;
  });
}

/** A rule's remediation for one app (findings), or worded for any app (rule lists, help texts). */
export function remediationFor(remediation: string, app = 'the app'): string {
  return render(remediation, { app });
}

/** Shorter strings would mask ordinary words; credentials and tokens are longer than this. */
const MIN_SECRET_LENGTH = 4;

/**
 * Last line of defence: replaces any secret of the input that reached a text. A text is scanned once,
 * however many secrets the input holds: most positions are ruled out by their first two characters,
 * the rest by their first four, and a position that starts like a secret is tested once per distinct
 * length of the secrets that start so (secrets often share a prefix, as API tokens do).
 */
export class Scrubber {
  private readonly secrets = new Set<string>();
  /** By first four characters: the lengths of the secrets that start so, longest first. */
  private readonly lengthsByPrefix = new Map<string, number[]>();
  /** Bit set of the first two characters of every secret (hashed). */
  private readonly starts = new Uint8Array(1 << 16);

  constructor(secrets: Iterable<string>) {
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) continue;
      this.secrets.add(secret);
      const prefix = secret.slice(0, MIN_SECRET_LENGTH);
      const lengths = this.lengthsByPrefix.get(prefix);
      if (lengths === undefined) this.lengthsByPrefix.set(prefix, [secret.length]);
      else if (!lengths.includes(secret.length)) lengths.push(secret.length);
      this.starts[pairHash(secret, 0)] = 1;
    }
    // Longest first, so a secret that contains another is masked whole.
    for (const lengths of this.lengthsByPrefix.values()) lengths.sort((a, b) => b - a);
  }

  scrub(text: string): string {
    if (this.secrets.size === 0) return text;
    let out = '';
    let copied = 0;
    const last = text.length - MIN_SECRET_LENGTH;
    let i = 0;
    while (i <= last) {
      const length = this.starts[pairHash(text, i)] === 0 ? 0 : this.secretAt(text, i);
      if (length === 0) i++;
      else {
        out += text.slice(copied, i) + '(sensitive value)';
        i += length;
        copied = i;
      }
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** The length of the longest secret that starts at `i`, or 0. */
  private secretAt(text: string, i: number): number {
    const lengths = this.lengthsByPrefix.get(text.slice(i, i + MIN_SECRET_LENGTH));
    if (lengths === undefined) return 0;
    for (const length of lengths) if (i + length <= text.length && this.secrets.has(text.slice(i, i + length))) return length;
    return 0;
  }
}

function pairHash(text: string, i: number): number {
  return ((text.charCodeAt(i) << 7) ^ text.charCodeAt(i + 1)) & 0xffff;
}
