// Texts of .tf files parsed and copied on another thread (parse-ahead.ts): the second part of a large
// file, or some of the files of a module folder. Each copy's arrays go back to the parser's thread as
// soon as it is made, or nothing where a text did not parse cleanly; that thread then parses that text
// itself, and reports what is wrong with it.
import { parentPort, workerData } from 'node:worker_threads';
import type { PartMessage } from './parse-ahead';
import { copyOfPart } from './parser';
import type { CopyParts } from './syntax';

function send(index: number, parts: CopyParts | undefined): void {
  const transfer = parts ? [parts.typeId, parts.startIndex, parts.endIndex, parts.firstChild, parts.lastChild, parts.nextSibling, parts.fieldId].map((a) => a.buffer as ArrayBuffer) : [];
  const message: PartMessage = { index, parts: parts ?? null };
  parentPort!.postMessage(message, transfer);
}

async function run(texts: readonly string[]): Promise<void> {
  for (let i = 0; i < texts.length; i++) {
    // The last tree is left to the end of the thread (see copyOfPart).
    const parts = await copyOfPart(texts[i]!, i === texts.length - 1).catch(() => undefined);
    send(i, parts);
  }
}

void run(workerData as string[]);
