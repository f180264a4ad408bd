/**
 * `npm start` as a real child process (from the sources, through ts-node), for what only a
 * process shows: signals, exit codes, and every byte it writes to standard output and error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../setup/eventually';
import { freePort } from '../setup/free-port';

export interface ServiceProcess {
  child: ChildProcess;
  url: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Spawns the service from its sources with `env` (over production defaults), capturing every byte
 * it writes. Its logs are buffered (see logger.ts): they arrive in full when the process exits.
 */
export function spawnService(env: Record<string, string>): Omit<ServiceProcess, 'url'> & { exitCode(): number | null | undefined } {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      TS_NODE_TRANSPILE_ONLY: '1',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The tests' webhook receivers listen on loopback, which production refuses by default.
      WEBHOOK_PRIVATE_ADDRESSES: 'allow',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done(code);
    }),
  );
  return { child, output: () => output, exited, exitCode: () => exitCode };
}

/** Runs the service with `env` until it exits by itself (a start-up that must fail): its exit code and output. */
export async function runServiceUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const service = spawnService(env);
  const code = await service.exited;
  return { code, output: service.output() };
}

/** Starts the service with `env` on a free loopback port and waits until /healthz answers. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const service = spawnService({ PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (service.exitCode() !== undefined) throw new Error(`the service exited with ${service.exitCode()} before listening:\n${service.output()}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  return { child: service.child, url, output: service.output, exited: service.exited };
}

/** A data directory for an embedded PostgreSQL under the OS temp directory (reachable by the postgres user). */
export function temporaryDataDir(): { dataDir: string; cleanup: () => void } {
  const parent = mkdtempSync(join(tmpdir(), 'pype-fault-'));
  chmodSync(parent, 0o755);
  return { dataDir: join(parent, 'data'), cleanup: () => rmSync(parent, { recursive: true, force: true }) };
}

/** The pid in the cluster's lock file: the running postmaster. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/**
 * Signals the postmaster of `dataDir` (SIGTERM: a smart shutdown, SIGINT: a fast one) and waits
 * up to 30 s for it to be gone; true when it is.
 */
export async function stopPostmaster(dataDir: string, signal: 'SIGTERM' | 'SIGINT'): Promise<boolean> {
  const postmaster = postmasterPid(dataDir);
  process.kill(postmaster, signal);
  return !(await eventually(
    async () => isAlive(postmaster),
    (alive) => !alive,
    30_000,
  ));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Postmasters still running on `dataDir` (their command line names it), found in /proc. */
export function postmastersOn(dataDir: string): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The service's output as lines, each of which must be a JSON object. */
export function outputLines(output: string): string[] {
  return output.split('\n').filter((line) => line.trim() !== '');
}
