/**
 * The sweep outside GraphQL: `npm run cli -- sweep [--as-of DATE]` against the service's
 * database, and the scheduled tick (node-cron, NOTICE_SCHEDULE in campus time).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { wallClockAt } from '../../src/calendar/zoned-time';
import { runCli } from '../../src/cli/main';
import { LifecycleSweepScheduler } from '../../src/notices/lifecycle-sweep.scheduler';
import { seedCatalog } from '../../src/releases/seed/seed-catalog';
import { createApplication, createGroup, recordDeployment } from '../applications/support';
import { captureIo } from '../cli/cli-support';
import { startTestService, type TestService } from '../setup/test-app';
import { createTestDatabase, dropTestDatabase } from '../setup/test-database';
import { noticeRows } from './support';

describe('the sweep from the CLI and on a schedule', () => {
  const serverUrl = inject('postgresUrl');
  let databaseUrl: string;
  let service: TestService;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(serverUrl);
    service = await startTestService({ databaseUrl, now: '2019-08-01T15:00:00Z', env: { NOTICE_SCHEDULE: '30 5 * * 1-5' } });
    await seedCatalog(service.dataSource, new Date('2017-01-01T00:00:00Z'));
    await service.tokenFor([], 'dev@example.edu');
    await createGroup(service, 'team-a', ['dev@example.edu']);
    await createApplication(service, { slug: 'a1', group: 'team-a' });
    await recordDeployment(service, { application: 'a1', environment: 'PROD', runtime: '36.11.0' });
  });

  afterAll(async () => {
    await service?.close();
    await dropTestDatabase(serverUrl, databaseUrl);
  });

  it('sweeps a day given with --as-of and prints the counts as JSON; a second run makes nothing', async () => {
    const first = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['sweep', '--as-of', '2019-08-04'], first)).toBe(0);
    expect(JSON.parse(first.out())).toMatchObject({ asOf: '2019-08-04', noticesCreated: 1, deliveriesQueued: 1 });
    const again = captureIo({ DATABASE_URL: databaseUrl });
    expect(await runCli(['sweep', '--as-of', '2019-08-04'], again)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({ noticesCreated: 0 });
    expect((await noticeRows(service)).map((row) => row.recipient)).toEqual(['dev@example.edu']);
  });

  it('refuses an --as-of that is not a date, naming the option, and sweeps nothing', async () => {
    for (const bad of ['2019-02-30', 'yesterday']) {
      const refused = captureIo({ DATABASE_URL: databaseUrl });
      expect(await runCli(['sweep', '--as-of', bad], refused)).toBe(2);
      expect(refused.err()).toContain('--as-of must be a calendar date written YYYY-MM-DD');
      expect(refused.out()).toBe('');
    }
    expect(await noticeRows(service)).toHaveLength(1);
  });

  it('schedules the sweep on NOTICE_SCHEDULE in campus time, and a tick sweeps today on campus', async () => {
    const scheduler = service.app.get(LifecycleSweepScheduler);
    expect(scheduler.nextRun()).toBeNull();
    scheduler.start();
    const next = scheduler.nextRun()!;
    const wall = wallClockAt(next, 'America/Chicago');
    expect({ hour: wall.hour, minute: wall.minute }).toEqual({ hour: 5, minute: 30 });
    expect(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()).toBeGreaterThanOrEqual(1);
    expect(new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay()).toBeLessThanOrEqual(5);

    // 2019-10-03 is the 180-day milestone of 36.11.0; 05:30 on campus is 10:30 UTC.
    service.clock.set('2019-10-03T10:30:00Z');
    await scheduler.tick();
    expect((await noticeRows(service)).map((row) => row.milestone).sort()).toEqual([180, 240]);
    await scheduler.onModuleDestroy();
    expect(scheduler.nextRun()).toBeNull();
  });
});
