// rules, explain, --version and --help.
import { rules } from '../../rules';
import { main } from '../../src/cli/main';
import { TOOL_VERSION } from '../../src/package-info';
import { captureIo } from '../support/io';

async function run(...args: string[]) {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('information commands', () => {
  it('rules prints a table row per rule', async () => {
    const { code, out } = await run('rules');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SEVERITY\s+DESCRIPTION$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(rules.map((r) => r.meta.id));
    expect(lines[1]).toMatch(/^OPG001\s+push-mapping-on-disabled-provisioning\s+error\s+Disallow/);
  });

  it('rules --format json lists id, name, severity and description', async () => {
    const list = JSON.parse((await run('rules', '--format', 'json')).out) as { id: string }[];
    expect(list.map((r) => r.id)).toEqual(['OPG001', 'OPG002', 'OPG003', 'OPG004', 'OPG005', 'OPG006', 'OPG007', 'OPG008']);
  });

  it.each(['OPG003', 'opg003', 'push-mapping-destroy-deletes-target-group'])('explain %s prints the rule and its page', async (id) => {
    const { code, out } = await run('explain', id);
    expect(code).toBe(0);
    expect(out).toMatch(/^OPG003 push-mapping-destroy-deletes-target-group \(default severity: warning\)\n/);
    expect(out).toContain('How to fix: 1. ');
    expect(out).toContain('# push-mapping-destroy-deletes-target-group (OPG003)');
  });

  it('explain of an unknown rule exits 2', async () => {
    const { code, err } = await run('explain', 'OPG999');
    expect(code).toBe(2);
    expect(err).toBe('okta-push-guard: error: no rule "OPG999"; run `okta-push-guard rules` for the list\n');
  });

  it('--version prints the package version', async () => {
    expect(await run('--version')).toEqual({ code: 0, out: `${TOOL_VERSION}\n`, err: '' });
  });

  it('--help lists the commands and options', async () => {
    const { code, out } = await run('lint', '--help');
    expect(code).toBe(0);
    for (const option of ['--format', '--output', '--fail-on', '--color']) expect(out).toContain(option);
  });
});

describe('OPG000', () => {
  it('explain describes the policy findings', async () => {
    const { code, out } = await run('explain', 'OPG000');
    expect(code).toBe(0);
    expect(out).toMatch(/^OPG000 suppression/);
  });
});
