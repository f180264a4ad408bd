/**
 * Three replicas of the service on one database sweep at the same moment: the advisory lock lets
 * one work at a time and the exactly-once keys leave nothing doubled, notices or deliveries.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Role } from '../../src/auth/role';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, recordDeployment } from '../applications/support';
import { startTestService, type TestService } from '../setup/test-app';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { sweep } from './support';

const APPS = 30;

describe('three replicas sweeping at once', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  const replicas: TestService[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    for (let index = 0; index < 3; index += 1) replicas.push(await startTestService({ databaseUrl, now: '2019-08-01T15:00:00Z' }));
    const [first] = replicas;
    await seedCatalog(first.dataSource, new Date('2017-01-01T00:00:00Z'));
    for (const name of ['ann', 'bob', 'cy']) await first.tokenFor([Role.DEVELOPER], `${name}@example.edu`);
    await createGroup(first, 'team-a', ['ann@example.edu'], ['bob@example.edu', 'cy@example.edu']);
    for (let index = 0; index < APPS; index += 1) {
      const slug = `app-${index}`;
      await createApplication(first, { slug, group: 'team-a', contacts: [`owner-${index}@example.edu`] });
      await recordDeployment(first, { application: slug, environment: index % 2 === 0 ? 'PROD' : 'TEST', runtime: index % 3 === 0 ? '27.11.0' : '36.11.0' });
    }
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('records each milestone once and makes each digest and e-mail once', async () => {
    // 2019-12-25: 27.11.0 is past its 7-day milestone, 36.11.0 past its 180-day one.
    const results = await Promise.all(replicas.map((replica) => sweep(replica, '2019-12-25')));
    const [db] = replicas;
    const [{ records, distinct }] = await db.dataSource.query(
      `SELECT count(*)::int AS records, count(DISTINCT (application_id, release_id, milestone_days))::int AS distinct FROM notice_records`,
    );
    expect(records).toBe(distinct);
    const [{ notices, digests }] = await db.dataSource.query(
      `SELECT count(*)::int AS notices, count(DISTINCT (recipient_email, release_id, milestone_days))::int AS digests FROM notices WHERE kind = 'MILESTONE'`,
    );
    // One digest per person per release and milestone: 3 members on both releases, one contact per app.
    expect(notices).toBe(digests);
    expect(notices).toBe(3 * 2 + APPS);
    expect(results.reduce((total, result) => total + result.noticesCreated, 0)).toBe(notices);
    const [{ emails, targets }] = await db.dataSource.query(
      `SELECT count(*)::int AS emails, count(DISTINCT (notice_id, target))::int AS targets FROM notice_deliveries WHERE channel = 'EMAIL'`,
    );
    expect(emails).toBe(targets);
    expect(emails).toBe(notices);
    expect(results.reduce((total, result) => total + result.deliveriesQueued, 0)).toBe(emails);
  });
});

describe('a sweep waiting for another one', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ now: '2019-08-01T15:00:00Z', env: { DATABASE_STATEMENT_TIMEOUT_MS: '500' } });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('waits for the lock longer than one statement may take, then sweeps; the pool keeps its statement timeout', async () => {
    const holder = service.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SET statement_timeout = 0`);
      const [{ key }] = await holder.query(`SELECT 7310442909::bigint AS key`);
      await holder.query('SELECT pg_advisory_lock($1)', [key]);
      const waiting = sweep(service, '2019-08-04');
      await new Promise((done) => setTimeout(done, 1_500));
      await holder.query('SELECT pg_advisory_unlock($1)', [key]);
      expect(await waiting).toMatchObject({ asOf: '2019-08-04', noticesCreated: 0 });
    } finally {
      await holder.query(`RESET statement_timeout`);
      await holder.release();
    }
    const timeouts = await Promise.all(Array.from({ length: 5 }, () => service.dataSource.query(`SHOW statement_timeout`)));
    expect(timeouts.map(([row]) => row.statement_timeout)).toEqual(Array(5).fill('500ms'));
  });
});
