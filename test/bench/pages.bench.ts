/**
 * Issue 11, pages: `/` (the catalog timeline, rendered once per catalog revision and day) under
 * load against `{ __typename }` on the same server, 50 connections, in alternating halves, with the
 * seed catalog; target ratio ≥ 0.6 and p99 < 50 ms. Then `/dashboard` for an admin session over
 * 5 000 applications with a migration each (opened by the lifecycle sweep); target < 300 ms.
 */
import { randomUUID } from 'node:crypto';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import {
  benchSeconds,
  combineRuns,
  formatLoad,
  loadTest,
  loadTestGet,
  startBenchDatabase,
  startBenchServer,
  type BenchDatabase,
  type LoadResult,
  RATE_LIMIT_NEVER_REFUSING,
} from './bench-support';

const APPLICATIONS = Number(process.env.BENCH_APPS ?? 5_000);
const TOKEN = 'bench-admin-token-0123456789abcdef';
/** The lifecycle sweep opens a migration for every application once the notice window started. */
const SWEEP_DAY = '2029-08-04';

/** A release losing support in 2030 and its target, 5 000 applications in 20 departments running it in PROD. */
async function seedApplications(database: BenchDatabase): Promise<void> {
  const { dataSource } = database;
  const [target, source] = [randomUUID(), randomUUID()];
  await dataSource.query(
    `INSERT INTO runtime_releases (id, version, python_version, track, state, general_availability, end_of_support, migration_target_id, published_at, created_by)
     VALUES ($1, '41.2.0', '4.1.0', 'LTS', 'PUBLISHED', '2029-01-01', '2032-01-31', NULL, now(), 'bench'),
            ($2, '41.1.0', '4.1.0', 'LTS', 'PUBLISHED', '2027-04-01', '2030-03-31', $1, now(), 'bench')`,
    [target, source],
  );
  const groupIds = Array.from({ length: 50 }, () => randomUUID());
  await dataSource.query(`INSERT INTO groups (id, slug, name) SELECT id, 'team-' || n, 'Team ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS g(id, n)`, [
    groupIds,
  ]);
  const appIds = Array.from({ length: APPLICATIONS }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO applications (id, slug, name, department, owning_group_id, contacts)
     SELECT id, 'app-' || lpad(n::text, 5, '0'), 'Application ' || n, 'Dept ' || (n % 20), ($2::uuid[])[1 + (n - 1) % 50], '{}'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)`,
    [appIds, groupIds],
  );
  await dataSource.query(
    `WITH d AS (INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by)
                SELECT id, 'PROD', $2, 'abcdef1', now(), 'bench' FROM unnest($1::uuid[]) AS a(id)
                RETURNING id, application_id, environment, release_id, deployed_at)
     INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
     SELECT application_id, environment, id, release_id, deployed_at FROM d`,
    [appIds, source],
  );
  await dataSource.query('ANALYZE');
}

/** Signs in through the form like a browser: the session cookie to send. */
async function signIn(url: string): Promise<string> {
  const form = await fetch(`${url}/sign-in`, { headers: { accept: 'text/html' } });
  const visitor = /pype_visitor=([\w-]+)/.exec(form.headers.get('set-cookie') ?? '')![1];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const signedIn = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie: `pype_visitor=${visitor}` },
    body: new URLSearchParams({ _csrf: csrf, token: TOKEN }).toString(),
  });
  return /pype_session=([\w-]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1];
}

async function catalogPage(url: string): Promise<void> {
  const seconds = benchSeconds(10);
  const baselineQuery = JSON.stringify({ query: '{ __typename }' });
  await loadTest(url, baselineQuery, 2); // warm-up
  await loadTestGet(url, '/', 2);
  const baseline: LoadResult[] = [];
  const page: LoadResult[] = [];
  for (let round = 0; round < 2; round++) {
    baseline.push(await loadTest(url, baselineQuery, seconds / 2));
    page.push(await loadTestGet(url, '/', seconds / 2));
  }
  const baselineLoad = combineRuns(baseline);
  const pageLoad = combineRuns(page);
  console.log(formatLoad('baseline { __typename }', baselineLoad));
  console.log(formatLoad('GET / (catalog timeline)', pageLoad));
  const ratio = pageLoad.requestsPerSecond / baselineLoad.requestsPerSecond;
  console.log(`ratio / over __typename: ${ratio.toFixed(2)} (target ≥ 0.60); / p99 ${pageLoad.p99} ms (target < 50 ms)`);
}

async function dashboard(url: string): Promise<void> {
  const sweep = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: `mutation { runLifecycleSweep(asOf: "${SWEEP_DAY}") { migrationsOpened } }` }),
  });
  const opened = ((await sweep.json()) as { data?: { runLifecycleSweep: { migrationsOpened: number } } }).data?.runLifecycleSweep.migrationsOpened;
  const cookie = `pype_session=${await signIn(url)}`;
  const timings: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 12; run++) {
    const started = performance.now();
    const response = await fetch(`${url}/dashboard`, { headers: { accept: 'text/html', cookie } });
    const text = await response.text();
    if (response.status !== 200 || !text.includes('Migrations by department')) throw new Error(`/dashboard answered ${response.status}`);
    bytes = text.length;
    if (run >= 2) timings.push(performance.now() - started); // the first two warm the caches
  }
  timings.sort((a, b) => a - b);
  console.log(`dashboard: ${APPLICATIONS} applications, ${opened} migrations opened by the sweep; page ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(
    `  GET /dashboard (admin session), 10 runs: median ${timings[Math.floor(timings.length / 2)].toFixed(0)} ms, worst ${timings[timings.length - 1].toFixed(0)} ms (target < 300 ms)`,
  );
}

export default async function pagesBench(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    await seedCatalog(database.dataSource, new Date('2017-01-01T00:00:00Z'));
    await seedApplications(database);
    // The anonymous rate limit stays on (its bookkeeping is part of every anonymous request) but so high it never refuses.
    const server = await startBenchServer(database.url, {
      BOOTSTRAP_ADMIN_TOKEN: TOKEN,
      DELIVERY_CONCURRENCY: '0',
      ...RATE_LIMIT_NEVER_REFUSING,
    });
    try {
      await catalogPage(server.url);
      await dashboard(server.url);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}
