import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import { GroupEntity, GroupMemberEntity, ManagerDepartmentEntity, type GroupRole } from './group.entity';

/** Where a page of `groups` continues: after this slug (slugs are unique). */
export type GroupsCursorKey = [slug: string];

/** Which groups a page lists: every group or only these ids, and those whose slug or name holds `search`. */
export interface GroupsQuery {
  only: readonly string[] | 'ALL';
  search: string | null;
}

/** A member as readers see them: the membership with the user's e-mail and name. */
export interface GroupMemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: GroupRole;
  addedAt: Date;
}

/** What a group looks like to a bulk writer: its slug and the name it should have. */
export interface GroupUpsert {
  slug: string;
  name: string;
}

export interface GroupUpsertResult {
  group: GroupEntity;
  /** CREATED, RENAMED (with the name it had before) or UNCHANGED. */
  outcome: 'CREATED' | 'RENAMED' | 'UNCHANGED';
  previousName: string | null;
}

/** One person to add to (or promote in) a group, by e-mail. */
export interface MemberAddition {
  groupId: string;
  email: string;
  role: GroupRole;
}

/** A membership `addMembers` wrote: `inserted` tells a new member from a member promoted to owner. */
export interface MemberWritten {
  groupId: string;
  email: string;
  role: GroupRole;
  inserted: boolean;
}

/** What access decisions need to know of a user: their memberships and the departments they manage. */
export interface AccessGrants {
  memberships: { groupId: string; role: GroupRole }[];
  managedDepartments: string[];
  /** Granted every department explicitly (users.manages_all_departments); never inferred from no departments. */
  managesAllDepartments: boolean;
}

/** Group fields a page of another list reads only when asked for (id always). */
const GROUP_FIELD_COLUMNS: Record<string, string> = { slug: 'g.slug', name: 'g.name', description: 'g.description', createdAt: 'g.created_at' };

/** A group as `groupsJson` reads it: its id, and the other fields only when they were asked for. */
export type GroupJson = Pick<GroupEntity, 'id'> & Partial<Omit<GroupEntity, 'id' | 'createdAt'>> & { createdAt?: string };
export type GroupNode = Pick<GroupEntity, 'id'> & Partial<GroupEntity>;

/**
 * The groups whose ids `groupIds` (an SQL expression of a uuid[]) yields, as one JSON array with
 * the fields `fields` names: for a page of applications that reads its owning groups in the same
 * statement.
 */
export function groupsJson(groupIds: string, fields: ReadonlySet<string>): string {
  const asked = Object.entries(GROUP_FIELD_COLUMNS).filter(([field]) => fields.has(field));
  return `(SELECT json_agg(json_build_object('id', g.id${asked.map(([field, column]) => `, '${field}', ${column}`).join('')}))
     FROM groups g WHERE g.id = ANY(${groupIds}))`;
}

/** The groups `groupsJson` read, by id. */
export function groupsById(rows: readonly GroupJson[] | null): Map<string, GroupNode> {
  return new Map((rows ?? []).map((row) => [row.id, (row.createdAt === undefined ? row : { ...row, createdAt: new Date(row.createdAt) }) as GroupNode]));
}

/**
 * The access grants of the user `users` row `alias` as one JSON value (read with the API token on
 * every authenticated request, so no second round trip): memberships, managed departments and the
 * explicit all-departments grant, shaped as `AccessGrants`.
 */
export const accessGrantsJson = (alias: string): string => `json_build_object(
    'memberships', (SELECT coalesce(json_agg(json_build_object('groupId', m.group_id, 'role', m.role)), '[]'::json)
                      FROM group_members m WHERE m.user_id = ${alias}.id),
    'managedDepartments', (SELECT coalesce(json_agg(d.department), '[]'::json) FROM manager_departments d WHERE d.user_id = ${alias}.id),
    'managesAllDepartments', ${alias}.manages_all_departments)`;

/**
 * The only writer of `groups`, `group_members` and `manager_departments`. Methods that run inside a
 * caller's transaction take its manager first; reads outside one default to the pool.
 */
