// The CLI door: parses arguments with yargs, runs a command, returns the exit code.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs from 'yargs';
import { FAIL_ON_LEVELS, type FailOn } from '../engine/severity';
import { TOOL_VERSION } from '../package-info';
import { FORMATS, type Format } from '../reporters/formats';
import { EXIT_ERROR, EXIT_OK } from './exit-codes';
import { prepareArgv, STDIN, STDIN_TOKEN, type OptionSpec } from './argv';
import { processIo, type Io } from './io';

/** The commands, loaded once arguments name one: `--help` and `--version` never pay for them. */
function commands(): typeof import('./commands') {
  return require('./commands') as typeof import('./commands');
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
  { name: 'help', alias: 'h', value: false },
  { name: 'version', alias: 'v', value: false },
];

const COMMANDS = ['lint', 'rules', 'explain'];

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

export async function main(raw: string[], io: Io = processIo()): Promise<number> {
  const prepared = prepareArgv(raw, OPTIONS);
  if (!prepared.ok) return usage(io, prepared.error);
  const { argv } = prepared;
  const mistyped = unknownCommand(argv, io);
  if (mistyped !== undefined) return usage(io, `unknown command "${mistyped}" (commands: ${COMMANDS.join(', ')}); a path to lint must exist`);
  let run: (() => Promise<number> | number) | undefined;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .parserConfiguration({ 'camel-case-expansion': false, 'duplicate-arguments-array': true, 'greedy-arrays': false })
    .scriptName('okta-push-guard')
    .usage('$0 <command> [options]\n\nGuards Okta Terraform changes: refuses to disable provisioning while Group Push mappings remain.')
    .command(
      ['lint [paths..]', '$0'],
      'Lint plans (terraform show -json), state files, .tf / Terraform JSON configurations and CDKTF output (cdktf.out, cdktf.json)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: 'Files or folders to lint (default .); - reads a plan or state from standard input' })
          .option('format', { alias: 'f', ...one('Output format', { choices: FORMATS }), default: 'text' as Format })
          .option('output', { alias: 'o', ...one('Write the report to this file (atomically) instead of stdout') })
          .option('report', one('Also write FORMAT:FILE from the same run, e.g. sarif:results.sarif (repeat for more)'))
          .option('fail-on', one("Lowest severity that makes the exit code 1 (default: the configuration's failOn, else error)", { choices: FAIL_ON_LEVELS }))
          .option('fail-on-unknown', { type: 'boolean', describe: 'Also fail on undecidable verdicts (OPG005), for a strict gate' })
          .option('config', one('Configuration file (default: .okta-push-guard.json/.yaml/.yml found from here upwards); --no-config for none'))
          .option('baseline', one('Report only findings not recorded in this baseline file (the others count as suppressed)'))
          .option('write-baseline', one('Record the current findings in this baseline file and exit 0'))
          .option('color', { type: 'boolean', describe: 'Force colour on (--color) or off (--no-color); NO_COLOR is respected' })
          .option('var', one('Set a root variable of a .tf configuration: NAME=VALUE, like terraform -var (repeat for more; -var works too)'))
          .option('var-file', one('Read root variable values from a .tfvars file, like terraform -var-file (repeat for more; -var-file works too)'))
          .option('source', one("Folder of the .tf sources of a plan or state, to put findings on their lines (default: the plan's folder, else the working folder, when it holds .tf files)"))
          .option('pre-commit', { type: 'boolean', describe: 'For the pre-commit hook: file paths are changed files; lint the folder of each (one configuration per folder), or only the folders given, when there are any' })
          .example('$0 lint plan.json', 'Lint a plan converted with terraform show -json')
          .example('$0 lint plan.json --format json -o report.json', 'Write the JSON report to a file')
          .example('$0 lint plan.json --report sarif:results.sarif', 'Text on the terminal and SARIF to a file, from one run')
          .example('$0 lint infra/ --var-file prod.tfvars', 'Lint a .tf configuration with production variable values')
          .example('terraform show -json tfplan | $0 lint -', 'Lint a plan piped in on standard input'),
      (args) => {
        const paths = [...list(args.paths), ...prepared.paths].map((p) => (p === STDIN_TOKEN ? STDIN : p));
        run = () =>
          commands().lintCommand(
            {
              paths: paths.length > 0 ? paths : ['.'],
              ...(args['pre-commit'] ? { preCommit: true } : {}),
              format: args.format as Format,
              ...(args['fail-on'] !== undefined ? { failOn: args['fail-on'] as FailOn } : {}),
              ...(args['fail-on-unknown'] ? { failOnUnknown: true } : {}),
              ...(args.config !== undefined ? { config: args.config === (false as unknown) ? false : (args.config as string) } : {}),
              ...(args.baseline !== undefined ? { baseline: args.baseline } : {}),
              ...(args['write-baseline'] !== undefined ? { writeBaseline: args['write-baseline'] } : {}),
              ...(args.output !== undefined ? { output: args.output } : {}),
              reports: list(args.report),
              ...(args.color !== undefined ? { color: args.color } : {}),
              assignments: prepared.assignments,
              ...(args.source !== undefined ? { source: args.source } : {}),
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
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      usageError = message ?? error?.message ?? 'invalid arguments';
    });

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
  return await run();
}
