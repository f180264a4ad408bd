/**
 * Shared plumbing for benchmarks: a throwaway embedded PostgreSQL, the service started as a
 * separate process (so load generator and server do not share an event loop), and autocannon
 * runs summarised the same way everywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/common/config/app-config';
import { APP_ENTITIES } from '../../src/app-entities';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { EmbeddedDatabase } from '../../src/common/database/embedded-postgres';
import { migrateDatabase } from '../../src/common/database/migrate';
import { addMonths } from '../../src/calendar/calendar-date';
import { freePort } from '../setup/free-port';

export interface BenchDatabase {
  url: string;
  dataSource: DataSource;
  stop(): Promise<void>;
}

/** `serverLog` receives PostgreSQL's own log lines (e.g. auto_explain's plans). */
export async function startBenchDatabase(serverLog?: (message: string) => void): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pype-bench-pg-'));
  const database = await EmbeddedDatabase.start({
    dataDir,
    port: await freePort(),
    database: 'pype_bench',
    ...(serverLog ? { log: (_level: string, message: string) => serverLog(message) } : {}),
  });
  const dataSource = await new DataSource(buildDataSourceOptions(loadConfig({ NODE_ENV: 'test' }), database.url, APP_ENTITIES)).initialize();
  await migrateDatabase(dataSource);
  return {
    url: database.url,
    dataSource,
    async stop() {
      await dataSource.destroy();
      await database.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchServer {
  url: string;
  process: ChildProcess;
  /** Resident memory of the server process, in MiB, read from its /metrics. */
  residentMemoryMiB(): Promise<number>;
  /** The most resident memory the server process has had so far (VmHWM), in MiB. */
  peakResidentMemoryMiB(): number;
  stop(): Promise<void>;
}

/**
 * The anonymous rate limit left on (its bookkeeping is part of every anonymous request) but so
 * high that a load generator sending from one address is never refused.
 */
export const RATE_LIMIT_NEVER_REFUSING = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000', RATE_LIMIT_ANONYMOUS_BURST: '100000000' } as const;

/**
 * The Node flags `npm start` gives the service (its memory budget), read from package.json so that
 * the service is measured as it runs.
 */
function serviceNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = /^node (.*) dist\/src\/main\.js$/.exec(manifest.scripts.start);
  if (!match) throw new Error(`package.json's start script is not "node <flags> dist/src/main.js": ${manifest.scripts.start}`);
  return match[1].split(' ').filter(Boolean);
}

/** Starts `dist/src/main.js` as `npm start` does, against the given database, with request logs going nowhere. */
export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  // BENCH_NODE_ARGS="--cpu-prof" profiles the server while it is measured.
  const nodeArgs = [...serviceNodeFlags(), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, join(__dirname, '..', '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      SEED_WHEN_EMPTY: 'false',
      // Load generators send from one address without a token: the anonymous rate limit would refuse them.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service exited with code ${child.exitCode} during start-up`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('The service did not start within 60 s');
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    process: child,
    async residentMemoryMiB() {
      const text = await (await fetch(`${url}/metrics`)).text();
      const match = /^pype_process_resident_memory_bytes (\d+)/m.exec(text);
      return match ? Number(match[1]) / 1024 / 1024 : NaN;
    },
    peakResidentMemoryMiB() {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : NaN;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function loadTest(
  url: string,
  body: string,
  durationSeconds: number,
  connections = 50,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: durationSeconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function formatLoad(label: string, result: LoadResult): string {
  return `${label.padEnd(34)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(1).padStart(5)} ms   p99 ${result.p99.toFixed(1).padStart(5)} ms   errors ${result.errors + result.non2xx}`;
}

export const benchSeconds = (fallback: number): number => Number(process.env.BENCH_SECONDS ?? fallback);

/** Runs of one load, as one: requests per second averaged, the worse latency of the runs, errors summed. */
export function combineRuns(runs: LoadResult[]): LoadResult {
  return {
    requestsPerSecond: runs.reduce((total, run) => total + run.requestsPerSecond, 0) / runs.length,
    p50: Math.max(...runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
    errors: runs.reduce((total, run) => total + run.errors, 0),
    non2xx: runs.reduce((total, run) => total + run.non2xx, 0),
  };
}

/** GET `path` under load (feeds, pages), summarised like loadTest. */
export async function loadTestGet(url: string, path: string, durationSeconds: number, connections = 50): Promise<LoadResult> {
  const result = await autocannon({ url: `${url}${path}`, method: 'GET', connections, duration: durationSeconds });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

/**
 * A large published catalog: `releases` releases every two months from 2019 on, LTS every fourth
 * (some ended, some supported, some ahead), each bundling `packagesPerRelease` packages.
 */
export async function seedLargeCatalog(dataSource: DataSource, releases: number, packagesPerRelease: number): Promise<void> {
  for (let index = 0; index < releases; index++) {
    const generalAvailability = addMonths('2019-01-01', index * 2);
    const lts = index % 4 === 0;
    const [{ id }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO runtime_releases (version, python_version, track, state, general_availability, end_of_support, published_at, created_by)
       VALUES ($1, '3.12.1', $2, 'PUBLISHED', $3, $4, now(), 'bench') RETURNING id`,
      [`312.${index + 1}.0`, lts ? 'LTS' : 'STABLE', generalAvailability, addMonths(generalAvailability, lts ? 36 : 16)],
    );
    const names = Array.from({ length: packagesPerRelease }, (_, i) => `package-${i}`);
    await dataSource.query(`INSERT INTO runtime_release_packages (release_id, name, version) SELECT $1, name, '1.' || $2 FROM unnest($3::text[]) AS name`, [
      id,
      index,
      names,
    ]);
  }
}
