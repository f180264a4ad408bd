/**
 * Issue 13 item 3: `applications(first: 50)` for a member who sees 2 500 of 5 000 applications
 * (member of 25 of 50 groups; every application deployed to two environments and with a
 * snapshot), against `{ __typename }` on the same server in the same run, 50 connections.
 * Target: ratio ≥ 0.15. Measured twice: on the service as it runs (a repeated page is answered
 * from the signed-in answer cache) and with that cache off (every page read from the database).
 * `npm run bench -- applications` runs only this one.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hashToken } from '../../src/auth/api-token-secret';
import type { DataSource } from 'typeorm';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { benchSeconds, formatLoad, loadTest, startBenchDatabase, startBenchServer, type LoadResult, RATE_LIMIT_NEVER_REFUSING } from './bench-support';

const APPLICATIONS = 5_000;
const GROUPS = 50;
const MEMBER_TOKEN = 'pype_bench-member-token-0123456789abcdef';

export const APPLICATIONS_PAGE_QUERY = `{ applications(first: 50) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { slug name department archived owningGroup { slug } deployments { environment runtimeVersion } } } } }`;

export default async function applicationsBench(): Promise<void> {
  // BENCH_EXPLAIN=1 prints the plan of every statement the server runs for one page (auto_explain).
  const explain = process.env.BENCH_EXPLAIN === '1';
  let plans = '';
  const database = await startBenchDatabase(explain ? (message) => (plans += message) : undefined);
  try {
    const { dataSource } = database;
    await seedApplications(dataSource);

    // The service as it runs (signed-in answers remembered), then with that cache off: what a
    // page costs when it has to be read from the database every time (a new page, a change).
    const variants: { name: string; env: Record<string, string>; explain: boolean }[] = [
      { name: 'answer cache on (default)', env: {}, explain: false },
      { name: 'answer cache off (ANSWER_CACHE_TTL_MS=0)', env: { ANSWER_CACHE_TTL_MS: '0' }, explain },
    ];
    for (const variant of variants) {
      console.log(`-- ${variant.name}`);
      await measureServer(database.url, dataSource, variant.env, variant.explain, {
        read: () => plans,
        reset: (text) => (plans = text),
      });
    }
  } finally {
    await database.stop();
  }
}

/** `{ __typename }` and the page on one server, in one run; prints rates, CPU per request and the ratio. */
async function measureServer(
  databaseUrl: string,
  dataSource: DataSource,
  env: Record<string, string>,
  explain: boolean,
  plans: { read: () => string; reset: (text: string) => void },
): Promise<void> {
  // The anonymous baseline must not meet the anonymous rate limit.
  const server = await startBenchServer(databaseUrl, {
    LOG_REQUESTS: 'none',
    ...RATE_LIMIT_NEVER_REFUSING,
    ...env,
  });
  try {
    const seconds = benchSeconds(10);
    const member = { authorization: `Bearer ${MEMBER_TOKEN}` };
    const body = JSON.stringify({ query: APPLICATIONS_PAGE_QUERY });
    const check = (await (
      await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...member }, body })
    ).json()) as { data?: { applications: { totalCount: number; edges: unknown[] } }; errors?: unknown };
    if (!check.data) throw new Error(JSON.stringify(check.errors));
    console.log(
      `applications: ${APPLICATIONS} stored; the member sees ${check.data.applications.totalCount}, a page holds ${check.data.applications.edges.length}`,
    );
    if (explain) await printPlans(dataSource, server.url, member, body, plans.read, plans.reset);

    await loadTest(server.url, JSON.stringify({ query: '{ __typename }' }), 2); // warm-up
    await loadTest(server.url, body, 2, 50, member);
    // CPU the server process and PostgreSQL spend per request: steadier than the rates on a shared machine.
    const cpu = new CpuMeter([server.process.pid!], () => postgresPids(dataSource));
    const baseline = await cpu.measure(seconds, () => loadTest(server.url, JSON.stringify({ query: '{ __typename }' }), seconds));
    const page = await cpu.measure(seconds, () => loadTest(server.url, body, seconds, 50, member));
    console.log(`${formatLoad('baseline { __typename }', baseline)}   ${formatCpu(baseline)}`);
    console.log(`${formatLoad('applications(first: 50), member', page)}   ${formatCpu(page)}`);
    const ratio = page.requestsPerSecond / baseline.requestsPerSecond;
    console.log(`ratio applications / __typename: ${ratio.toFixed(2)} (target ≥ 0.15); load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  } finally {
    await server.stop();
  }
}

/** Clock ticks (utime + stime) a process has used; 0 once it is gone. */
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The PostgreSQL processes serving this database (the server's pooled sessions among them). */
async function postgresPids(dataSource: DataSource): Promise<number[]> {
  const rows = await dataSource.query<{ pid: number }[]>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return rows.map((row) => row.pid);
}

type Measured = LoadResult & { serverCpuMs: number; postgresCpuMs: number };

/** Milliseconds of CPU per request of the server process and of PostgreSQL's backends, over one load phase. */
class CpuMeter {
  private readonly tick = 1000 / 100; // USER_HZ is 100 on Linux

  constructor(
    private readonly serverPids: number[],
    private readonly backends: () => Promise<number[]>,
  ) {}

  async measure(_seconds: number, run: () => Promise<LoadResult>): Promise<Measured> {
    const pids = await this.backends();
    const sum = (list: number[]) => list.reduce((total, pid) => total + cpuTicks(pid), 0);
    const [server0, postgres0] = [sum(this.serverPids), sum(pids)];
    const result = await run();
    const requests = result.requestsPerSecond * _seconds;
    return {
      ...result,
      serverCpuMs: ((sum(this.serverPids) - server0) * this.tick) / requests,
      postgresCpuMs: ((sum(pids) - postgres0) * this.tick) / requests,
    };
  }
}

const formatCpu = (measured: Measured): string =>
  `CPU/request: server ${measured.serverCpuMs.toFixed(2)} ms, PostgreSQL ${measured.postgresCpuMs.toFixed(2)} ms`;

/** Plans of one page request, as auto_explain logs them in the server's sessions (new sessions: the server's pool is restarted by a reload). */
async function printPlans(
  dataSource: DataSource,
  url: string,
  headers: Record<string, string>,
  body: string,
  read: () => string,
  reset: (text: string) => void,
): Promise<void> {
  await dataSource.query(`ALTER SYSTEM SET session_preload_libraries = 'auto_explain'`);
  await dataSource.query(`ALTER SYSTEM SET auto_explain.log_min_duration = 0`);
  await dataSource.query(`ALTER SYSTEM SET auto_explain.log_analyze = on`);
  await dataSource.query(`ALTER SYSTEM SET auto_explain.log_timing = on`);
  await dataSource.query('SELECT pg_reload_conf()');
  // Sessions load auto_explain when they start: end the server's pooled ones.
  await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).catch(() => undefined);
  }
  reset('');
  await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await new Promise((done) => setTimeout(done, 500));
  console.log(read());
  await dataSource.query('ALTER SYSTEM RESET ALL');
  await dataSource.query('SELECT pg_reload_conf()');
  await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).catch(() => undefined);
  }
}

/** 5 000 applications in 50 groups, each deployed to TEST and PROD; a member of every other group with MEMBER_TOKEN. */
export async function seedApplications(dataSource: DataSource): Promise<void> {
  await seedCatalog(dataSource, new Date('2017-01-01T00:00:00Z'));
  const [release] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM runtime_releases WHERE state = 'PUBLISHED' ORDER BY general_availability DESC LIMIT 1`,
  );
  const groupIds = Array.from({ length: GROUPS }, () => randomUUID());
  await dataSource.query(`INSERT INTO groups (id, slug, name) SELECT id, 'team-' || n, 'Team ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS g(id, n)`, [
    groupIds,
  ]);
  const appIds = Array.from({ length: APPLICATIONS }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO applications (id, slug, name, department, owning_group_id, contacts)
       SELECT id, 'app-' || lpad(n::text, 5, '0'), 'Application ' || n, 'Dept ' || (n % 12), ($2::uuid[])[1 + n % ${GROUPS}], ARRAY['team@example.edu']
         FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)`,
    [appIds, groupIds],
  );
  for (const environment of ['TEST', 'PROD']) {
    await dataSource.query(
      `WITH d AS (INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by)
                    SELECT id, $2, $3, 'abcdef1', now(), 'bench' FROM unnest($1::uuid[]) AS id RETURNING id, application_id, environment, release_id, deployed_at)
         INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
         SELECT application_id, environment, id, release_id, deployed_at FROM d`,
      [appIds, environment, release.id],
    );
  }
  const [{ id: userId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (email, display_name, roles) VALUES ('member@example.edu', 'Member', '{DEVELOPER}') RETURNING id`,
  );
  await dataSource.query(`INSERT INTO api_tokens (user_id, name, token_hash, token_prefix) VALUES ($1, 'bench', $2, 'pype_bench')`, [
    userId,
    hashToken(MEMBER_TOKEN),
  ]);
  await dataSource.query(`INSERT INTO group_members (group_id, user_id, role) SELECT id, $2, 'MEMBER' FROM unnest($1::uuid[]) AS id`, [
    groupIds.filter((_, index) => index % 2 === 0),
    userId,
  ]);
  // As autovacuum would have by then: statistics, and a visibility map for index-only scans.
  await dataSource.query('VACUUM ANALYZE');
}
