/**
 * The sweep notifies a large (release, milestone) in batches of about 500 applications, one
 * transaction each. A person's applications must still come in one digest when they sit far
 * apart in the sweep's order (here: two groups on either side of a group of 600 applications),
 * and a group's webhooks hear of all of its applications in one delivery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWEEP_BATCH_APPLICATIONS } from '../../src/notices/lifecycle-sweep.service';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { startTestService, type TestService } from '../setup/test-app';
import { noticeRows, sweep } from './support';

const MIDDLE_APPLICATIONS = SWEEP_BATCH_APPLICATIONS + 100;
/** The sweep orders applications by owning group id: these ids put the groups first, in the middle and last. */
const FIRST_GROUP = '00000000-0000-4000-8000-000000000001';
const MIDDLE_GROUP = '80000000-0000-4000-8000-000000000001';
const LAST_GROUP = 'ffffffff-0000-4000-8000-000000000001';

describe('digests across sweep batches', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ now: '2019-08-01T15:00:00Z', env: { DELIVERY_CONCURRENCY: '0' } });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    const { dataSource } = service;
    await dataSource.query(`INSERT INTO groups (id, slug, name) VALUES ($1, 'first', 'First'), ($2, 'middle', 'Middle'), ($3, 'last', 'Last')`, [
      FIRST_GROUP,
      MIDDLE_GROUP,
      LAST_GROUP,
    ]);
    await dataSource.query(
      `WITH u AS (INSERT INTO users (email, display_name, roles) VALUES ('both@example.edu', 'Both', '{DEVELOPER}') RETURNING id)
       INSERT INTO group_members (group_id, user_id, role) SELECT g, u.id, 'MEMBER' FROM u, unnest($1::uuid[]) AS g`,
      [[FIRST_GROUP, LAST_GROUP]],
    );
    await dataSource.query(
      `INSERT INTO applications (slug, name, department, owning_group_id, contacts)
       VALUES ('first-app', 'First app', 'Registrar', $1, '{}'), ('last-app', 'Last app', 'Registrar', $2, ARRAY['shared@example.edu'])`,
      [FIRST_GROUP, LAST_GROUP],
    );
    await dataSource.query(
      `INSERT INTO applications (slug, name, department, owning_group_id, contacts)
       SELECT 'middle-' || lpad(n::text, 4, '0'), 'Middle ' || n, 'Registrar', $1,
              CASE WHEN n = 1 THEN ARRAY['shared@example.edu', 'middle-' || n || '@example.edu'] ELSE ARRAY['middle-' || n || '@example.edu'] END
         FROM generate_series(1, $2::int) AS n`,
      [MIDDLE_GROUP, MIDDLE_APPLICATIONS],
    );
    // The middle group has no members, only a webhook: its applications are linked by the group alone.
    await dataSource.query(
      `INSERT INTO webhooks (group_id, url, secret, created_by, created_at) VALUES ($1, 'http://127.0.0.1:9/hook', 'a-long-enough-shared-secret', 'test', now())`,
      [MIDDLE_GROUP],
    );
    await dataSource.query(
      `WITH d AS (INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by)
                  SELECT a.id, 'PROD', r.id, 'abcdef1', now(), 'test' FROM applications a, runtime_releases r WHERE r.version = '36.11.0'
                  RETURNING id, application_id, environment, release_id, deployed_at)
       INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
       SELECT application_id, environment, id, release_id, deployed_at FROM d`,
    );
  });

  afterAll(async () => {
    await service?.close();
  });

  it('gives a member of groups far apart, and a contact of applications far apart, one digest each', async () => {
    const result = await sweep(service, '2019-08-04');
    expect(result.noticesCreated).toBeGreaterThan(MIDDLE_APPLICATIONS);
    const rows = await noticeRows(service);
    expect(rows.filter((row) => row.recipient === 'both@example.edu').map((row) => row.apps)).toEqual([['first-app', 'last-app']]);
    expect(rows.filter((row) => row.recipient === 'shared@example.edu').map((row) => row.apps)).toEqual([['last-app', 'middle-0001']]);
    expect(rows.filter((row) => row.recipient === 'middle-600@example.edu').map((row) => row.apps)).toEqual([['middle-0600']]);
    // The middle group's webhook hears of all of its applications in one delivery.
    const webhookDeliveries = await service.dataSource.query<{ applications: number }[]>(
      `SELECT jsonb_array_length(content->'applications') AS applications FROM notice_deliveries WHERE channel = 'WEBHOOK'`,
    );
    expect(webhookDeliveries).toEqual([{ applications: MIDDLE_APPLICATIONS }]);
    // Every application was recorded once, whatever batch it was in.
    const [{ records, applications }] = await service.dataSource.query<{ records: number; applications: number }[]>(
      `SELECT count(*)::int AS records, count(DISTINCT application_id)::int AS applications FROM notice_records`,
    );
    expect(records).toBe(MIDDLE_APPLICATIONS + 2);
    expect(applications).toBe(MIDDLE_APPLICATIONS + 2);
  });
});
