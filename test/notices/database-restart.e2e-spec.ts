/**
 * The database restarts in the middle of a sweep: the batches committed before stay, the one in
 * flight rolls back, and the next sweep completes the work: nothing lost, nothing doubled.
 * The sweep is held in the middle deterministically: an open transaction of the test holds the
 * exactly-once key of an application of the second release, so the sweep's insert waits on it.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTITIES } from '../../src/app-entities';
import { Role } from '../../src/auth/role';
import { loadConfig } from '../../src/common/config/app-config';
import { buildDataSourceOptions } from '../../src/common/database/data-source-options';
import { EmbeddedDatabase } from '../../src/common/database/embedded-postgres';
import { migrateDatabase } from '../../src/common/database/migrate';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, recordDeployment } from '../applications/support';
import { eventually } from '../setup/eventually';
import { freePort } from '../setup/free-port';
import { BOOTSTRAP_TOKEN, startTestService, type TestService } from '../setup/test-app';
import { stopPostmaster, temporaryDataDir } from '../platform/service-process';
import { RUN_SWEEP, noticeRows, recordRows, sweep } from './support';

describe('a database restart in the middle of a sweep', () => {
  const { dataDir, cleanup } = temporaryDataDir();
  let port: number;
  let server: EmbeddedDatabase;
  let service: TestService;

  beforeAll(async () => {
    port = await freePort();
    server = await EmbeddedDatabase.start({ dataDir, port, database: 'pype' });
    const migrator = await new DataSource(buildDataSourceOptions(loadConfig({ NODE_ENV: 'test' }), server.url, APP_ENTITIES)).initialize();
    await migrateDatabase(migrator);
    await migrator.destroy();
    service = await startTestService({ databaseUrl: server.url, now: '2019-08-01T15:00:00Z', env: { DATABASE_CHECK_INTERVAL_MS: '200' } });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    await service.tokenFor([Role.DEVELOPER], 'dev@example.edu');
    await createGroup(service, 'team-a', ['dev@example.edu']);
    // 36.11.0 crosses its 240-day milestone on 2019-08-04; 37.21.0 (end of support 2019-11-30) is past its 180-day one.
    for (const [slug, runtime] of [
      ['old-1', '36.11.0'],
      ['old-2', '36.11.0'],
      ['mid-1', '37.21.0'],
      ['mid-2', '37.21.0'],
    ]) {
      await createApplication(service, { slug, group: 'team-a', contacts: [`${slug}@example.edu`] });
      await recordDeployment(service, { application: slug, environment: 'PROD', runtime });
    }
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await server?.stop();
    cleanup();
  });

  it('keeps what committed, rolls back the batch in flight, and the next sweep completes it once', async () => {
    // Hold the key (mid-1, 37.21.0, 180) in a transaction of our own: the sweep's second batch waits on it.
    const blocker = new Client({ connectionString: server.url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(
      `INSERT INTO notice_records (application_id, release_id, milestone_days, end_of_support, status, recorded_on)
       SELECT a.id, r.id, 180, r.end_of_support, 'SENT', '2019-08-04' FROM applications a, runtime_releases r WHERE a.slug = 'mid-1' AND r.version = '37.21.0'`,
    );

    service.clock.set('2019-08-04T17:00:00Z');
    const interrupted = service.gql(RUN_SWEEP, { asOf: '2019-08-04' }, BOOTSTRAP_TOKEN);
    // The first release's batch committed; the second waits on our lock.
    expect(
      await eventually(
        async () => (await recordRows(service)).filter((row) => row.version === '36.11.0').length,
        (count) => count === 2,
        30_000,
      ),
    ).toBe(2);
    expect(
      await eventually(
        async () => (await service.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`))[0].n,
        (waiting: number) => waiting > 0,
        30_000,
      ),
    ).toBeGreaterThan(0);

    // Fast shutdown (SIGINT): every session is ended and its transaction rolled back.
    expect(await stopPostmaster(dataDir, 'SIGINT')).toBe(true);
    const failed = await interrupted;
    expect(failed.errors?.length).toBeGreaterThan(0);
    await blocker.end().catch(() => undefined);

    await server.stop();
    server = await EmbeddedDatabase.start({ dataDir, port, database: 'pype' });
    await eventually(
      () => fetch(`${service.url}/readyz`).then((response) => response.status),
      (status) => status === 200,
      30_000,
    );
    expect((await recordRows(service)).map((row) => `${row.app} ${row.milestone} ${row.status}`)).toEqual([
      'mid-1 240 SUPERSEDED',
      'mid-2 240 SUPERSEDED',
      'old-1 240 SENT',
      'old-2 240 SENT',
    ]);

    const completed = await eventually(
      () => service.gql(RUN_SWEEP, { asOf: '2019-08-04' }, BOOTSTRAP_TOKEN),
      (response) => response.errors === undefined,
      30_000,
    );
    // The rolled-back batch: one digest for the member (mid-1, mid-2) and one per contact.
    expect(completed.data!.runLifecycleSweep.noticesCreated).toBe(3);
    expect((await recordRows(service)).map((row) => `${row.app} ${row.milestone} ${row.status}`)).toEqual([
      'mid-1 240 SUPERSEDED',
      'mid-1 180 SENT',
      'mid-2 240 SUPERSEDED',
      'mid-2 180 SENT',
      'old-1 240 SENT',
      'old-2 240 SENT',
    ]);
    const rows = await noticeRows(service);
    expect(rows.map((row) => `${row.recipient} ${row.milestone} ${row.apps.join(',')}`).sort()).toEqual([
      'dev@example.edu 180 mid-1,mid-2',
      'dev@example.edu 240 old-1,old-2',
      'mid-1@example.edu 180 mid-1',
      'mid-2@example.edu 180 mid-2',
      'old-1@example.edu 240 old-1',
      'old-2@example.edu 240 old-2',
    ]);
    expect(await sweep(service, '2019-08-04')).toMatchObject({ noticesCreated: 0 });
  }, 180_000);
});
