/**
 * `pype-lifecycle scan FILE...`: the CI command. Reads the files (and their includes)
 * from disk, optionally fetches the runtime release from the service (and, with it, the
 * service's index allow-list and its advisories about the scanned packages, so that CI
 * reports what the service reports), loads local OSV advisories, scans, prints the report
 * and returns the exit code: 0 when no finding reaches --fail-on, 1 when one does, 2 on
 * usage, input or server errors.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import {
  mergeAdvisories,
  OsvValidationError,
  parseOsvJson,
  scan,
  ScanInputError,
  type Advisory,
  type Finding,
  type RuntimeRelease,
  type ScanFileInput,
  type Severity,
} from '../../requirements';
import { parseScanArguments, USAGE, UsageError, type FailOn, type ScanArguments } from './arguments';
import { InputFileError, loadScanFiles, loadSuppressionFile } from './load-files';
import { todayIn } from '../../calendar/calendar-date';
import { renderCycloneDx, renderJson, renderMarkdown, renderSarif, renderText, type CommandReport } from './report-formats';
import { TOOL_NAME, toolVersion } from '../tool-version';
import { packagesToCheck } from './packages-to-check';
import { fetchAdvisories, fetchRuntimeRelease, fetchScanPolicy, ServerRequestError, type ServerConnection } from './server-client';

export interface ScanCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Read for the file `-`. */
  stdin?: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** The day ignore entries are judged on, YYYY-MM-DD (defaults to today where the command runs). */
  today?: string;
  /** The fetch used for --runtime (defaults to the global one). */
  fetch?: typeof fetch;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const DEFAULT_SERVER = 'http://localhost:3000';
export const CLI_MAX_BYTES = 16 * 1024 * 1024;

const THRESHOLD: Record<Exclude<FailOn, 'never'>, Severity[]> = {
  error: ['ERROR'],
  warning: ['ERROR', 'WARNING'],
  info: ['ERROR', 'WARNING', 'INFO'],
};

/** Today in the machine's own time zone: a CI job's day. */
function localToday(): string {
  return todayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date());
}

export function reachesThreshold(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const levels = THRESHOLD[failOn];
  return findings.some((finding) => levels.includes(finding.severity));
}

async function loadAdvisories(paths: readonly string[], cwd: string): Promise<Advisory[]> {
  const advisories: Advisory[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(isAbsolute(path) ? path : resolve(cwd, path), 'utf8');
    } catch {
      throw new InputFileError(`--advisories ${path}: no such file`);
    }
    try {
      advisories.push(...parseOsvJson(text));
    } catch (error) {
      if (error instanceof OsvValidationError) throw new InputFileError(`--advisories ${path}: ${error.message}`);
      throw error;
    }
  }
  return advisories;
}

function render(outcome: CommandReport, args: ScanArguments, cwd: string): string {
  switch (args.format) {
    case 'json':
      return renderJson(outcome);
    case 'sarif':
      return renderSarif(outcome, cwd);
    case 'markdown':
      return renderMarkdown(outcome);
    case 'cyclonedx':
      return renderCycloneDx(outcome, cwd);
    default:
      return renderText(outcome);
  }
}

interface ServerContext {
  runtime: RuntimeRelease | null;
  allowedIndexUrls: readonly string[];
  advisories: readonly Advisory[];
}

const NOTHING_FROM_SERVER: ServerContext = { runtime: null, allowedIndexUrls: [], advisories: [] };

/**
 * With --runtime: the release and, unless --no-server-policy, the server's allow-list and its
 * advisories about the packages these files (and the runtime) name.
 */
async function fetchFromServer(args: ScanArguments, io: ScanCommandIo, files: readonly ScanFileInput[]): Promise<ServerContext> {
  if (args.runtime === null) return NOTHING_FROM_SERVER;
  const connection: ServerConnection = {
    server: args.server ?? io.env.PYPE_LIFECYCLE_URL ?? DEFAULT_SERVER,
    token: args.token ?? io.env.PYPE_LIFECYCLE_TOKEN ?? null,
    fetch: io.fetch ?? globalThis.fetch,
  };
  const runtime = await fetchRuntimeRelease({ ...connection, version: args.runtime });
  if (!args.serverPolicy) return { ...NOTHING_FROM_SERVER, runtime };
  const policy = await fetchScanPolicy(connection);
  // The names come from the engine's own reading of the files (every format, ${VAR}s expanded);
  // they do not depend on the runtime, so this reading skips the runtime checks.
  const { requirements } = scan({ files, env: io.env, maxBytes: args.maxBytes ?? CLI_MAX_BYTES });
  const advisories = await fetchAdvisories(connection, packagesToCheck(requirements, runtime));
  return { runtime, allowedIndexUrls: policy.allowedIndexUrls, advisories };
}

async function run(args: ScanArguments, io: ScanCommandIo): Promise<number> {
  const maxBytes = args.maxBytes ?? CLI_MAX_BYTES;
  const files = await loadScanFiles(args.files, { cwd: io.cwd, stdin: io.stdin, maxBytes });
  const suppressions = await loadSuppressionFile(args.config, args.files, io.cwd);
  const localAdvisories = await loadAdvisories(args.advisories, io.cwd);
  const server = await fetchFromServer(args, io, files);
  const { runtime } = server;
  const report = scan({
    files,
    runtime,
    // Local files add to the server's; for one id, the later `modified` wins.
    advisories: mergeAdvisories(server.advisories, localAdvisories).advisories,
    env: io.env,
    policy: { allowedIndexUrls: [...server.allowedIndexUrls, ...args.allowIndex] },
    maxBytes,
    suppressions: suppressions ? [suppressions] : [],
    asOf: io.today ?? localToday(),
  });
  const output = render({ report, runtime, suppressed: report.suppressed }, args, io.cwd);
  if (args.output !== null) {
    await writeFile(isAbsolute(args.output) ? args.output : resolve(io.cwd, args.output), output);
  } else {
    io.stdout.write(output);
  }
  return reachesThreshold(report.findings, args.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/** Runs `scan` with the arguments after the command word (a leading "scan" is accepted too). */
export async function runScanCommand(argv: string[], io: ScanCommandIo): Promise<number> {
  const words = argv[0] === 'scan' ? argv.slice(1) : argv;
  let args: ScanArguments;
  try {
    args = parseScanArguments(words);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`scan: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (args.version) {
    io.stdout.write(`${TOOL_NAME} ${toolVersion()}\n`);
    return EXIT_OK;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof InputFileError || error instanceof ServerRequestError || error instanceof ScanInputError) {
      io.stderr.write(`scan: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
