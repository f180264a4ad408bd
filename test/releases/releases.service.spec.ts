/**
 * ReleasesService on the test database, without HTTP: built with `new` on its repository and the
 * one AuditRecorder. A write moves the revision, lands in the catalog and in the audit log; a
 * refused write changes none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventsRepository } from '../../src/audit/audit-events.repository';
import { AuditRecorder } from '../../src/audit/audit.recorder';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { SettableClock } from '../../src/common/clock/clock';
import { loadConfig } from '../../src/common/config/app-config';
import { CatalogStore } from '../../src/releases/catalog.store';
import { ReleasesRepository } from '../../src/releases/releases.repository';
import { ReleasesService } from '../../src/releases/releases.service';
import { ReleaseEvents } from '../../src/releases/release-events';
import { openTestDataSource, type TestDataSource } from '../setup/test-data-source';

const DRAFT = {
  version: '314.1.0',
  pythonVersion: '3.14.0',
  track: 'LTS' as const,
  generalAvailability: '2027-09-01',
  endOfSupport: '2030-09-01',
  packages: [{ name: 'Django', version: '5.2.1' }],
  migrationTarget: null,
  notes: 'draft notes',
};

describe('ReleasesService without HTTP', () => {
  let db: TestDataSource;
  let releases: ReleasesService;
  let repository: ReleasesRepository;

  beforeAll(async () => {
    db = await openTestDataSource();
    const config = loadConfig({ NODE_ENV: 'test' });
    const clock = new SettableClock(new Date('2026-11-22T15:00:00Z'));
    repository = new ReleasesRepository(db.dataSource);
    // The store is not started: without its listener it checks the revision on every read.
    const store = new CatalogStore(db.dataSource, repository, config);
    releases = new ReleasesService(
      store,
      db.dataSource,
      repository,
      new AuditRecorder(clock, new AuditEventsRepository(db.dataSource)),
      config,
      clock,
      new ReleaseEvents(),
    );
  });
  afterAll(async () => db?.close());

  const auditActions = async () =>
    (await db.dataSource.query<{ action: string }[]>('SELECT action FROM release_audit_events ORDER BY id')).map((row) => row.action);

  it('creates a draft and publishes it: the revision moves with each write, the audit log follows', async () => {
    const before = await repository.revision();
    const draft = await releases.createDraft(BOOTSTRAP_ADMIN, DRAFT);
    expect(draft).toMatchObject({ version: '314.1.0', state: 'DRAFT', notes: 'draft notes' });
    expect(await repository.revision()).toBe(before + 1);
    expect(await releases.getRelease(null, '314.1.0')).toBeNull();

    const published = await releases.publish(BOOTSTRAP_ADMIN, { version: '314.1.0', notes: 'final notes' });
    expect(published).toMatchObject({ state: 'PUBLISHED', notes: 'final notes', packages: [{ name: 'django', version: '5.2.1' }] });
    expect(await repository.revision()).toBe(before + 2);
    expect((await releases.getRelease(null, '314.1.0'))?.state).toBe('PUBLISHED');
    expect(await auditActions()).toEqual(['DRAFT_CREATED', 'PUBLISHED']);
  });

  it('leaves the catalog, its revision and the audit log alone when a write is refused', async () => {
    const before = { revision: await repository.revision(), audit: await auditActions() };
    await expect(releases.createDraft(BOOTSTRAP_ADMIN, DRAFT)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(releases.withdrawDraft(BOOTSTRAP_ADMIN, '314.1.0')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect({ revision: await repository.revision(), audit: await auditActions() }).toEqual(before);
  });
});
