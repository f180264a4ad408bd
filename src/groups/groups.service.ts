import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error';
import { canManageGroup, readsEveryGroup } from './access-policy';
import { AccessService } from './access.service';
import type { GroupEntity, GroupRole } from './group.entity';
import { groupSubject, InventoryAuditRecorder } from '../inventory-audit/inventory-audit.recorder';
import { membershipChange } from '../inventory-audit/utils/membership-change';
import { slugProblem } from './slug';

export interface GroupMemberRow {
  userId: string;
  email: string;
  displayName: string;
  role: GroupRole;
  addedAt: Date;
}

interface GroupRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  created_at: Date;
}

const toGroup = (row: GroupRow): GroupEntity => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  createdAt: row.created_at,
});

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: InventoryAuditRecorder,
  ) {}

  async findBySlug(slug: string, manager: EntityManager = this.dataSource.manager, field = 'group'): Promise<GroupEntity> {
    const [row] = (await manager.query('SELECT * FROM groups WHERE slug = $1', [slug.trim()])) as GroupRow[];
    if (!row) throw notFound(`No group ${JSON.stringify(slug)}`, { field });
    return toGroup(row);
  }

  async userIdsByEmail(manager: EntityManager, emails: readonly string[], field: string): Promise<Map<string, string>> {
    const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
    const rows = (await manager.query('SELECT id, email FROM users WHERE email = ANY($1)', [wanted])) as { id: string; email: string }[];
    const found = new Map(rows.map((row) => [row.email, row.id]));
    const missing = wanted.filter((email) => !found.has(email));
    if (missing.length > 0) {
      throw notFound(`No user with the e-mail ${missing.join(', ')}; create the user first (createUser)`, { field });
    }
    return found;
  }

  async createGroup(principal: Principal, input: { slug: string; name: string; description?: string | null; owners: string[] }): Promise<GroupEntity> {
    const slug = input.slug.trim();
    const problem = slugProblem(slug);
    if (problem) throw badInput('slug', `slug ${problem}`);
    const name = input.name.trim();
    if (name === '') throw badInput('name', 'name must not be blank');
    return this.dataSource.transaction(async (manager) => {
      const exists = (await manager.query('SELECT 1 FROM groups WHERE slug = $1', [slug])) as unknown[];
      if (exists.length > 0) throw conflict(`A group with the slug ${slug} already exists`, { field: 'slug' });
      const owners = await this.userIdsByEmail(manager, input.owners, 'owners');
      // ON CONFLICT: of two concurrent creations of one slug, the second waits and then gets CONFLICT, not a unique violation.
      const [row] = (await manager.query('INSERT INTO groups (slug, name, description) VALUES ($1, $2, $3) ON CONFLICT (slug) DO NOTHING RETURNING *', [
        slug,
        name,
        input.description?.trim() || null,
      ])) as GroupRow[];
      if (!row) throw conflict(`A group with the slug ${slug} already exists`, { field: 'slug' });
      for (const userId of owners.values()) {
        await manager.query(`INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [row.id, userId]);
      }
      const subject = groupSubject(row);
      await this.audit.record(manager, principal, [
        { ...subject, action: 'GROUP_CREATED', after: { slug: row.slug, name: row.name, description: row.description } },
        ...[...owners.keys()].map((email) => ({ ...subject, action: 'MEMBER_ADDED' as const, after: { email, role: 'OWNER' } })),
      ]);
      return toGroup(row);
    });
  }

  private async requireManageable(principal: Principal, slug: string, manager: EntityManager): Promise<GroupEntity> {
    const group = await this.findBySlug(slug, manager);
    if (!canManageGroup(await this.access.callerFor(principal, manager), group.id)) {
      throw forbidden(`Only owners of ${group.slug} and admins may change its members`);
    }
    // Membership changes of one group take turns, so two calls adding the same person cannot both
    // read "not a member" and both record MEMBER_ADDED. NO KEY UPDATE leaves inserts that merely
    // reference the group (new applications, members) unblocked.
    await manager.query('SELECT 1 FROM groups WHERE id = $1 FOR NO KEY UPDATE', [group.id]);
    return group;
  }

  async setMember(principal: Principal, input: { group: string; email: string; role: GroupRole }): Promise<GroupEntity> {
    return this.dataSource.transaction(async (manager) => {
      const group = await this.requireManageable(principal, input.group, manager);
      const [[email, userId]] = await this.userIdsByEmail(manager, [input.email], 'email');
      if (input.role === 'MEMBER') await this.ensureAnotherOwner(manager, group, userId);
      const [previous] = (await manager.query('SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2 FOR UPDATE', [group.id, userId])) as {
        role: GroupRole;
      }[];
      await manager.query(
        `INSERT INTO group_members (group_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (group_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [group.id, userId, input.role],
      );
      const action = membershipChange(previous?.role ?? null, input.role);
      if (action) {
        await this.audit.record(manager, principal, [
          {
            ...groupSubject(group),
            action,
            before: previous ? { email, role: previous.role } : null,
            after: { email, role: input.role },
          },
        ]);
      }
      return group;
    });
  }

  async removeMember(principal: Principal, input: { group: string; email: string }): Promise<GroupEntity> {
    return this.dataSource.transaction(async (manager) => {
      const group = await this.requireManageable(principal, input.group, manager);
      const [[email, userId]] = await this.userIdsByEmail(manager, [input.email], 'email');
      await this.ensureAnotherOwner(manager, group, userId);
      const [removed] = (await manager.query('DELETE FROM group_members WHERE group_id = $1 AND user_id = $2 RETURNING role', [group.id, userId])) as [
        { role: GroupRole }[],
        number,
      ];
      if (removed.length === 0) throw notFound(`${input.email} is not a member of ${group.slug}`, { field: 'email' });
      await this.audit.record(manager, principal, [
        { ...groupSubject(group), action: 'MEMBER_REMOVED', before: { email, role: removed[0].role } },
      ]);
      return group;
    });
  }

  /** A group must keep an owner, or nobody but admins could manage it. */
  private async ensureAnotherOwner(manager: EntityManager, group: GroupEntity, leavingUserId: string): Promise<void> {
    const owners = (await manager.query(`SELECT user_id FROM group_members WHERE group_id = $1 AND role = 'OWNER' FOR UPDATE`, [
      group.id,
    ])) as { user_id: string }[];
    if (owners.length === 1 && owners[0].user_id === leavingUserId) {
      throw conflict(`That would leave ${group.slug} without an owner; make someone else an owner first`, { field: 'email' });
    }
  }

  async members(groupId: string): Promise<GroupMemberRow[]> {
    return (await this.dataSource.query(
      `SELECT m.user_id AS "userId", u.email, u.display_name AS "displayName", m.role, m.added_at AS "addedAt"
         FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = $1 ORDER BY m.role DESC, u.email`,
      [groupId],
    )) as GroupMemberRow[];
  }

  /** Admins and managers see every group; others the groups they belong to. */
  async listGroups(principal: Principal): Promise<GroupEntity[]> {
    const caller = await this.access.callerFor(principal);
    const everything = readsEveryGroup(caller);
    const rows = (await this.dataSource.query(
      `SELECT * FROM groups WHERE $1::boolean OR id = ANY($2::uuid[]) ORDER BY slug`,
      [everything, [...caller.memberOf]],
    )) as GroupRow[];
    return rows.map(toGroup);
  }

  async setManagedDepartments(email: string, departments: string[]): Promise<string[]> {
    // Spelt the way application departments are stored (inner runs of spaces collapsed), or they would never match.
    const cleaned = [...new Set(departments.map((department) => department.trim().replace(/\s+/g, ' ')).filter((department) => department !== ''))].sort();
    return this.dataSource.transaction(async (manager) => {
      const userId = (await this.userIdsByEmail(manager, [email], 'email')).values().next().value as string;
      await manager.query('DELETE FROM manager_departments WHERE user_id = $1', [userId]);
      for (const department of cleaned) {
        await manager.query('INSERT INTO manager_departments (user_id, department) VALUES ($1, $2)', [userId, department]);
      }
      return cleaned;
    });
  }
}
