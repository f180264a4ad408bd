import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { UsersRepository } from '../auth/users.repository';
import { UsersService } from '../auth/users.service';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error';
import { canManageGroup, readsEveryGroup } from './access-policy';
import { AccessService } from './access.service';
import type { GroupEntity, GroupRole } from './group.entity';
import { GroupsRepository, type GroupMemberRow, type GroupsCursorKey } from './groups.repository';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import type { Page, PageRequest } from '../common/paging/page';
import { groupSubject, AuditRecorder } from '../audit/audit.recorder';
import { membershipChange } from '../inventory-audit/utils/membership-change';
import { checkDescription, checkGroupName } from '../common/input-rules/field-rules';
import { checkSlug } from '../common/input-rules/slug';
import { requireField, requireOptionalField } from '../common/validation/satisfies';
import { checkManagedDepartments, type ManagedDepartments } from './utils/managed-departments';

export type { GroupMemberRow } from './groups.repository';

export const BY_SLUG = 'SLUG ASC';
/** Longer than any slug checkSlug lets in, so that no stored slug makes a cursor that is refused. */
const MAX_CURSOR_SLUG = 1024;
export const groupsCursor = cursorCodec<typeof BY_SLUG, GroupsCursorKey>('groups', () => [cursorValue.text(MAX_CURSOR_SLUG)]);

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly groups: GroupsRepository,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly access: AccessService,
    private readonly audit: AuditRecorder,
  ) {}

  async findBySlug(slug: string, manager?: EntityManager, field = 'group'): Promise<GroupEntity> {
    const group = await this.groups.findBySlug(slug.trim(), manager);
    if (!group) throw notFound(`No group ${JSON.stringify(slug)}`, { field });
    return group;
  }

  /** The ids of the users with these e-mails (any case), by lower-case e-mail; NOT_FOUND names the unknown ones. */
  async userIdsByEmail(manager: EntityManager, emails: readonly string[], field: string): Promise<Map<string, string>> {
    const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
    const found = await this.users.idsByEmail(manager, wanted);
    const missing = wanted.filter((email) => !found.has(email));
    if (missing.length > 0) {
      throw notFound(`No user with the e-mail ${missing.join(', ')}; create the user first (createUser)`, { field });
    }
    return found;
  }

  async createGroup(principal: Principal, input: { slug: string; name: string; description?: string | null; owners: string[] }): Promise<GroupEntity> {
    const slug = requireField(checkSlug, input.slug, 'slug');
    const name = requireField(checkGroupName, input.name, 'name');
    const description = requireOptionalField(checkDescription, input.description, 'description');
    return this.dataSource.transaction(async (manager) => {
      const taken = () => conflict(`A group with the slug ${slug} already exists`, { field: 'slug' });
      if ((await this.groups.existingSlugs(manager, [slug])).size > 0) throw taken();
      const owners = await this.userIdsByEmail(manager, input.owners, 'owners');
      const group = await this.groups.insertUnlessTaken(manager, { slug, name, description });
      if (!group) throw taken();
      await this.groups.addMembers(
        manager,
        [...owners.keys()].map((email) => ({ groupId: group.id, email, role: 'OWNER' as const })),
      );
      const subject = groupSubject(group);
      await this.audit.record(manager, principal, [
        { ...subject, action: 'GROUP_CREATED', after: { slug: group.slug, name: group.name, description: group.description } },
        ...[...owners.keys()].map((email) => ({ ...subject, action: 'MEMBER_ADDED' as const, after: { email, role: 'OWNER' } })),
      ]);
      return group;
    });
  }

  private async requireManageable(principal: Principal, slug: string, manager: EntityManager): Promise<GroupEntity> {
    const group = await this.findBySlug(slug, manager);
    if (!canManageGroup(await this.access.callerFor(principal, manager), group.id)) {
      throw forbidden(`Only owners of ${group.slug} and admins may change its members`);
    }
    await this.groups.lockForMembershipChange(manager, group.id);
    return group;
  }

  async setMember(principal: Principal, input: { group: string; email: string; role: GroupRole }): Promise<GroupEntity> {
    return this.dataSource.transaction(async (manager) => {
      const group = await this.requireManageable(principal, input.group, manager);
      const [[email, userId]] = await this.userIdsByEmail(manager, [input.email], 'email');
      if (input.role === 'MEMBER') await this.ensureAnotherOwner(manager, group, userId);
      const previous = await this.groups.lockMemberRole(manager, group.id, userId);
      await this.groups.setMemberRole(manager, group.id, userId, input.role);
      const action = membershipChange(previous, input.role);
      if (action) {
        await this.audit.record(manager, principal, [
          { ...groupSubject(group), action, before: previous ? { email, role: previous } : null, after: { email, role: input.role } },
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
      const role = await this.groups.removeMember(manager, group.id, userId);
      if (role === null) throw notFound(`${input.email} is not a member of ${group.slug}`, { field: 'email' });
      await this.audit.record(manager, principal, [{ ...groupSubject(group), action: 'MEMBER_REMOVED', before: { email, role } }]);
      return group;
    });
  }

  /** A group must keep an owner, or nobody but admins could manage it. */
  private async ensureAnotherOwner(manager: EntityManager, group: GroupEntity, leavingUserId: string): Promise<void> {
    const owners = await this.groups.lockOwnerIds(manager, group.id);
    if (owners.length === 1 && owners[0] === leavingUserId) {
      throw conflict(`That would leave ${group.slug} without an owner; make someone else an owner first`, { field: 'email' });
    }
  }

  members(groupId: string): Promise<GroupMemberRow[]> {
    return this.groups.members(groupId);
  }

  /** A page of the groups by slug: admins and managers see every group; others the groups they belong to. */
  async listGroups(principal: Principal, search: string | null, request: PageRequest<GroupsCursorKey>): Promise<Page<GroupEntity>> {
    const caller = await this.access.callerFor(principal);
    return this.groups.page({ only: readsEveryGroup(caller) ? 'ALL' : [...caller.memberOf], search }, request);
  }

  /** Only managers oversee departments; "every department" is an explicit choice (see checkManagedDepartments). */
  async setManagedDepartments(email: string, departments: readonly string[] | null | undefined, allDepartments: boolean): Promise<ManagedDepartments> {
    const choice = checkManagedDepartments(departments, allDepartments);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.users.findByEmail(email.trim().toLowerCase(), manager);
      if (!user) throw notFound(`No user with the e-mail ${email}; create the user first (createUser)`, { field: 'email' });
      if (!user.roles.includes(Role.MANAGER)) {
        throw badInput('email', `${user.email} is not a manager; give them the MANAGER role first (setUserRoles)`);
      }
      // The flag first: its row lock makes concurrent changes of this manager take turns, so the
      // flag and the department rows always come from the same call.
      await this.usersService.setManagesAllDepartments(manager, user.id, choice.allDepartments);
      await this.groups.replaceManagedDepartments(manager, user.id, choice.departments);
      return choice;
    });
  }
}
