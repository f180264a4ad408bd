/**
 * The one AuditRecorder on the test database, without HTTP: both logs are written through it, in
 * the caller's transaction (a rollback leaves no entry), stamped with one actor and one "now",
 * in the order given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventsRepository } from '../../src/audit/audit-events.repository';
import { applicationSubject, AuditRecorder, groupSubject, releaseSubject } from '../../src/audit/audit.recorder';
import type { Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/role';
import { SettableClock } from '../../src/common/clock/clock';
import { openTestDataSource, type TestDataSource } from '../setup/test-data-source';

const ADA: Principal = { userId: null, label: 'ada@example.edu', roles: [Role.ADMIN], tokenId: null };
const GROUP = { id: '00000000-0000-4000-8000-000000000001', slug: 'team-a' };
const APP = { id: '00000000-0000-4000-8000-000000000002', slug: 'grades' };

describe('AuditRecorder', () => {
  let db: TestDataSource;
  let recorder: AuditRecorder;
  const clock = new SettableClock(new Date('2026-11-22T15:00:00Z'));

  beforeAll(async () => {
    db = await openTestDataSource();
    recorder = new AuditRecorder(clock, new AuditEventsRepository(db.dataSource));
  });
  afterAll(async () => db?.close());

  const releaseEvents = () =>
    db.dataSource.query(`SELECT release_version, action, actor_label, occurred_at, after, reason FROM release_audit_events ORDER BY id`);
  const inventoryEvents = () =>
    db.dataSource.query(
      `SELECT subject_type, subject_slug, group_id, application_id, action, actor_label, occurred_at, before FROM inventory_audit_events ORDER BY id`,
    );

  it('writes release and inventory entries in one call, in order, with one actor and one time', async () => {
    await db.dataSource.transaction((manager) =>
      recorder.record(manager, ADA, [
        { ...releaseSubject('37.22.0'), action: 'PUBLISHED', after: { version: '37.22.0' }, reason: 'ready' },
        { ...groupSubject(GROUP), action: 'GROUP_CREATED', after: { slug: 'team-a' } },
        { ...releaseSubject('37.22.0'), action: 'END_OF_SUPPORT_CHANGED', before: { endOfSupport: '2030-01-01' } },
        { ...applicationSubject(APP), action: 'APPLICATION_ARCHIVED', before: { archived: false } },
        { subjectType: 'INVENTORY', action: 'INVENTORY_IMPORTED' },
      ]),
    );
    const at = new Date('2026-11-22T15:00:00Z');
    expect(await releaseEvents()).toEqual([
      { release_version: '37.22.0', action: 'PUBLISHED', actor_label: 'ada@example.edu', occurred_at: at, after: { version: '37.22.0' }, reason: 'ready' },
      { release_version: '37.22.0', action: 'END_OF_SUPPORT_CHANGED', actor_label: 'ada@example.edu', occurred_at: at, after: null, reason: null },
    ]);
    expect(await inventoryEvents()).toEqual([
      {
        subject_type: 'GROUP',
        subject_slug: 'team-a',
        group_id: GROUP.id,
        application_id: null,
        action: 'GROUP_CREATED',
        actor_label: 'ada@example.edu',
        occurred_at: at,
        before: null,
      },
      {
        subject_type: 'APPLICATION',
        subject_slug: 'grades',
        group_id: null,
        application_id: APP.id,
        action: 'APPLICATION_ARCHIVED',
        actor_label: 'ada@example.edu',
        occurred_at: at,
        before: { archived: false },
      },
      {
        subject_type: 'INVENTORY',
        subject_slug: null,
        group_id: null,
        application_id: null,
        action: 'INVENTORY_IMPORTED',
        actor_label: 'ada@example.edu',
        occurred_at: at,
        before: null,
      },
    ]);
  });

  it('commits or rolls back with the change it describes', async () => {
    const before = [await releaseEvents(), await inventoryEvents()];
    await expect(
      db.dataSource.transaction(async (manager) => {
        await recorder.record(manager, ADA, [
          { ...releaseSubject('38.1.0'), action: 'DRAFT_CREATED' },
          { ...groupSubject(GROUP), action: 'MEMBER_ADDED' },
        ]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect([await releaseEvents(), await inventoryEvents()]).toEqual(before);
  });
});
