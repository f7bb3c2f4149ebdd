// Every real file of the shared corpus: valid plans and states lint (exit 0 or 1, no crash);
// invalid, legacy and not-yet-supported ones are refused with a one-line message naming the file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main';
import { CORPUS, corpusEntries } from './support/corpus';
import { captureIo } from './support/io';
import { describeWith } from './support/outside';

const entries = corpusEntries();

/** What the tool must say about a corpus file, from INDEX.md's kind column. */
function expectation(kind: string, version: string): 'lint' | RegExp {
  if (kind === 'invalid') return /invalid JSON at line \d+, column \d+|truncated JSON/;
  if (kind === 'tfstate' && version !== 'v4') return /raw tfstate version \d is not supported/;
  if (kind === 'cdktf-manifest') return /this is a CDKTF manifest/;
  if (kind === 'other') return /not a Terraform plan or state/;
  return 'lint';
}

describeWith('corpus', 'shared corpus', () => {
  it('indexes every file it holds, so the walk below misses none', () => {
    const files = (dir: string, prefix = ''): string[] =>
      readdirSync(join(CORPUS, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
      );
    const onDisk = files('.').filter((f) => f !== 'INDEX.md').sort();
    expect(entries.map((e) => e.file).sort()).toEqual(onDisk);
  });

  it.each(entries.map((e) => [e.file, e.kind, e.version] as const))('%s (%s)', async (file, kind, version) => {
    const io = captureIo();
    const code = await main(['lint', join(CORPUS, file), '--format', 'json'], io);
    const expected = expectation(kind, version);
    if (expected === 'lint') {
      expect(io.err()).toBe('');
      expect([0, 1]).toContain(code);
      const report = JSON.parse(io.out()) as { inputs: { kind: string }[] };
      expect(report.inputs).toHaveLength(1);
      const loaded = report.inputs[0]!.kind;
      if (kind === 'plan') expect(['plan', 'redacted-plan']).toContain(loaded);
      else if (kind === 'state(show -json)') expect(loaded).toBe('state');
      else if (kind === 'cdktf') expect(loaded).toBe('config');
      else expect(loaded).toBe('tfstate');
    } else {
      expect(code).toBe(2);
      const lines = io.err().trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toMatch(expected);
      // stdout carries the JSON failure document, not an empty (or a clean) report.
      const failure = JSON.parse(io.out()) as { error: { message: string }; findings?: unknown };
      expect(`okta-push-guard: error: ${failure.error.message}`).toBe(lines[0]);
      expect(failure.findings).toBeUndefined();
    }
  });
});
