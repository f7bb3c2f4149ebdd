// Inline suppressions in code: `# okta-push-guard:ignore OPG001 until=2027-03-31 reason="OKTA-42" owner=iam`
// on or above a resource block.
import type { InlineSuppression } from '../model/inventory';

export type { InlineSuppression };

const MARKER = /okta-push-guard:ignore\b(.*)$/;

export function parseInlineSuppressions(comments: readonly string[]): InlineSuppression[] {
  const out: InlineSuppression[] = [];
  for (const comment of comments) {
    const m = MARKER.exec(comment.replace(/\*\/\s*$/, ''));
    if (!m) continue;
    const rest = m[1]!.trim();
    const ids = /^([A-Za-z0-9,]+)/.exec(rest);
    const suppression: InlineSuppression = { rules: ids ? ids[1]!.split(',').filter(Boolean).map((r) => r.toUpperCase()) : [] };
    for (const kv of rest.slice(ids ? ids[0].length : 0).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)) {
      const value = kv[2] !== undefined ? kv[2].replace(/\\(.)/g, '$1') : kv[3]!;
      if (kv[1] === 'reason') suppression.reason = value;
      else if (kv[1] === 'until') suppression.until = value;
      else if (kv[1] === 'owner') suppression.owner = value;
    }
    if (suppression.rules.length === 0 || !suppression.rules.every((r) => /^OPG\d{3}$/.test(r))) {
      suppression.problem = 'it must name rule ids, e.g. okta-push-guard:ignore OPG001 reason="…"';
    } else if (!suppression.reason?.trim()) suppression.problem = 'it has no reason="…"; every suppression must say why';
    else if (suppression.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(suppression.until)) suppression.problem = `until=${suppression.until} is not a date like 2027-03-31`;
    out.push(suppression);
  }
  return out;
}
