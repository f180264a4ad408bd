/**
 * Command-line arguments of `scan`, parsed by hand with the conventions pip-audit and OSV-Scanner
 * users bring: positional files and `-r/--requirement FILE` (repeatable), `-` for stdin,
 * `--name value` and `--name=value`, short `-o FILE`; errors say what is wrong (exit code 2).
 */
import { UsageError } from '../usage-error';

export { UsageError } from '../usage-error';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown', 'cyclonedx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const FAIL_ON_LEVELS = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** The file name of standard input on the command line. */
export const STDIN = '-';

export interface ScanArguments {
  files: string[];
  runtime: string | null;
  server: string | null;
  token: string | null;
  format: OutputFormat;
  failOn: FailOn;
  advisories: string[];
  allowIndex: string[];
  output: string | null;
  maxBytes: number | null;
  /** The suppression file; null: `.pype-lifecycle.toml` next to a scanned file, when there is one. */
  config: string | null;
  /** With --runtime: also apply the server's index allow-list and advisories (off with --no-server-policy). */
  serverPolicy: boolean;
  help: boolean;
  version: boolean;
}

export const SCAN_OPTIONS_HELP = `  FILE                   a file to scan (requirements.txt, *.in, pyproject.toml, Pipfile, Pipfile.lock,
                         poetry.lock, pylock.toml, uv.lock); - reads standard input. Paths are relative
                         to the current directory; -r/-c includes relative to the including file
  -r, --requirement FILE a file to scan, as pip-audit takes it (repeatable)
  --runtime VERSION      check against a runtime release (fetched from the server): its Python, its bundled
                         packages, and its lifecycle on the server's day (RUNTIME_END_OF_LIFE,
                         RUNTIME_DEPRECATED, RUNTIME_ANTICIPATED); the scan also applies the server's index
                         allow-list and its advisories about the packages
  --no-server-policy     with --runtime, fetch only the release: no allow-list, no advisories from the server
  --server URL           service URL (default: $PYPE_LIFECYCLE_URL or http://localhost:3000)
  --token TOKEN          bearer token for the server (default: $PYPE_LIFECYCLE_TOKEN)
  --format FORMAT        text (default), json, sarif (SARIF 2.1.0), markdown, or cyclonedx (a CycloneDX 1.6
                         JSON SBOM of what the files install, with the runtime's bundled packages)
  -o, --output FILE      write the report to FILE instead of standard output
  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error (default), warning, info, never
  --config FILE          the suppression file (default: .pype-lifecycle.toml next to the first scanned file
                         that has one, or in the current directory for -)
  --advisories FILE      OSV advisories (JSON: one advisory, an array, or {"vulns": [...]}); repeatable;
                         added to the server's
  --allow-index URL      approved index URL prefix; repeatable (enables UNAPPROVED_INDEX); added to
                         the server's
  --max-bytes N          refuse inputs larger than N bytes in total (default 16777216)
  --version              print the version
  -h, --help             show this help
`;

export const USAGE = `Usage: pype-lifecycle scan FILE... [-r FILE]... [options]

Scans pip requirements files, pyproject.toml, Pipfiles and lock files. Files included with -r/-c
are read from disk relative to the including file. The report goes to standard output (or
--output); messages go to standard error.

Options:
${SCAN_OPTIONS_HELP}
Exit codes: 0 nothing reached the --fail-on level, 1 something did, 2 usage or input error.
`;

/** Options that take a value, by every name they answer to. */
const VALUE_OPTIONS: Record<string, string> = {
  '--runtime': '--runtime',
  '--server': '--server',
  '--token': '--token',
  '--format': '--format',
  '--output': '--output',
  '-o': '--output',
  '--fail-on': '--fail-on',
  '--advisories': '--advisories',
  '--allow-index': '--allow-index',
  '--max-bytes': '--max-bytes',
  '--config': '--config',
  '-r': '--requirement',
  '--requirement': '--requirement',
};

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function nonEmpty(option: string, value: string, example: string): string {
  if (value.trim() === '') throw new UsageError(`${option} needs ${example}`);
  return value;
}

export function parseScanArguments(argv: readonly string[]): ScanArguments {
  const parsed: ScanArguments = {
    files: [],
    runtime: null,
    server: null,
    token: null,
    format: 'text',
    failOn: 'error',
    advisories: [],
    allowIndex: [],
    output: null,
    maxBytes: null,
    config: null,
    serverPolicy: true,
    help: false,
    version: false,
  };
  let index = 0;
  let optionsEnded = false;
  while (index < argv.length) {
    const word = argv[index++];
    if (optionsEnded || !word.startsWith('-') || word === STDIN) {
      parsed.files.push(word);
      continue;
    }
    if (word === '--') {
      optionsEnded = true;
      continue;
    }
    if (word === '-h' || word === '--help') {
      parsed.help = true;
      continue;
    }
    if (word === '--version' || word === '-V') {
      parsed.version = true;
      continue;
    }
    if (word === '--no-server-policy') {
      parsed.serverPolicy = false;
      continue;
    }
    // --name=value; short options take the value as the next word or glued on (-rfile.txt, -oout.json).
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const glued = !word.startsWith('--') && word.length > 2 && VALUE_OPTIONS[word.slice(0, 2)] !== undefined;
    const given = equals >= 0 ? word.slice(0, equals) : glued ? word.slice(0, 2) : word;
    const name = VALUE_OPTIONS[given];
    if (name === undefined) throw new UsageError(`unknown option ${given}`);
    let value: string;
    if (equals >= 0) value = word.slice(equals + 1);
    else if (glued) value = word.slice(2);
    else {
      if (index >= argv.length) throw new UsageError(`${given} needs a value`);
      value = argv[index++];
    }
    switch (name) {
      case '--requirement':
        parsed.files.push(nonEmpty(given, value, 'a file name'));
        break;
      case '--runtime':
        parsed.runtime = nonEmpty(name, value, 'a release version such as 36.11.0');
        break;
      case '--server':
        parsed.server = value;
        break;
      case '--token':
        parsed.token = value;
        break;
      case '--format':
        parsed.format = oneOf(name, value, OUTPUT_FORMATS);
        break;
      case '--output':
        parsed.output = nonEmpty(given, value, 'a file name');
        break;
      case '--config':
        parsed.config = nonEmpty(name, value, 'a file name');
        break;
      case '--fail-on':
        parsed.failOn = oneOf(name, value, FAIL_ON_LEVELS);
        break;
      case '--advisories':
        parsed.advisories.push(value);
        break;
      case '--allow-index':
        parsed.allowIndex.push(value);
        break;
      case '--max-bytes': {
        const bytes = Number(value);
        if (!Number.isInteger(bytes) || bytes <= 0) throw new UsageError(`--max-bytes must be a positive whole number, not "${value}"`);
        parsed.maxBytes = bytes;
        break;
      }
    }
  }
  if (!parsed.help && !parsed.version && parsed.files.length === 0) throw new UsageError('no files given (name them, use -r FILE, or - for standard input)');
  if (parsed.files.filter((file) => file === STDIN).length > 1) throw new UsageError('standard input (-) can be read only once');
  return parsed;
}
