/**
 * GroupsRepository and GroupsService on the test database, without HTTP: the batch methods the
 * inventory import uses (upsertMany, addMembers) and the single-item paths built on them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokensRepository } from '../../src/auth/api-tokens.repository';
import { BOOTSTRAP_ADMIN } from '../../src/auth/principal';
import { UsersRepository } from '../../src/auth/users.repository';
import { UsersService } from '../../src/auth/users.service';
import { SettableClock } from '../../src/common/clock/clock';
import { AccessService } from '../../src/groups/access.service';
import { GroupsRepository } from '../../src/groups/groups.repository';
import { GroupsService } from '../../src/groups/groups.service';
import { AuditEventsRepository } from '../../src/audit/audit-events.repository';
import { AuditRecorder } from '../../src/audit/audit.recorder';
import { openTestDataSource, type TestDataSource } from '../setup/test-data-source';

describe('GroupsRepository', () => {
  let db: TestDataSource;
  let groups: GroupsRepository;
  let service: GroupsService;

  beforeAll(async () => {
    db = await openTestDataSource();
    const clock = new SettableClock(new Date('2026-11-22T15:00:00Z'));
    const users = new UsersRepository(db.dataSource);
    groups = new GroupsRepository(db.dataSource);
    const usersService = new UsersService(users, new ApiTokensRepository(db.dataSource), clock);
    service = new GroupsService(
      db.dataSource,
      groups,
      users,
      usersService,
      new AccessService(groups),
      new AuditRecorder(clock, new AuditEventsRepository(db.dataSource)),
    );
    for (const name of ['ada', 'bob', 'cy']) await usersService.createUser({ email: `${name}@example.edu`, displayName: name, roles: [] });
  });
  afterAll(async () => db?.close());

  it('upsertMany creates missing groups, renames changed ones, leaves the rest, in the order given', async () => {
    await service.createGroup(BOOTSTRAP_ADMIN, { slug: 'kept', name: 'Kept', owners: ['ada@example.edu'] });
    await service.createGroup(BOOTSTRAP_ADMIN, { slug: 'renamed', name: 'Old name', description: 'stays', owners: ['ada@example.edu'] });
    const results = await db.dataSource.transaction((manager) =>
      groups.upsertMany(manager, [
        { slug: 'fresh', name: 'Fresh' },
        { slug: 'renamed', name: 'New name' },
        { slug: 'kept', name: 'Kept' },
      ]),
    );
    expect(results.map(({ group, outcome, previousName }) => [group.slug, group.name, outcome, previousName])).toEqual([
      ['fresh', 'Fresh', 'CREATED', null],
      ['renamed', 'New name', 'RENAMED', 'Old name'],
      ['kept', 'Kept', 'UNCHANGED', null],
    ]);
    const stored = await groups.findBySlug('renamed');
    expect(stored).toMatchObject({ name: 'New name', description: 'stays' });
    expect(results[0].group.id).toBe((await groups.findBySlug('fresh'))!.id);
  });

  it('addMembers adds people and promotes members to owner, never demotes, and says which rows are new', async () => {
    const [fresh, kept] = await Promise.all([groups.findBySlug('fresh'), groups.findBySlug('kept')]);
    const first = await db.dataSource.transaction((manager) =>
      groups.addMembers(manager, [
        { groupId: fresh!.id, email: 'cy@example.edu', role: 'MEMBER' },
        { groupId: fresh!.id, email: 'bob@example.edu', role: 'MEMBER' },
        { groupId: kept!.id, email: 'bob@example.edu', role: 'MEMBER' },
      ]),
    );
    expect(first).toEqual([
      { groupId: fresh!.id, email: 'bob@example.edu', role: 'MEMBER', inserted: true },
      { groupId: fresh!.id, email: 'cy@example.edu', role: 'MEMBER', inserted: true },
      { groupId: kept!.id, email: 'bob@example.edu', role: 'MEMBER', inserted: true },
    ]);
    const second = await db.dataSource.transaction((manager) =>
      groups.addMembers(manager, [
        { groupId: kept!.id, email: 'ada@example.edu', role: 'MEMBER' },
        { groupId: fresh!.id, email: 'bob@example.edu', role: 'OWNER' },
        { groupId: fresh!.id, email: 'nobody@example.edu', role: 'OWNER' },
      ]),
    );
    expect(second).toEqual([{ groupId: fresh!.id, email: 'bob@example.edu', role: 'OWNER', inserted: false }]);
    expect((await groups.members(kept!.id)).map(({ email, role }) => [email, role])).toEqual([
      ['ada@example.edu', 'OWNER'],
      ['bob@example.edu', 'MEMBER'],
    ]);
  });

  it('the single-item paths keep an owner and report what they removed', async () => {
    const kept = (await groups.findBySlug('kept'))!;
    await expect(service.removeMember(BOOTSTRAP_ADMIN, { group: 'kept', email: 'ada@example.edu' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await service.setMember(BOOTSTRAP_ADMIN, { group: 'kept', email: 'bob@example.edu', role: 'OWNER' });
    await service.removeMember(BOOTSTRAP_ADMIN, { group: 'kept', email: 'ada@example.edu' });
    expect((await groups.members(kept.id)).map(({ email, role }) => [email, role])).toEqual([['bob@example.edu', 'OWNER']]);
    await expect(service.removeMember(BOOTSTRAP_ADMIN, { group: 'kept', email: 'ada@example.edu' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
