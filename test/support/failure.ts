// What a run that judged nothing (exit 2) must leave in a SARIF file, checked the same way for the CLI
// and for the GitHub Action.
import '@microsoft/jest-sarif';
import type * as Sarif from 'sarif';

/** A valid SARIF log of one failed run: no results, and the error as a tool execution notification. */
export function expectFailedSarif(text: string, expected: { message: string | RegExp; file?: string }): void {
  const log = JSON.parse(text) as Sarif.Log;
  expect(log).toBeValidSarifLog();
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  expect(run.tool.driver.name).toBe('okta-push-guard');
  expect(run.results).toEqual([]);
  const invocation = run.invocations?.[0];
  expect(invocation?.executionSuccessful).toBe(false);
  const notifications = invocation?.toolExecutionNotifications ?? [];
  expect(notifications).toHaveLength(1);
  expect(notifications[0]!.level).toBe('error');
  const text0 = notifications[0]!.message.text ?? '';
  expect(text0).not.toContain('\n');
  if (typeof expected.message === 'string') expect(text0).toBe(expected.message);
  else expect(text0).toMatch(expected.message);
  const uri = notifications[0]!.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
  expect(uri).toBe(expected.file);
}
