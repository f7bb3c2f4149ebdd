// Inline suppressions in code: `# okta-push-guard:ignore OPG001 until=2027-03-31 reason="OKTA-42" owner=iam`
// on or above a resource block.
import type { InlineSuppression } from '../../model/inventory';
import { quoted } from '../../inputs/load-error';

export type { InlineSuppression };

const MARKER = /okta-push-guard:ignore\b(.*)$/;

export function parseInlineSuppressions(comments: readonly string[]): InlineSuppression[] {
  const out: InlineSuppression[] = [];
  for (const comment of comments) {
    const m = MARKER.exec(comment.replace(/\*\/\s*$/, ''));
    if (!m) continue;
    const rest = m[1]!.trim();
    // Rule ids separated by commas, with or without spaces after them: `OPG001,OPG002`, `OPG001, OPG002`.
    const ids = /^[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*/.exec(rest);
    const suppression: InlineSuppression = { rules: ids ? ids[0].split(/\s*,\s*/).map((r) => r.toUpperCase()) : [] };
    // Everything after the ids is key=value pairs; anything else (a second id without a comma, a
    // misspelt key) would be silently ignored, so it makes the suppression invalid instead.
    const unexpected: string[] = [];
    for (const token of rest.slice(ids ? ids[0].length : 0).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))|(\S+)/g)) {
      if (token[4] !== undefined) {
        unexpected.push(token[4]);
        continue;
      }
      const value = token[2] !== undefined ? token[2].replace(/\\(.)/g, '$1') : token[3]!;
      if (token[1] === 'reason') suppression.reason = value;
      else if (token[1] === 'until') suppression.until = value;
      else if (token[1] === 'owner') suppression.owner = value;
      else unexpected.push(`${token[1]}=`);
    }
    if (unexpected.length > 0) {
      const first = unexpected[0]!.slice(0, 40);
      suppression.problem = `unexpected ${quoted(first, 40)}; write rule ids separated by commas, then reason="…", until=YYYY-MM-DD, owner=…`;
    } else if (suppression.rules.length === 0 || !suppression.rules.every((r) => /^OPG\d{3}$/.test(r))) {
      suppression.problem = 'it must name rule ids, e.g. okta-push-guard:ignore OPG001 reason="…"';
    } else if (!suppression.reason?.trim()) suppression.problem = 'it has no reason="…"; every suppression must say why';
    else if (suppression.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(suppression.until)) suppression.problem = `until=${quoted(suppression.until, 20)} is not a date like 2027-03-31`;
    out.push(suppression);
  }
  return out;
}
