// The CLI door: parses arguments with yargs, runs a command, returns the exit code.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FAIL_ON_LEVELS, type FailOn } from '../engine/severity';
import { TOOL_VERSION } from '../package-info';
import { FORMATS, type Format } from '../reporters/formats';
import type { LintArgs } from './commands';
import { EXIT_ERROR, EXIT_OK } from './exit-codes';
import { prepareArgv, STDIN, STDIN_TOKEN, type OptionSpec } from './argv';
import { processIo, type Io } from './io';
import { loadYargs } from './load-yargs';
import type { OrgArgs } from './org-alongside';

// bin/okta-push-guard.js says the process is the CLI's own, where V8 flags may be set (src/v8-flags.ts).
export { ownProcess } from '../v8-flags';

// The commands, loaded once arguments name one: `--help` and `--version` never pay for them, and a lint
// without an org never loads the org client.
function commands(): typeof import('./commands') {
  return require('./commands') as typeof import('./commands');
}

function orgCommands(): typeof import('./org-commands') {
  return require('./org-commands') as typeof import('./org-commands');
}

/** Every option the commands take, for the checks yargs does not make (see argv.ts). */
const OPTIONS: readonly OptionSpec[] = [
  { name: 'format', alias: 'f', value: true },
  { name: 'output', alias: 'o', value: true },
  { name: 'report', value: true, repeat: true },
  { name: 'fail-on', value: true },
  { name: 'fail-on-unknown', value: false, negatable: true },
  { name: 'config', value: true, negatable: true },
  { name: 'baseline', value: true },
  { name: 'write-baseline', value: true },
  { name: 'color', value: false, negatable: true },
  { name: 'var', value: true, repeat: true },
  { name: 'var-file', value: true, repeat: true },
  { name: 'source', value: true },
  { name: 'pre-commit', value: false },
  { name: 'org-url', value: true },
  { name: 'timeout', value: true },
  { name: 'concurrency', value: true },
  { name: 'delete-target-groups', value: false },
  { name: 'help', alias: 'h', value: false },
  { name: 'version', alias: 'v', value: false },
];

const COMMANDS = ['lint', 'audit', 'remediate', 'rules', 'explain'];

/** A value option: exactly one value per occurrence, so it can never swallow the paths after it. */
function one(describe: string, extra: { choices?: readonly string[] } = {}) {
  return { type: 'string' as const, nargs: 1, requiresArg: true, describe, ...extra };
}

function list(value: unknown): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
}

function usage(io: Io, message: string): number {
  io.stderr(`okta-push-guard: error: ${message.replace(/\s*\n\s*/g, ' ')} (see okta-push-guard --help)\n`);
  return EXIT_ERROR;
}

/** `okta-push-guard foo`: a word that is neither a command nor an existing path is a mistyped command. */
function unknownCommand(argv: readonly string[], io: Io): string | undefined {
  const first = argv[0];
  if (first === undefined || COMMANDS.includes(first) || !/^[a-z][a-z-]*$/.test(first)) return undefined;
  return existsSync(resolve(io.cwd, first)) ? undefined : first;
}

/** The options of every command that judges and reports (lint, audit): formats, files, gate, policy. */
const REPORT_OPTIONS = {
  format: { alias: 'f', ...one('Output format', { choices: FORMATS }), default: 'text' as Format },
  output: { alias: 'o', ...one('Write the report to this file (atomically) instead of stdout') },
  report: one('Also write FORMAT:FILE from the same run, e.g. sarif:results.sarif (repeat for more)'),
  'fail-on': one("Lowest severity that makes the exit code 1 (default: the configuration's failOn, else error)", { choices: FAIL_ON_LEVELS }),
  'fail-on-unknown': { type: 'boolean' as const, describe: 'Also fail on undecidable verdicts (OPG005), for a strict gate' },
  config: one('Configuration file (default: .okta-push-guard.json/.yaml/.yml found from here upwards); --no-config for none'),
  baseline: one('Report only findings not recorded in this baseline file (the others count as suppressed)'),
  'write-baseline': one('Record the current findings in this baseline file and exit 0'),
  color: { type: 'boolean' as const, describe: 'Force colour on (--color) or off (--no-color); NO_COLOR is respected' },
};

