/**
 * Issue 9, the sweep's part of `npm run bench -- notices`: 10 000 applications on 5 releases that
 * cross their 240-day milestone on the same day, each with 2 contacts (without accounts) and an
 * owning group of 3 developers (each group owns one app per release). The service runs as its own
 * process, queueing deliveries but not sending them (DELIVERY_CONCURRENCY=0: sending is the
 * delivery bench's part). Targets on 2 cores: the sweep records every notice and queues every
 * e-mail in under 30 s; a second sweep for the same day creates nothing in under 2 s; the
 * service's memory stays under 300 MB. Baseline measured in the same run: PostgreSQL writing the
 * same number of notice, record and delivery rows of the same size in one statement each (what
 * the sweep cannot beat).
 */
import { randomUUID } from 'node:crypto';
import { startBenchServer, type BenchDatabase } from './bench-support';

const APPLICATIONS = Number(process.env.BENCH_APPS ?? 10_000);
const RELEASES = 5;
const GROUPS = APPLICATIONS / RELEASES;
const TOKEN = 'bench-admin-token-0123456789abcdef';
const END_OF_SUPPORT = '2030-03-31';
/** 240 days before the end of support: the first milestone. */
const AS_OF = '2029-08-04';

interface SweepAnswer {
  data?: { runLifecycleSweep: { noticesCreated: number; deliveriesQueued: number } };
  errors?: unknown[];
}

async function sweep(url: string): Promise<{ seconds: number; noticesCreated: number; deliveriesQueued: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query: `mutation { runLifecycleSweep(asOf: "${AS_OF}") { noticesCreated deliveriesQueued } }` }),
  });
  const body = (await response.json()) as SweepAnswer;
  if (!body.data) throw new Error(`runLifecycleSweep failed: ${JSON.stringify(body.errors)}`);
  return { seconds: (performance.now() - started) / 1000, ...body.data.runLifecycleSweep };
}

