// The closed set of severities and the one rank table that orders them.

export const SEVERITIES = ['error', 'warning', 'note'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FAIL_ON_LEVELS = ['error', 'warning', 'note', 'none'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** True when a finding of `severity` fails a run gated at `failOn`. */
export function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'none' && RANK[severity] >= RANK[failOn];
}

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