/** The parsed REPORT_OPTIONS, as the commands take them. */
function reportArgs(args: Record<string, unknown>): Omit<LintArgs, 'paths'> {
  return {
    format: args.format as Format,
    ...(args['fail-on'] !== undefined ? { failOn: args['fail-on'] as FailOn } : {}),
    ...(args['fail-on-unknown'] ? { failOnUnknown: true } : {}),
    ...(args.config !== undefined ? { config: args.config === false ? false : (args.config as string) } : {}),
    ...(args.baseline !== undefined ? { baseline: args.baseline as string } : {}),
    ...(args['write-baseline'] !== undefined ? { writeBaseline: args['write-baseline'] as string } : {}),
    ...(args.output !== undefined ? { output: args.output as string } : {}),
    reports: list(args.report),
    ...(args.color !== undefined ? { color: args.color as boolean } : {}),
  };
}

/** --org-url, --timeout and --concurrency, checked (a gate must not run with a value it misread). */
function orgArgs(args: Record<string, unknown>): OrgArgs {
  const number = (name: string, integer: boolean): number | undefined => {
    const text = args[name];
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new UsageError(`--${name} must be a positive ${integer ? 'whole ' : ''}number, not "${String(text)}"`);
    return value;
  };
  const timeout = number('timeout', false);
  const concurrency = number('concurrency', true);
  return {
    ...(typeof args['org-url'] === 'string' ? { orgUrl: args['org-url'] } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
  };
}

class UsageError extends Error {}

/**
 * yargs renders the whole help text on every run of a named command (`lint …`, not the default one), to keep
 * it for a handler that fails later; that is about a third of a small lint's start-up. Our handlers only
 * record what to run, and usage errors are reported through `.fail`, so the kept text is never shown: skip it.
 * An internal of yargs (pinned): if its shape changes, nothing is skipped and only start-up is slower.
 */
function skipHelpCache(parser: unknown): void {
  const internal = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.();
  const usageInstance = internal?.getUsageInstance?.();
  if (usageInstance && typeof usageInstance.cacheHelpMessage === 'function') usageInstance.cacheHelpMessage = () => undefined;
}

export async function main(raw: string[], io: Io = processIo()): Promise<number> {
  const prepared = prepareArgv(raw, OPTIONS);
  if (!prepared.ok) return usage(io, prepared.error);
  const { argv } = prepared;
  const mistyped = unknownCommand(argv, io);
  if (mistyped !== undefined) return usage(io, `unknown command "${mistyped}" (commands: ${COMMANDS.join(', ')}); a path to lint must exist`);
  let run: (() => Promise<number> | number) | undefined;
  let usageError: string | undefined;
  const parser = loadYargs()(argv)
    .parserConfiguration({ 'camel-case-expansion': false, 'duplicate-arguments-array': true, 'greedy-arrays': false })
    .scriptName('okta-push-guard')
    .usage('$0 <command> [options]\n\nGuards Okta Terraform changes: refuses to disable provisioning while Group Push mappings remain.')
    .command(
      ['lint [paths..]', '$0'],
      'Lint plans (terraform show -json), state files, .tf / Terraform JSON configurations and CDKTF output (cdktf.out, cdktf.json)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'Files or folders to lint (default .); - reads a plan or state from standard input' })
          .options(REPORT_OPTIONS)
          .option('var', one('Set a root variable of a .tf configuration: NAME=VALUE, like terraform -var (repeat for more; -var works too)'))
          .option('var-file', one('Read root variable values from a .tfvars file, like terraform -var-file (repeat for more; -var-file works too)'))
          .option('source', one("Folder of the .tf sources of a plan or state, to put findings on their lines (default: the plan's folder, else the working folder, when it holds .tf files)"))
          .option('pre-commit', { type: 'boolean', describe: 'For the pre-commit hook: file paths are changed files; lint the folder of each (one configuration per folder), or only the folders given, when there are any' })
          .option('org-url', one('Also read the live org (GET only; credentials as the okta provider takes them): mappings the plan does not know, on apps it leaves with provisioning disabled, count as remaining'))
          .option('timeout', one('With --org-url: seconds each API request may take (default 30)'))
          .option('concurrency', one('With --org-url: API requests in flight at once (default 4)'))
          .example('$0 lint plan.json', 'Lint a plan converted with terraform show -json')
          .example('$0 lint plan.json --format json -o report.json', 'Write the JSON report to a file')
          .example('$0 lint plan.json --report sarif:results.sarif', 'Text on the terminal and SARIF to a file, from one run')
          .example('$0 lint infra/ --var-file prod.tfvars', 'Lint a .tf configuration with production variable values')
          .example('terraform show -json tfplan | $0 lint -', 'Lint a plan piped in on standard input'),
      (args) => {
        const paths = [...list(args.paths), ...prepared.paths].map((p) => (p === STDIN_TOKEN ? STDIN : p));
        run = () => {
          return commands().lintCommand(
            {
              paths: paths.length > 0 ? paths : ['.'],
              ...(args['pre-commit'] ? { preCommit: true } : {}),
              ...reportArgs(args),
              assignments: prepared.assignments,
              ...(args.source !== undefined ? { source: args.source } : {}),
              alongside: (require('./org-alongside') as typeof import('./org-alongside')).orgAlongside(orgArgs(args), io),
            },
            io,
          );
        };
      },
    )
    .command(
      'audit',
      'Read a live Okta org (GET only) and report Group Push mappings orphaned on apps whose provisioning is off or that are INACTIVE',
      (y) =>
        y
          .option('org-url', one('The org, https://ORG.okta.com (default: OKTA_ORG_NAME and OKTA_BASE_URL); credentials from OKTA_API_TOKEN or OKTA_API_CLIENT_ID/OKTA_API_PRIVATE_KEY/OKTA_API_PRIVATE_KEY_ID'))
          .options(REPORT_OPTIONS)
          .option('timeout', one('Seconds each API request may take (default 30)'))
          .option('concurrency', one('API requests in flight at once (default 4)'))
          .example('OKTA_API_TOKEN=… $0 audit --org-url https://acme.okta.com', 'Audit an org with an API token')
          .example('$0 audit --format json -o audit.json && $0 remediate audit.json', 'Audit, then write the runbook'),
      (args) => {
        run = () =>
          orgCommands().auditCommand(
            {
              paths: [],
              ...reportArgs(args),
              ...orgArgs(args),
            },
            io,
          );
      },
    )
    .command(
      'remediate <report>',
      'Write the repair runbook for the orphaned mappings of an audit or lint JSON report, in the order Okta documents (writes nothing to Okta)',
      (y) =>
        y
          .positional('report', { type: 'string', demandOption: true, describe: 'A JSON report of okta-push-guard audit or lint (--format json)' })
          .option('format', { alias: 'f', ...one('Runbook format', { choices: ['markdown', 'json'] as const }), default: 'markdown' })
          .option('output', { alias: 'o', ...one('Write the runbook to this file (atomically) instead of stdout') })
          .option('delete-target-groups', { type: 'boolean', describe: 'Delete the downstream groups with the mappings (deleteTargetGroup=true); by default they are kept' }),
      (args) => {
        run = () =>
          (require('./remediate-command') as typeof import('./remediate-command')).remediateCommand(
            {
              report: String(args.report),
              format: args.format === 'json' ? 'json' : 'markdown',
              ...(args.output !== undefined ? { output: args.output } : {}),
              deleteTargetGroups: args['delete-target-groups'] === true,
            },
            io,
          );
      },
    )
    .command(
      'rules',
      'List every rule with its id, name, default severity and description',
      (y) => y.option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const }),
      (args) => {
        run = () => commands().rulesCommand(args.format, io);
      },
    )
    .command(
      'explain <rule>',
      'Show why a rule matters and how to fix its findings (by id, e.g. OPG001, or name)',
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (args) => {
        run = () => commands().explainCommand(args.rule, io);
      },
    )
    .strict()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .alias('v', 'version')
    .wrap(Math.min(100, io.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      usageError = message ?? error?.message ?? 'invalid arguments';
    });

  skipHelpCache(parser);
  let printed = '';
  try {
    await parser.parseAsync(argv, {}, (_error, _args, output) => {
      printed = output;
    });
  } catch (error) {
    if (usageError === undefined) throw error;
  }
  if (usageError !== undefined) return usage(io, usageError);
  if (run === undefined) {
    // --help or --version: yargs produced the text instead of running a command.
    if (printed) io.stdout(`${printed}\n`);
    return EXIT_OK;
  }
  try {
    return await run();
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
}
