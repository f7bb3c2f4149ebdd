// The second part of a large .tf file, parsed and copied on another thread (parse-ahead.ts): the copy's
// arrays go back to the parser's thread, or nothing where the part did not parse cleanly; that thread
// then parses the whole file itself, and reports what is wrong with it.
import { parentPort, workerData } from 'node:worker_threads';
import { copyOfPart } from './parser';
import type { CopyParts } from './syntax';

function send(parts: CopyParts | undefined): void {
  const transfer = parts ? [parts.typeId, parts.startIndex, parts.endIndex, parts.firstChild, parts.lastChild, parts.nextSibling, parts.fieldId].map((a) => a.buffer as ArrayBuffer) : [];
  parentPort!.postMessage(parts ?? null, transfer);
}

copyOfPart(workerData as string, true).then(send, () => send(undefined));
