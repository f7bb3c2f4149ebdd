// The commands that read a live org: `audit`, and the org reading of `lint --org-url`. Both judge
// through the core like lint and write the same outputs; only the reading differs.
import { judgeRun, type LintOptions } from '../core/lint';
import { resolveConfig } from '../core/resolve-config';
import type { Config } from '../policy/config';
import type { JudgedInput } from '../core/judge';
import { credentialsFrom } from '../org/credentials';
import { OktaHttp, type HttpOptions } from '../org/http';
import { orgInventory } from '../org/org-inventory';
import { orgUrlFrom, parseOrgUrl } from '../org/org-url';
import { readOrg } from '../org/read-org';
import { LoadError } from '../inputs/load-error';
import { lintCommand, type LintArgs } from './commands';
import type { Io } from './io';
import type { OrgArgs } from './org-alongside';


export function connect(org: OrgArgs, io: Io, fromEnv: boolean, config: Config | undefined): OktaHttp {
  const url = org.orgUrl === undefined && config?.orgUrl !== undefined ? parseOrgUrl(config.orgUrl, `${config.file}: orgUrl`) : orgUrlFrom(org.orgUrl, fromEnv ? io.env : {});
  if (!url) throw new LoadError('org-unreadable', 'audit', 'no org given: pass --org-url https://ORG.okta.com, or set OKTA_ORG_NAME (and OKTA_BASE_URL)');
  const options: HttpOptions = {
    ...(org.timeout !== undefined ? { timeoutMs: org.timeout * 1000 } : {}),
    ...(org.concurrency !== undefined ? { concurrency: org.concurrency } : {}),
  };
  return new OktaHttp(url, credentialsFrom(url, io.env), options);
}

/** Apps done of total on stderr, rewritten in place; only on a terminal, so logs stay clean. */
function progressLine(io: Io): ((done: number, total: number) => void) | undefined {
  if (!io.stderrIsTTY) return undefined;
  return (done, total) => {
    io.stderr(`\r\u001b[Kokta-push-guard: audit: ${done} of ${total} apps read`);
    if (done === total) io.stderr('\r\u001b[K');
  };
}

function judgeOptions(args: LintArgs, io: Io): LintOptions {
  return {
    cwd: io.cwd,
    env: io.env,
    ...(args.config !== undefined ? { config: args.config } : {}),
    ...(args.writeBaseline !== undefined ? { baseline: false as const } : args.baseline !== undefined ? { baseline: args.baseline } : {}),
    ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
    ...(args.failOnUnknown ? { failOnUnknown: true } : {}),
  };
}

export async function auditCommand(args: LintArgs & OrgArgs, io: Io): Promise<number> {
  return lintCommand(args, io, async () => {
    const options = judgeOptions(args, io);
    const http = connect(args, io, true, resolveConfig(options, io.cwd));
    const progress = progressLine(io);
    const apps = await readOrg(http, progress ? { progress } : {});
    const input: JudgedInput = { path: http.org.origin, inventory: orgInventory(apps) };
    return judgeRun([input], options);
  });
}
