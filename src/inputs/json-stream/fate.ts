// What becomes of a resource element once scanned: one decision for both readers, the document reader
// and the look-ahead (segments.ts), so that they cannot disagree.
import { ANALYZED_TYPES } from '../../model/okta-resource-types';
import type { ElementFacts, PayloadKeys } from './scanner';

/**
 * What becomes of a resource whose type the analysis does not read: `drop` leaves it out (a hole in its
 * array, so that every other element keeps its index, and the loaders, which walk arrays with forEach,
 * never see it); `skeleton` keeps it without its payload, for runs where its address still matters (an
 * inline suppression written on it must be judged).
 */
export type Unread = 'drop' | 'skeleton';

/** A resource element is parsed whole, left out, or kept as a skeleton (without its payloads). */
export const DROP = 0;
export const PARSE = 1;
export const SKELETON = 2;
export type Fate = typeof DROP | typeof PARSE | typeof SKELETON;

export function newFacts(): ElementFacts {
  return { typeStart: -1, typeEnd: -1, typeEscaped: false, cuts: [], marksSensitive: false, present: 0 };
}

export function resetFacts(facts: ElementFacts): ElementFacts {
  facts.typeStart = -1;
  facts.typeEnd = -1;
  facts.typeEscaped = false;
  facts.cuts.length = 0;
  facts.marksSensitive = false;
  facts.present = 0;
  return facts;
}

/**
 * What becomes of a scanned resource element (its bytes in `buf`, which starts at absolute offset `base`):
 * kept whole for a type the analysis reads, no type to tell by, secrets to collect, or a shape the loader
 * must refuse; otherwise left out or, for `skeleton`, kept without its payloads. One decision for both
 * readers, this thread's and the look-ahead's.
 */
export function elementFate(facts: ElementFacts, keys: PayloadKeys, buf: Buffer, base: number, unread: Unread): Fate {
  if (facts.marksSensitive || facts.typeEnd < 0 || facts.present !== keys.allPresent || analyzed(facts, buf, base)) return PARSE;
  if (unread === 'drop') return DROP;
  return facts.cuts.length === 0 ? PARSE : SKELETON;
}

/** Whether the element's type is one the analysis reads, compared byte by byte (no string made). */
function analyzed(facts: ElementFacts, buf: Buffer, base: number): boolean {
  if (facts.typeEscaped) return ANALYZED_TYPES.has(JSON.parse(buf.toString('utf8', facts.typeStart - base, facts.typeEnd - base)) as string);
  const from = facts.typeStart + 1 - base;
  const length = facts.typeEnd - 1 - base - from;
  for (const name of ANALYZED_BY_LENGTH[length] ?? []) {
    let k = 0;
    while (k < length && buf[from + k] === name[k]) k++;
    if (k === length) return true;
  }
  return false;
}

/** ANALYZED_TYPES as bytes, by length. */
const ANALYZED_BY_LENGTH: Buffer[][] = [];
for (const type of ANALYZED_TYPES) {
  const bytes = Buffer.from(type, 'utf8');
  (ANALYZED_BY_LENGTH[bytes.length] ??= []).push(bytes);
}
