// The CLI door: parses arguments with yargs, runs a command, returns the exit code.
import yargs from 'yargs';
import { FAIL_ON_LEVELS, type FailOn } from '../engine/severity';
import { TOOL_VERSION } from '../package-info';
import { FORMATS, type Format } from '../reporters';
import { EXIT_ERROR, EXIT_OK, explainCommand, lintCommand, rulesCommand } from './commands';
import { processIo, type Io } from './io';

/** --var and --var-file as they come on the command line: Terraform lets the later one win. */
function assignmentsIn(argv: readonly string[]): { kind: 'var' | 'file'; value: string }[] {
  const out: { kind: 'var' | 'file'; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(var|var-file)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) continue;
    const value = m[2] ?? argv[++i];
    if (value !== undefined) out.push({ kind: m[1] === 'var' ? 'var' : 'file', value });
  }
  return out;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let run: (() => Promise<number> | number) | undefined;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('okta-push-guard')
    .usage('$0 <command> [options]\n\nGuards Okta Terraform changes: refuses to disable provisioning while Group Push mappings remain.')
    .command(
      ['lint [paths..]', '$0'],
      'Lint plans (terraform show -json), state files, .tf / Terraform JSON configurations and CDKTF output (cdktf.out, cdktf.json)',
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, default: ['.'], describe: 'Files or folders to lint' })
          .option('format', { alias: 'f', choices: FORMATS, default: 'text' as Format, describe: 'Output format' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file (atomically) instead of stdout' })
          .option('report', { type: 'string', array: true, describe: 'Also write FORMAT:FILE from the same run, e.g. sarif:results.sarif (repeatable)' })
          .option('fail-on', { choices: FAIL_ON_LEVELS, describe: 'Lowest severity that makes the exit code 1 (default: the configuration\'s failOn, else error)' })
          .option('fail-on-unknown', { type: 'boolean', describe: 'Also fail on undecidable verdicts (OPG005), for a strict gate' })
          .option('config', { type: 'string', describe: 'Configuration file (default: .okta-push-guard.json/.yaml/.yml found from here upwards); --no-config for none' })
          .option('baseline', { type: 'string', describe: 'Report only findings not recorded in this baseline file (the others count as suppressed)' })
          .option('write-baseline', { type: 'string', describe: 'Record the current findings in this baseline file and exit 0' })
          .option('color', { type: 'boolean', describe: 'Force colour on (--color) or off (--no-color); NO_COLOR is respected' })
          .option('var', { type: 'string', array: true, describe: 'Set a root variable of a .tf configuration: NAME=VALUE (like terraform -var)' })
          .option('var-file', { type: 'string', array: true, describe: 'Read root variable values from a .tfvars file (like terraform -var-file)' })
          .option('source', { type: 'string', describe: 'Folder of the .tf sources of a plan or state, to put findings on their lines (default: the plan\'s folder, else the working folder, when it holds .tf files)' })
          .example('$0 lint plan.json', 'Lint a plan converted with terraform show -json')
          .example('$0 lint plan.json --format json -o report.json', 'Write the JSON report to a file')
          .example('$0 lint plan.json --report sarif:results.sarif', 'Text on the terminal and SARIF to a file, from one run')
          .example('$0 lint infra/ --var-file prod.tfvars', 'Lint a .tf configuration with production variable values'),
      (args) => {
        run = () =>
          lintCommand(
          {
            paths: (args.paths as string[] | undefined) ?? ['.'],
            format: args.format as Format,
            ...(args['fail-on'] !== undefined ? { failOn: args['fail-on'] as FailOn } : {}),
            ...(args['fail-on-unknown'] ? { failOnUnknown: true } : {}),
            ...(args.config !== undefined ? { config: args.config === (false as unknown) ? false : (args.config as string) } : {}),
            ...(args.baseline !== undefined ? { baseline: args.baseline } : {}),
            ...(args['write-baseline'] !== undefined ? { writeBaseline: args['write-baseline'] } : {}),
            ...(args.output !== undefined ? { output: args.output } : {}),
            reports: (args.report as string[] | undefined) ?? [],
            ...(args.color !== undefined ? { color: args.color } : {}),
            vars: (args.var as string[] | undefined) ?? [],
            varFiles: (args['var-file'] as string[] | undefined) ?? [],
            assignments: assignmentsIn(argv),
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
        run = () => rulesCommand(args.format, io);
      },
    )
    .command(
      'explain <rule>',
      'Show why a rule matters and how to fix its findings (by id, e.g. OPG001, or name)',
      (y) => y.positional('rule', { type: 'string', demandOption: true }),
      (args) => {
        run = () => explainCommand(args.rule, io);
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
  if (usageError !== undefined) {
    io.stderr(`okta-push-guard: error: ${usageError.replace(/\s*\n\s*/g, ' ')} (see okta-push-guard --help)\n`);
    return EXIT_ERROR;
  }
  if (run === undefined) {
    // --help or --version: yargs produced the text instead of running a command.
    if (printed) io.stdout(`${printed}\n`);
    return EXIT_OK;
  }
  return await run();
}
