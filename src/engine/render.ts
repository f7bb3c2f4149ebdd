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
 * Last line of defence: replaces any secret of the input that reached a text. Secrets are indexed
 * by their first characters so a message is scanned once, however many secrets the input holds.
 */
export class Scrubber {
  private readonly byPrefix = new Map<string, string[]>();

  constructor(secrets: Iterable<string>) {
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH) continue;
      const prefix = secret.slice(0, MIN_SECRET_LENGTH);
      const list = this.byPrefix.get(prefix);
      if (list) list.push(secret);
      else this.byPrefix.set(prefix, [secret]);
    }
    // Longest first, so a secret that contains another is masked whole.
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    if (this.byPrefix.size === 0) return text;
    let out = '';
    let i = 0;
    while (i < text.length) {
      const candidates = this.byPrefix.get(text.slice(i, i + MIN_SECRET_LENGTH));
      const hit = candidates?.find((secret) => text.startsWith(secret, i));
      if (hit) {
        out += '(sensitive value)';
        i += hit.length;
      } else {
        out += text[i];
        i++;
      }
    }
    return out;
  }
}
