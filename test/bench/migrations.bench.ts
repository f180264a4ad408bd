/**
 * Issue 10: migration figures and the export on 5 000 applications, each with a migration off
 * each of 3 releases (15 000 migrations) and a year of recorded transitions. Through GraphQL on a
 * separate server process: migrationSummary and migrationBurndown for one release and one
 * department (target p95 < 100 ms) and for all departments (< 300 ms), each compared with
 * `{ __typename }` in the same run; then the CSV export of every migration (target < 2 s) with the
 * server's resident memory sampled while it streams. `npm run bench -- migrations`.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { benchSeconds, formatLoad, loadTest, startBenchDatabase, startBenchServer, RATE_LIMIT_NEVER_REFUSING } from './bench-support';

const APPLICATIONS = 5_000;
const GROUPS = 50;
const DEPARTMENTS = 12;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
/** Source → target, as the seed catalog has them. */
const MOVES: Array<[string, string]> = [
  ['27.11.0', '36.11.0'],
  ['36.20.0', '37.21.0'],
  ['37.21.0', '37.22.0'],
];
/** How a migration moves along, cut short at a random step; some go back (reopened). */
const PATH = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'IN_PROGRESS', 'IN_TESTING', 'COMPLETED', 'IN_TESTING', 'COMPLETED'];