/** Releases, groups of 3 developers, applications with 2 contacts, each deployed to PROD on one release. */
async function seed(database: BenchDatabase): Promise<void> {
  const { dataSource } = database;
  const releaseIds = Array.from({ length: RELEASES }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO runtime_releases (id, version, python_version, track, state, general_availability, end_of_support, published_at, created_by)
     SELECT id, '40.' || n || '.0', '4.0.' || n, 'LTS', 'PUBLISHED', '2027-04-01', $2, now(), 'bench' FROM unnest($1::uuid[]) WITH ORDINALITY AS r(id, n)`,
    [releaseIds, END_OF_SUPPORT],
  );
  const groupIds = Array.from({ length: GROUPS }, () => randomUUID());
  await dataSource.query(`INSERT INTO groups (id, slug, name) SELECT id, 'team-' || n, 'Team ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS g(id, n)`, [
    groupIds,
  ]);
  await dataSource.query(
    `WITH u AS (INSERT INTO users (email, display_name, roles)
                SELECT 'dev-' || g.n || '-' || m || '@example.edu', 'Developer ' || g.n || '.' || m, '{DEVELOPER}'
                  FROM unnest($1::uuid[]) WITH ORDINALITY AS g(id, n), generate_series(1, 3) AS m RETURNING id, email)
     INSERT INTO group_members (group_id, user_id, role)
     SELECT ($1::uuid[])[split_part(split_part(u.email, '-', 2), '-', 1)::int], u.id, 'MEMBER' FROM u`,
    [groupIds],
  );
  const appIds = Array.from({ length: APPLICATIONS }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO applications (id, slug, name, department, owning_group_id, contacts)
     SELECT id, 'app-' || lpad(n::text, 5, '0'), 'Application ' || n, 'Dept ' || (n % 20), ($2::uuid[])[1 + (n - 1) % ${GROUPS}],
            ARRAY['owner-' || n || '@example.edu', 'ops-' || n || '@example.edu']
       FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)`,
    [appIds, groupIds],
  );
  await dataSource.query(
    `WITH d AS (INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by)
                SELECT id, 'PROD', ($2::uuid[])[1 + ((n - 1) / ${GROUPS})::int], 'abcdef1', now(), 'bench'
                  FROM unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)
                RETURNING id, application_id, environment, release_id, deployed_at)
     INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
     SELECT application_id, environment, id, release_id, deployed_at FROM d`,
    [appIds, releaseIds],
  );
  await dataSource.query('ANALYZE');
}

/** The same rows written straight by PostgreSQL, one statement per table, then removed. */
async function baselineSeconds(database: BenchDatabase, notices: number): Promise<number> {
  const { dataSource } = database;
  const [{ subject, body_text, body_html, applications }] = await dataSource.query<
    { subject: string; body_text: string; body_html: string; applications: string }[]
  >(`SELECT subject, body_text, body_html, applications::text FROM notices LIMIT 1`);
  const started = performance.now();
  await dataSource.transaction(async (manager) => {
    await manager.query(`CREATE TEMP TABLE baseline_records ON COMMIT DROP AS SELECT * FROM notice_records WITH NO DATA`);
    await manager.query(
      `INSERT INTO baseline_records (id, application_id, release_id, milestone_days, end_of_support, status, recorded_on)
       SELECT gen_random_uuid(), application_id, release_id, 240, '2030-03-31', 'SENT', '2029-08-04' FROM current_deployments`,
    );
    await manager.query(`CREATE TEMP TABLE baseline_notices ON COMMIT DROP AS SELECT * FROM notices WITH NO DATA`);
    await manager.query(
      `INSERT INTO baseline_notices (id, kind, recipient_email, subject, body_text, body_html, applications, application_ids, created_at)
       SELECT gen_random_uuid(), 'MILESTONE', 'someone-' || n || '@example.edu', $2, $3, $4, $5::jsonb, '{}', now() FROM generate_series(1, $1) AS n`,
      [notices, subject, body_text, body_html, applications],
    );
    await manager.query(`CREATE TEMP TABLE baseline_deliveries ON COMMIT DROP AS SELECT * FROM notice_deliveries WITH NO DATA`);
    await manager.query(`INSERT INTO baseline_deliveries SELECT * FROM notice_deliveries`);
  });
  return (performance.now() - started) / 1000;
}

export async function sweepBench(database: BenchDatabase): Promise<void> {
  await seed(database);
  const server = await startBenchServer(database.url, { BOOTSTRAP_ADMIN_TOKEN: TOKEN, DELIVERY_CONCURRENCY: '0' });
  try {
    const atStart = await server.residentMemoryMiB();
    const first = await sweep(server.url);
    const second = await sweep(server.url);
    const peak = server.peakResidentMemoryMiB();
    const resident = await server.residentMemoryMiB();
    const [{ records, notices, emails }] = await database.dataSource.query<{ records: number; notices: number; emails: number }[]>(
      `SELECT (SELECT count(*)::int FROM notice_records) AS records, (SELECT count(*)::int FROM notices) AS notices,
              (SELECT count(*)::int FROM notice_deliveries WHERE channel = 'EMAIL') AS emails`,
    );
    const baseline = await baselineSeconds(database, notices);
    console.log(`sweep: ${APPLICATIONS} applications on ${RELEASES} releases crossing the 240-day milestone, 2 contacts and a group of 3 each`);
    console.log(`  records ${records}, notices ${notices} (one digest per person and release), e-mails queued ${emails}`);
    console.log(`  baseline: the same rows written by PostgreSQL alone   ${baseline.toFixed(2).padStart(6)} s`);
    console.log(
      `  first sweep (records, digests, deliveries + jobs)    ${first.seconds.toFixed(2).padStart(6)} s  (${(first.seconds / baseline).toFixed(1)} x baseline; target < 30 s): ${first.noticesCreated} notices, ${first.deliveriesQueued} deliveries`,
    );
    console.log(
      `  second sweep, same day                               ${second.seconds.toFixed(2).padStart(6)} s  (target < 2 s): ${second.noticesCreated} notices`,
    );
    console.log(
      `  service memory: ${atStart.toFixed(0)} MiB at start, peak ${peak.toFixed(0)} MiB, after the sweeps ${resident.toFixed(0)} MiB (target < 300 MB)`,
    );
  } finally {
    await server.stop();
  }
}
