/**
 * `pype-lifecycle <command>` (also `npm run cli -- <command>`): the requirements scan for CI
 * pipelines and the operator commands (users, tokens, seed, migrations, advisory and inventory
 * imports). Exit codes: 0 success, 1 findings at the threshold (scan) or a failed operation, 2
 * usage or input errors. stdout carries only what scripts capture; everything else goes to stderr.
 */
import type { CliIo } from './cli-io';
import { runScanCommand, SCAN_USAGE, SCAN_OPTIONS_HELP } from './scan';
import { TOOL_NAME, toolVersion } from './tool-version';
import { UsageError } from './usage-error';

export type { CliIo } from './cli-io';

interface Command {
  name: string;
  /** The synopsis: the command with its options. */
  synopsis: string;
  summary: string;
  /** Its `--help`; defaults to the synopsis and summary. */
  usage?: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Operator commands need the database: their module (TypeORM, NestJS services) loads only when one runs. */
const operator = (name: string) => async (args: string[], io: CliIo) => (await import('./operator-commands.js')).operatorCommand(name, args, io);

const COMMANDS: Command[] = [
  {
    name: 'scan',
    synopsis: 'scan FILE... [-r FILE]... [options]',
    summary: 'scan requirements files, pyproject.toml, Pipfiles and lock files (CI pipelines; see below)',
    usage: SCAN_USAGE,
    run: (args, io) => runScanCommand(args, io),
  },
  {
    name: 'user:create',
    synopsis: 'user:create --email E [--name N] [--role ADMIN|MANAGER|DEVELOPER]...',
    summary: 'create a user',
    run: operator('user:create'),
  },
  { name: 'user:list', synopsis: 'user:list', summary: 'list users', run: operator('user:list') },
  {
    name: 'token:create',
    synopsis: 'token:create --email E [--name N] [--expires YYYY-MM-DD]',
    summary: 'create an API token for a user (printed once, on stdout)',
    run: operator('token:create'),
  },
  { name: 'token:revoke', synopsis: 'token:revoke --id TOKEN_ID', summary: 'revoke an API token', run: operator('token:revoke') },
  { name: 'seed', synopsis: 'seed', summary: 'load the PyPE seed catalog (idempotent)', run: operator('seed') },
  { name: 'migrate', synopsis: 'migrate', summary: 'apply pending database migrations', run: operator('migrate') },
  {
    name: 'migrate:revert-all',
    synopsis: 'migrate:revert-all',
    summary: 'revert every migration (drops all data)',
    run: operator('migrate:revert-all'),
  },
  {
    name: 'advisories:import',
    synopsis: 'advisories:import FILE|DIR...',
    summary: 'import OSV advisories (JSON files; a directory: its *.json), all or nothing',
    run: async (args, io) => (await import('./operator-commands.js')).importAdvisoriesCommand(args, io),
  },
  {
    name: 'inventory:import',
    synopsis: 'inventory:import FILE [--format csv|json] [--dry-run]',
    summary: 'import groups, apps and deployments (all or nothing)',
    run: async (args, io) => (await import('./operator-commands.js')).importInventoryCommand(args, io),
  },
  {
    name: 'sweep',
    synopsis: 'sweep [--as-of YYYY-MM-DD]',
    summary: 'run the lifecycle sweep (notices, escalations, migrations) for a day, default today on campus; prints the counts as JSON',
    run: async (args, io) => (await import('./operator-commands.js')).sweepCommand(args, io),
  },
  { name: 'help', synopsis: 'help [COMMAND]', summary: 'show this help, or the help of one command', run: async (args, io) => help(args, io) },
  { name: 'version', synopsis: 'version', summary: `print the version (also: --version)`, run: async (_args, io) => version(io) },
];

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

function usageOf(command: Command): string {
  return command.usage ?? `Usage: ${TOOL_NAME} ${command.synopsis}\n\n${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.\n`;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.synopsis.length));
  const line = (command: Command) => `  ${command.synopsis.padEnd(width)}  ${command.summary}`;
  const operators = COMMANDS.filter((command) => command.name !== 'scan' && command.name !== 'help' && command.name !== 'version');
  return [
    `Usage: ${TOOL_NAME} <command> [options]      (in a checkout: npx ${TOOL_NAME} ..., or npm run -s cli -- ...)`,
    '',
    'CI pipelines (no database needed):',
    line(commandNamed('scan')!),
    '',
    'Operators (the database of DATABASE_URL, or the embedded one under DATA_DIR):',
    ...operators.map(line),
    '',
    'Other:',
    line(commandNamed('help')!),
    line(commandNamed('version')!),
    `  ${'--version, -V'.padEnd(width)}  print the version`,
    `  ${'COMMAND --help'.padEnd(width)}  the help of one command`,
    '',
    `Options of scan:`,
    SCAN_OPTIONS_HELP,
    'Exit codes: 0 success (scan: nothing reached --fail-on), 1 findings at --fail-on or a failed operation,',
    '2 usage or input error (unknown command or option, missing file, unknown runtime, server unreachable).',
    '',
  ].join('\n');
}

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);

function help(args: string[], io: CliIo): number {
  const [topic] = args;
  if (topic === undefined) {
    write(io.stdout, overview());
    return 0;
  }
  const command = commandNamed(topic);
  if (!command) return unknownCommand(topic, io);
  write(io.stdout, usageOf(command));
  return 0;
}

function version(io: CliIo): number {
  write(io.stdout, `${TOOL_NAME} ${toolVersion()}`);
  return 0;
}

/** Levenshtein distance, for "did you mean" on a mistyped command. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

function unknownCommand(name: string, io: CliIo): number {
  const closest = COMMANDS.map((command) => ({ name: command.name, distance: editDistance(name.toLowerCase(), command.name) })).sort(
    (a, b) => a.distance - b.distance,
  )[0];
  const suggestion = closest.distance <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean '${closest.name}'?` : '';
  write(
    io.stderr,
    `${TOOL_NAME}: unknown command '${name}'.${suggestion}\n\nCommands: ${COMMANDS.map((command) => command.name).join(', ')}\nRun '${TOOL_NAME} help' for every command and option.`,
  );
  return 2;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [word, ...args] = argv;
  if (word === undefined) {
    write(io.stderr, overview());
    return 2;
  }
  if (HELP_FLAGS.has(word)) return help(args, io);
  if (VERSION_FLAGS.has(word)) return version(io);
  const command = commandNamed(word);
  if (!command) return unknownCommand(word, io);
  // `--help` anywhere before `--` asks for help, whatever else the line says.
  const beforeSeparator = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (beforeSeparator.some((arg) => HELP_FLAGS.has(arg))) {
    write(io.stdout, usageOf(command));
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      write(io.stderr, `${word}: ${(error as Error).message}\n\n${usageOf(command)}`);
      return 2;
    }
    const { ConfigError } = await import('../common/config/app-config.js');
    const { DomainError } = await import('../common/errors/domain-error.js');
    if (error instanceof ConfigError || error instanceof DomainError) {
      write(io.stderr, error.message);
      return error instanceof ConfigError ? 2 : 1;
    }
    write(io.stderr, `Failed: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    // runCli answers its own errors with an exit code; anything that still escapes is a bug worth its stack.
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