const SEQUENTIAL_REQUESTS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One client, one request after another: the latency a manager's page waits for. */
async function latencies(url: string, query: string, token: string | null): Promise<{ p50: number; p95: number }> {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const body = JSON.stringify({ query });
  const first = (await (await fetch(`${url}/graphql`, { method: 'POST', headers, body })).json()) as { errors?: unknown };
  if (first.errors) throw new Error(JSON.stringify(first.errors));
  const times: number[] = [];
  for (let index = 0; index < SEQUENTIAL_REQUESTS; index++) {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export default async function migrationsBench(): Promise<void> {
  const database = await startBenchDatabase();
  try {
    const counts = await seedMigrations(database.dataSource);
    console.log(
      `migrations: ${APPLICATIONS} applications, ${counts.migrations} migrations on ${MOVES.length} releases, ${counts.transitions} transitions over a year`,
    );
    const server = await startBenchServer(database.url, {
      LOG_REQUESTS: 'none',
      BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      ...RATE_LIMIT_NEVER_REFUSING,
    });
    try {
      const queries: Array<[string, string, string | null]> = [
        ['baseline { __typename }', '{ __typename }', null],
        [
          'migrationSummary, one department',
          '{ migrationSummary(release: "36.20.0", department: "Dept 3") { total byStatus { status count } byRisk { risk count } } }',
          ADMIN_TOKEN,
        ],
        [
          'migrationBurndown, one department',
          '{ migrationBurndown(release: "36.20.0", department: "Dept 3") { points { weekStart remaining } forecastCompletion onTrack } }',
          ADMIN_TOKEN,
        ],
        [
          'migrationSummary, all departments',
          '{ migrationSummary(release: "36.20.0") { total byStatus { status count } byRisk { risk count } } }',
          ADMIN_TOKEN,
        ],
        [
          'migrationBurndown, all departments',
          '{ migrationBurndown(release: "36.20.0") { points { weekStart remaining } forecastCompletion onTrack } }',
          ADMIN_TOKEN,
        ],
      ];
      // Warm-up: plans cached, connections open.
      for (const [, query, token] of queries) await latencies(server.url, query, token);
      const measured: Array<{ label: string; p50: number; p95: number }> = [];
      for (const [label, query, token] of queries) measured.push({ label, ...(await latencies(server.url, query, token)) });
      const baseline = measured[0];
      console.log(`latency, one client, ${SEQUENTIAL_REQUESTS} requests each:`);
      for (const entry of measured) {
        console.log(
          `  ${entry.label.padEnd(36)} p50 ${entry.p50.toFixed(1).padStart(6)} ms   p95 ${entry.p95.toFixed(1).padStart(6)} ms   p95 / baseline p95 ${(entry.p95 / baseline.p95).toFixed(1).padStart(5)}`,
        );
      }
      const seconds = benchSeconds(5);
      const typename = await loadTest(server.url, JSON.stringify({ query: '{ __typename }' }), seconds, 10);
      const summary = await loadTest(server.url, JSON.stringify({ query: queries[1][1] }), seconds, 10, { authorization: `Bearer ${ADMIN_TOKEN}` });
      console.log(formatLoad('throughput { __typename }, 10 conn', typename));
      console.log(formatLoad('throughput summary, one department', summary));
      console.log(`ratio summary / __typename (throughput): ${(summary.requestsPerSecond / typename.requestsPerSecond).toFixed(3)}`);

      await exportAll(server, 'one department', '?department=Dept%203');
      await exportAll(server, 'every migration', '');
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}

/** Downloads the export while sampling the server's resident memory. */
async function exportAll(server: Awaited<ReturnType<typeof startBenchServer>>, label: string, query: string): Promise<void> {
  const before = await server.residentMemoryMiB();
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await server.residentMemoryMiB());
      await new Promise((done) => setTimeout(done, 25));
    }
  })();
  const started = performance.now();
  const response = await fetch(`${server.url}/exports/migrations.csv${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const byte of chunk) if (byte === 10) lines += 1;
  }
  const elapsed = performance.now() - started;
  sampling = false;
  await sampler;
  console.log(
    `CSV export, ${label.padEnd(16)} ${String(response.status)} ${(bytes / 1024 / 1024).toFixed(1).padStart(5)} MiB, ${String(lines).padStart(6)} lines in ${(elapsed / 1000).toFixed(2)} s; server RSS ${before.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB while streaming`,
  );
}

export async function seedMigrations(dataSource: DataSource): Promise<{ migrations: number; transitions: number }> {
  await seedCatalog(dataSource, new Date('2017-01-01T00:00:00Z'));
  const groupIds = Array.from({ length: GROUPS }, () => randomUUID());
  await dataSource.query(`INSERT INTO groups (id, slug, name) SELECT id, 'team-' || n, 'Team ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS g(id, n)`, [
    groupIds,
  ]);
  await dataSource.query(
    `INSERT INTO applications (slug, name, department, owning_group_id, contacts)
       SELECT 'app-' || lpad(n::text, 5, '0'), 'Application ' || n, 'Dept ' || (n % ${DEPARTMENTS}), ($1::uuid[])[1 + n % ${GROUPS}], ARRAY['team@example.edu']
         FROM generate_series(1, ${APPLICATIONS}) AS n`,
    [groupIds],
  );
  for (const [source, target] of MOVES) {
    await dataSource.query(
      `INSERT INTO migrations (application_id, source_release_id, target_release_id, status, opened_by, opened_at, status_changed_at, blockers)
       SELECT a.id, s.id, t.id, 'NOT_STARTED', 'lifecycle sweep', timestamptz '2018-01-01 12:00+00', timestamptz '2018-01-01 12:00+00',
              CASE WHEN random() < 0.1 THEN '[{"code": "RUNTIME_OVERRIDE", "file": "requirements.txt", "line": 3, "package": "django", "message": "Django==1.11 replaces the runtime''s Django"}]'::jsonb ELSE '[]' END
         FROM applications a, runtime_releases s, runtime_releases t WHERE s.version = $1 AND t.version = $2`,
      [source, target],
    );
  }
  // Each migration walks PATH for 1 to 8 steps, about every 45 days, over 2018.
  await dataSource.query(
    `WITH walked AS (
       SELECT m.id, step, ($1::text[])[step] AS status, CASE WHEN step = 1 THEN NULL ELSE ($1::text[])[step - 1] END AS previous,
              timestamptz '2018-01-01 12:00+00' + (step - 1) * interval '40 days' + (random() * 39) * interval '1 day' AS at
         FROM migrations m CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(m.id::text)) % ${PATH.length}) AS step)
     INSERT INTO migration_transitions (migration_id, previous_status, status, at, cause_kind, cause)
     SELECT id, previous, status, at, CASE WHEN step = 1 THEN 'OPENED' ELSE 'DEPLOYMENT' END, 'bench' FROM walked`,
    [PATH],
  );
  await dataSource.query(
    `UPDATE migrations m SET status = last.status, status_changed_at = last.at
       FROM (SELECT DISTINCT ON (migration_id) migration_id, status, at FROM migration_transitions ORDER BY migration_id, at DESC, id DESC) last
      WHERE last.migration_id = m.id`,
  );
  await dataSource.query('VACUUM ANALYZE');
  const [{ migrations, transitions }] = await dataSource.query<{ migrations: number; transitions: number }[]>(
    `SELECT (SELECT count(*)::int FROM migrations) AS migrations, (SELECT count(*)::int FROM migration_transitions) AS transitions`,
  );
  return { migrations, transitions };
}
