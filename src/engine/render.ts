// Turns a rule's message template and data into text, and keeps secrets out of it.

export function render(template: string, data: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message placeholder {{${key}}} has no data`);
    return value;
  });
}

/** Shorter strings would mask ordinary words; credentials and tokens are longer than this. */
const MIN_SECRET_LENGTH = 4;

/** Last line of defence: replaces any secret of the input that reached a text. */
export function scrub(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join('(sensitive value)');
  }
  return out;
}
