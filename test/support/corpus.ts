// The shared corpus of real Terraform JSON (../shared/corpus) and what its INDEX.md says each file is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

export interface CorpusEntry {
  file: string;
  kind: string;
  version: string;
  exercises: string;
}

/** Rows of INDEX.md tables: `| \`file\` | origin | commit | licence | kind | fv | tf | bytes | exercises |`. */
export function corpusEntries(): CorpusEntry[] {
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
