/**
 * Command-line arguments of `scan`, parsed by hand: `--name value` and `--name=value`,
 * repeatable list options, and errors that say what is wrong (exit code 2).
 */

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'info' | 'never';

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
  /** With --runtime: also apply the server's index allow-list and advisories (off with --no-server-policy). */
  serverPolicy: boolean;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: pype-lifecycle scan FILE... [options]

Scans pip requirements files, pyproject.toml and Pipfiles. Files included with -r/-c are
read from disk relative to the including file.

Options:
  --runtime VERSION      check against a runtime release (fetched from the server); the scan also
                         applies the server's index allow-list and its advisories about the packages
  --no-server-policy     with --runtime, fetch only the release: no allow-list, no advisories from the server
  --server URL           service URL (default: $PYPE_LIFECYCLE_URL or http://localhost:3000)
  --token TOKEN          bearer token for the server (default: $PYPE_LIFECYCLE_TOKEN)
  --format FORMAT        text (default), json or sarif
  --output FILE          write the report to FILE instead of standard output
  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error (default), warning, info, never
  --advisories FILE      OSV advisories (JSON: one advisory, an array, or {"vulns": [...]}); repeatable;
                         added to the server's
  --allow-index URL      approved index URL prefix; repeatable (enables UNAPPROVED_INDEX); added to
                         the server's
  --max-bytes N          refuse inputs larger than N bytes in total (default 16777216)
  -h, --help             show this help

Exit codes: 0 nothing reached the --fail-on level, 1 something did, 2 usage or input error.
`;

const VALUE_OPTIONS = new Set(['--runtime', '--server', '--token', '--format', '--output', '--fail-on', '--advisories', '--allow-index', '--max-bytes']);

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
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
    serverPolicy: true,
    help: false,
  };
  let index = 0;
  let optionsEnded = false;
  while (index < argv.length) {
    const word = argv[index++];
    if (optionsEnded || !word.startsWith('-') || word === '-') {
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
    if (word === '--no-server-policy') {
      parsed.serverPolicy = false;
      continue;
    }
    const equals = word.indexOf('=');
    const name = equals >= 0 ? word.slice(0, equals) : word;
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`);
    let value: string;
    if (equals >= 0) value = word.slice(equals + 1);
    else {
      if (index >= argv.length) throw new UsageError(`${name} needs a value`);
      value = argv[index++];
    }
    switch (name) {
      case '--runtime':
        parsed.runtime = value;
        break;
      case '--server':
        parsed.server = value;
        break;
      case '--token':
        parsed.token = value;
        break;
      case '--format':
        parsed.format = oneOf(name, value, ['text', 'json', 'sarif'] as const);
        break;
      case '--output':
        parsed.output = value;
        break;
      case '--fail-on':
        parsed.failOn = oneOf(name, value, ['error', 'warning', 'info', 'never'] as const);
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
  if (!parsed.help && parsed.files.length === 0) throw new UsageError('no files given');
  if (parsed.runtime !== null && parsed.runtime.trim() === '') throw new UsageError('--runtime needs a release version such as 36.11.0');
  return parsed;
}
