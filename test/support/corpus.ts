// The shared corpus of real Terraform JSON and what its INDEX.md says each file is. It may be absent
// (a user's clone): then CORPUS is empty, there are no entries, and the tests skip (see outside.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from './outside';

export const CORPUS = corpusDir() ?? '';

export interface CorpusEntry {
  file: string;
  kind: string;
  version: string;
  exercises: string;
}

/** Rows of INDEX.md tables: `| \`file\` | origin | commit | licence | kind | fv | tf | bytes | exercises |`. */
export function corpusEntries(): CorpusEntry[] {
  if (CORPUS === '') return [];
  const index = readFileSync(join(CORPUS, 'INDEX.md'), 'utf8');
  const entries: CorpusEntry[] = [];
  for (const line of index.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([^`]+)`$/.exec(cells[1] ?? '');
    if (!file || cells.length < 10) continue;
    entries.push({ file: file[1]!, kind: cells[5]!, version: cells[6]!, exercises: cells[9] ?? '' });
  }
  return entries;
}