@Injectable()
export class GroupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<GroupEntity | null> {
    return manager.getRepository(GroupEntity).findOneBy({ slug });
  }

  findByIds(ids: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<GroupEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(GroupEntity).findBy({ id: In([...ids]) });
  }

  /** A page of the groups by slug. */
  async page({ only, search }: GroupsQuery, request: PageRequest<GroupsCursorKey>): Promise<Page<GroupEntity>> {
    if (only !== 'ALL' && only.length === 0) return pageOfRows([], request, 0);
    const query = this.dataSource.manager.getRepository(GroupEntity).createQueryBuilder('g');
    if (only !== 'ALL') query.where('g.id IN (:...only)', { only: [...only] });
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(g.slug ILIKE :pattern OR g.name ILIKE :pattern)', { pattern });
    }
    const totalCount = await query.getCount();
    if (request.after !== null) query.andWhere('g.slug > :after', { after: request.after[0] });
    const rows = await query
      .orderBy('g.slug', 'ASC')
      .limit(request.first + 1)
      .getMany();
    return pageOfRows(rows, request, totalCount);
  }

  /** Which of these slugs name a group. */
  async existingSlugs(manager: EntityManager, slugs: readonly string[]): Promise<Set<string>> {
    if (slugs.length === 0) return new Set();
    const rows = await manager.getRepository(GroupEntity).find({ select: { slug: true }, where: { slug: In([...slugs]) } });
    return new Set(rows.map((row) => row.slug));
  }

  /** These groups, locked until the caller's transaction ends (an import about to change them). */
  lockBySlugs(manager: EntityManager, slugs: readonly string[]): Promise<GroupEntity[]> {
    if (slugs.length === 0) return Promise.resolve([]);
    return manager.getRepository(GroupEntity).find({ where: { slug: In([...slugs]) }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Creates the group, or returns null when the slug is taken. ON CONFLICT: of two concurrent
   * creations of one slug, the second waits and then learns it lost, instead of a unique violation.
   */
  async insertUnlessTaken(manager: EntityManager, group: { slug: string; name: string; description: string | null }): Promise<GroupEntity | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(GroupEntity)
      .values(group)
      .orIgnore()
      .returning(['id', 'slug', 'name', 'description', 'createdAt'])
      .execute();
    const [row] = result.raw as { id: string; slug: string; name: string; description: string | null; created_at: Date }[];
    return row ? { id: row.id, slug: row.slug, name: row.name, description: row.description, createdAt: row.created_at } : null;
  }

  /**
   * Creates the groups that do not exist and renames those whose name differs (descriptions and
   * members are left alone), in the order given. The groups stay locked until the transaction ends.
   */
  async upsertMany(manager: EntityManager, groups: readonly GroupUpsert[]): Promise<GroupUpsertResult[]> {
    const existing = new Map(
      (
        await this.lockBySlugs(
          manager,
          groups.map((group) => group.slug),
        )
      ).map((group) => [group.slug, group]),
    );
    const missing = groups.filter((group) => !existing.has(group.slug));
    if (missing.length > 0) {
      const created = await manager.getRepository(GroupEntity).insert(missing.map(({ slug, name }) => ({ slug, name, description: null })));
      missing.forEach((group, index) => {
        const { id, createdAt } = created.generatedMaps[index] as Pick<GroupEntity, 'id' | 'createdAt'>;
        existing.set(group.slug, { id, slug: group.slug, name: group.name, description: null, createdAt });
      });
    }
    const results: GroupUpsertResult[] = [];
    for (const wanted of groups) {
      const group = existing.get(wanted.slug)!;
      if (missing.includes(wanted)) {
        results.push({ group, outcome: 'CREATED', previousName: null });
      } else if (group.name !== wanted.name) {
        await manager.getRepository(GroupEntity).update({ id: group.id }, { name: wanted.name });
        results.push({ group: { ...group, name: wanted.name }, outcome: 'RENAMED', previousName: group.name });
      } else {
        results.push({ group, outcome: 'UNCHANGED', previousName: null });
      }
    }
    return results;
  }

  /**
   * Adds people to groups, or promotes existing members to owner; nobody is removed or demoted.
   * Unknown e-mails are skipped (check them first). Each (group, e-mail) at most once. Returns what
   * was written, by group in the order the groups first appear, then by e-mail.
   */
  async addMembers(manager: EntityManager, members: readonly MemberAddition[]): Promise<MemberWritten[]> {
    if (members.length === 0) return [];
    // xmax = 0 tells a new row from one ON CONFLICT updated (a promotion to owner).
    return manager.query<MemberWritten[]>(
      `WITH wanted AS (
              SELECT m.group_id, u.id AS user_id, m.role, m.position
                FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS m(group_id, email, role, position)
                JOIN users u ON u.email = m.email),
            written AS (
              INSERT INTO group_members (group_id, user_id, role) SELECT group_id, user_id, role FROM wanted
              ON CONFLICT (group_id, user_id) DO UPDATE SET role = 'OWNER' WHERE EXCLUDED.role = 'OWNER' AND group_members.role <> 'OWNER'
              RETURNING group_id, user_id, role, xmax = 0 AS inserted)
       SELECT w.group_id AS "groupId", u.email, w.role, w.inserted
         FROM written w JOIN users u ON u.id = w.user_id
        ORDER BY (SELECT min(position) FROM wanted x WHERE x.group_id = w.group_id), u.email`,
      [members.map((member) => member.groupId), members.map((member) => member.email), members.map((member) => member.role)],
    );
  }

  /**
   * Makes membership changes of one group take turns, so two calls adding the same person cannot
   * both read "not a member". NO KEY UPDATE leaves inserts that merely reference the group (new
   * applications, members) unblocked.
   */
  async lockForMembershipChange(manager: EntityManager, groupId: string): Promise<void> {
    await manager.getRepository(GroupEntity).find({ select: { id: true }, where: { id: groupId }, lock: { mode: 'for_no_key_update' } });
  }

  /** The member's role, locked for the transaction; null for someone not in the group. */
  async lockMemberRole(manager: EntityManager, groupId: string, userId: string): Promise<GroupRole | null> {
    const member = await manager.getRepository(GroupMemberEntity).findOne({ where: { groupId, userId }, lock: { mode: 'pessimistic_write' } });
    return member?.role ?? null;
  }

  async setMemberRole(manager: EntityManager, groupId: string, userId: string, role: GroupRole): Promise<void> {
    await manager.getRepository(GroupMemberEntity).upsert({ groupId, userId, role }, { conflictPaths: ['groupId', 'userId'] });
  }

  /** Removes the member; the role they had, or null when they were not a member. */
  async removeMember(manager: EntityManager, groupId: string, userId: string): Promise<GroupRole | null> {
    const result = await manager.createQueryBuilder().delete().from(GroupMemberEntity).where({ groupId, userId }).returning(['role']).execute();
    const [removed] = result.raw as { role: GroupRole }[];
    return removed?.role ?? null;
  }

  /** The owners' user ids, locked for the transaction (so two removals cannot both leave "another owner"). */
  async lockOwnerIds(manager: EntityManager, groupId: string): Promise<string[]> {
    const owners = await manager
      .getRepository(GroupMemberEntity)
      .find({ select: { userId: true }, where: { groupId, role: 'OWNER' }, lock: { mode: 'pessimistic_write' } });
    return owners.map((owner) => owner.userId);
  }

  async members(groupId: string): Promise<GroupMemberRow[]> {
    const rows = await this.dataSource.manager
      .getRepository(GroupMemberEntity)
      .find({ where: { groupId }, relations: { user: true }, order: { role: 'DESC', user: { email: 'ASC' } } });
    return rows.map((row) => ({ userId: row.userId, email: row.user!.email, displayName: row.user!.displayName, role: row.role, addedAt: row.addedAt }));
  }

  /**
   * Read on every request, so in one statement (one connection: inside a transaction, pass its
   * manager, or the pool could starve with every connection held by a transaction waiting for another).
   */
  async accessGrantsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<AccessGrants> {
    const rows = await manager.query<{ kind: 'group' | 'department' | 'all-departments'; value: string | null; role: GroupRole | null }[]>(
      `SELECT 'group' AS kind, group_id::text AS value, role FROM group_members WHERE user_id = $1
       UNION ALL
       SELECT 'department', department, NULL FROM manager_departments WHERE user_id = $1
       UNION ALL
       SELECT 'all-departments', NULL, NULL FROM users WHERE id = $1 AND manages_all_departments`,
      [userId],
    );
    const grants: AccessGrants = { memberships: [], managedDepartments: [], managesAllDepartments: false };
    for (const row of rows) {
      if (row.kind === 'all-departments') grants.managesAllDepartments = true;
      else if (row.kind === 'department') grants.managedDepartments.push(row.value!);
      else grants.memberships.push({ groupId: row.value!, role: row.role! });
    }
    return grants;
  }

  /** Replaces the departments a manager oversees (none stored: no department; "every department" is users.manages_all_departments). */
  async replaceManagedDepartments(manager: EntityManager, userId: string, departments: readonly string[]): Promise<void> {
    const rows = manager.getRepository(ManagerDepartmentEntity);
    await rows.delete({ userId });
    if (departments.length > 0) await rows.insert(departments.map((department) => ({ userId, department })));
  }
}
