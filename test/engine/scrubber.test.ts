// The scrubber is the last guard between a secret and every output: it must mask exactly what a plain
// scan of the text, position by position and longest secret first, masks.
import fc from 'fast-check';
import { Scrubber } from '../../src/engine/render';

/** The rule written plainly: at each position, the longest secret (of 4 characters or more) that starts there. */
function reference(secrets: string[], text: string): string {
  const kept = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const hit = kept.find((s) => text.startsWith(s, i));
    if (hit) {
      out += '(sensitive value)';
      i += hit.length;
    } else out += text[i++];
  }
  return out;
}

describe('Scrubber', () => {
  it('masks every secret, the longest first, and leaves the rest of the text as it was', () => {
    const s = new Scrubber(['token-1-secret', 'token-1', 'abc', 'pw\u2028x']);
    expect(s.scrub('a token-1-secret and token-1, abc, pw\u2028x!')).toBe('a (sensitive value) and (sensitive value), abc, (sensitive value)!');
    expect(s.scrub('nothing here')).toBe('nothing here');
    expect(s.scrub('')).toBe('');
    expect(s.scrub('token-1')).toBe('(sensitive value)');
  });

  it('masks as the plain scan does, for any secrets and text (a small alphabet, so that secrets overlap)', () => {
    const piece = fc.stringMatching(/^[ab\u00e9\ud83d\ude00-]{0,9}$/);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.array(fc.oneof(piece, fc.constantFrom('x', ' ')), { maxLength: 12 }), (secrets, parts) => {
        // Texts made of secrets and their pieces, so that hits, near misses and overlaps are common.
        const text = parts.map((p, k) => (k % 2 === 0 && secrets.length > 0 ? secrets[k % secrets.length]!.slice(0, p.length) + p : p)).join('');
        expect(new Scrubber(secrets).scrub(text)).toBe(reference(secrets, text));
      }),
      { numRuns: 2000 },
    );
  });
});
