// The CLI skips yargs' rendering of the help text on every named command (main.ts, skipHelpCache): the
// internal it replaces must still exist in the yargs we ship, else start-up silently grows again; and a
// named command must still run and report, with --help still printing the command's own help.
import yargs from 'yargs';
import { main } from '../../src/cli/main';
import { FIXTURES } from '../support/fixtures';
import { captureIo } from '../support/io';

describe('the help text yargs would render on every run', () => {
  it('is cached by an internal that the pinned yargs still has', () => {
    const parser = yargs([]) as unknown as { getInternalMethods: () => { getUsageInstance: () => { cacheHelpMessage: unknown } } };
    expect(typeof parser.getInternalMethods().getUsageInstance().cacheHelpMessage).toBe('function');
  });

  it('is not needed by a named command, nor by its --help', async () => {
    const lint = captureIo();
    const code = await main(['lint', `${FIXTURES}/orphan-after-deactivate/plan.json`, '--no-config', '--format', 'json'], lint);
    expect(code).toBe(1);
    expect(JSON.parse(lint.out()).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('OPG001');
    const help = captureIo();
    expect(await main(['lint', '--help'], help)).toBe(0);
    expect(help.out()).toContain('--var-file');
  });
});
