// The files of one module folder parsed into bodies: when their .tf text is large in all, the worker
// thread (parse-ahead.ts) parses some of them while this thread parses the others.
import type { Body } from './ast';
import { parseAhead, shareOut, SPLIT, type SplitOptions } from './parse-ahead';
import { adoptBody, parseHcl } from './parser';
import { parseTerraformJson } from './tf-json';

/** A configuration file as read: its name in the folder, its path as shown, its text. */
export interface ConfigText {
  name: string;
  shown: string;
  text: string;
}

type Outcome = { body: Body } | { error: unknown };

async function parseOne(file: ConfigText, split: SplitOptions): Promise<Outcome> {
  try {
    return { body: file.name.endsWith('.tf') ? await parseHcl(file.text, file.shown, split) : parseTerraformJson(file.text, file.shown) };
  } catch (error) {
    return { error };
  }
}

/**
 * The bodies of `files`, in their order. The first of them, in that order, that does not parse throws
 * its error, as parsing them one after another would; a file the worker could not parse is parsed here,
 * which says what is wrong with it.
 */
export async function parseFiles(files: readonly ConfigText[], split: SplitOptions = SPLIT): Promise<Body[]> {
  const tf = files.flatMap((f, i) => (f.name.endsWith('.tf') ? [i] : []));
  const theirs = shareOut(
    tf.map((i) => files[i]!.text.length),
    split.from,
  ).map((k) => tf[k]!);
  const ahead = theirs.length > 0 ? parseAhead(theirs.map((i) => files[i]!.text), split.script) : undefined;
  const worker = new Map(ahead ? theirs.map((fileIndex, k) => [fileIndex, k]) : []);
  // While the worker runs, no file here is cut in two as well: there is no third core to give it.
  const here = ahead ? { ...split, from: Number.POSITIVE_INFINITY } : split;
  const outcomes: Outcome[] = [];
  const started = Date.now();
  try {
    for (let i = 0; i < files.length; i++) if (!worker.has(i)) outcomes[i] = await parseOne(files[i]!, here);
    const bodies: Body[] = [];
    for (let i = 0; i < files.length; i++) {
      const k = worker.get(i);
      if (k !== undefined) {
        // The worker had as much to do, and a thread to start: it gets at least as long again.
        const parts = await ahead!.take(k, Math.max(2000, 2 * (Date.now() - started)));
        outcomes[i] = parts ? { body: await adoptBody(parts, files[i]!.text) } : await parseOne(files[i]!, here);
      }
      const outcome = outcomes[i]!;
      if ('error' in outcome) throw outcome.error;
      bodies.push(outcome.body);
    }
    return bodies;
  } finally {
    ahead?.stop();
  }
}
