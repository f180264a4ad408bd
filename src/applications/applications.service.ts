import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import {
  canCreateApplicationIn,
  canEditApplication,
  canReadApplication,
  canTransferApplication,
  readScopeOf,
  type Caller,
} from '../groups/access-policy';
import { AccessService } from '../groups/access.service';
import type { GroupEntity } from '../groups/group.entity';
import { GroupsService } from '../groups/groups.service';
import { CatalogStore } from '../releases/catalog.store';
import { ReleasesService } from '../releases/releases.service';
import { deriveReleaseStatus, type ReleaseStatus } from '../releases/domain/release-status';
import { normalizeContacts, normalizeDepartment, normalizeName, normalizeRepositoryUrl, requireSlug } from './application-fields';
import { ApplicationSortField, SortDirection, type ApplicationModel } from './applications.models';
import { applicationSubject, InventoryAuditRecorder } from '../inventory-audit/inventory-audit.recorder';
import { applicationAuditFields, type ApplicationAuditFields } from '../inventory-audit/utils/application-audit-fields';
import { applicationChanges } from '../inventory-audit/utils/application-changes';

export interface ApplicationRow {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  department: string;
  owning_group_id: string;
  contacts: string[];
  repository_url: string | null;
  archived_at: Date | null;
  latest_snapshot_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ApplicationRecord = Omit<ApplicationModel, 'owningGroup'>;

export const toApplication = (row: ApplicationRow): ApplicationRecord => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  department: row.department,
  owningGroupId: row.owning_group_id,
  contacts: row.contacts,
  repositoryUrl: row.repository_url,
  archived: row.archived_at !== null,
  archivedAt: row.archived_at,
  latestSnapshotId: row.latest_snapshot_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface ApplicationListQuery {
  department?: string | null;
  group?: string | null;
  environment?: string | null;
  runtime?: string | null;
  releaseStatus?: ReleaseStatus[] | null;
  hasErrors?: boolean | null;
  search?: string | null;
  includeArchived: boolean;
  sort: ApplicationSortField;
  direction: SortDirection;
}

const SORT_COLUMNS: Record<ApplicationSortField, string> = {
  SLUG: 'a.slug',
  NAME: 'a.name',
  DEPARTMENT: 'a.department',
  CREATED_AT: 'a.created_at',
  UPDATED_AT: 'a.updated_at',
};

/** Takes a sort field or an order (`CREATED_AT DESC`). */
const isTimestampSort = (sortOrOrder: string): boolean => sortOrOrder.startsWith('CREATED_AT') || sortOrOrder.startsWith('UPDATED_AT');
/** The longest text an application is sorted by: its name. */
const MAX_SORT_TEXT = 200;

export type ApplicationOrder = `${ApplicationSortField} ${SortDirection}`;
/**
 * The sort value as PostgreSQL prints it, and the id that breaks ties: timestamps keep their
 * microseconds (a JavaScript Date would cut them to milliseconds and repeat or skip rows).
 */
export type ApplicationCursorKey = [sortValue: string, id: string];

export const applicationsCursor = cursorCodec<ApplicationOrder, ApplicationCursorKey>('applications', (order) => [
  isTimestampSort(order) ? cursorValue.timestamp : cursorValue.text(MAX_SORT_TEXT),
  cursorValue.uuid,
]);

/** An application on a page of the list, with the value it is sorted by. */
export interface ApplicationListItem {
  application: ApplicationRecord;
  sortValue: string;
}

/** Builds parameterised WHERE clauses without string-pasting user input. */
class Conditions {
  readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  add(clause: (placeholder: () => string) => string): void {
    this.clauses.push(clause(() => `$${this.params.length}`));
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.clauses.length === 0 ? 'TRUE' : this.clauses.join(' AND ');
  }
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly groups: GroupsService,
    private readonly releases: ReleasesService,
    private readonly catalog: CatalogStore,
    private readonly audit: InventoryAuditRecorder,
  ) {}

  async findRow(slug: string, manager: EntityManager = this.dataSource.manager, field = 'application'): Promise<ApplicationRow> {
    const [row] = (await manager.query('SELECT * FROM applications WHERE slug = $1', [slug.trim()])) as ApplicationRow[];
    if (!row) throw notFound(`No application ${JSON.stringify(slug)}`, { field });
    return row;
  }

  /** The application if the caller may read it; NOT_FOUND (not FORBIDDEN) otherwise, so slugs do not leak. */
  async getReadable(principal: Principal, slug: string, field = 'application'): Promise<{ row: ApplicationRow; caller: Caller }> {
    const [row, caller] = await Promise.all([this.findRow(slug, undefined, field), this.access.callerFor(principal)]);
    if (!canReadApplication(caller, { owningGroupId: row.owning_group_id, department: row.department })) {
      throw notFound(`No application ${JSON.stringify(slug)} that you can see`, { field });
    }
    return { row, caller };
  }

  /** The application, locked for update, if the caller may change it. */
  async getEditable(principal: Principal, slug: string, manager: EntityManager, field = 'application'): Promise<ApplicationRow> {
    const caller = await this.access.callerFor(principal, manager);
    const [row] = (await manager.query('SELECT * FROM applications WHERE slug = $1 FOR UPDATE', [slug.trim()])) as ApplicationRow[];
    if (!row) throw notFound(`No application ${JSON.stringify(slug)}`, { field });
    if (!canEditApplication(caller, { owningGroupId: row.owning_group_id, department: row.department })) {
      throw forbidden(`Only members of the group that owns ${row.slug} (and admins) may change it`);
    }
    return row;
  }

  async create(
    principal: Principal,
    input: { slug: string; name: string; description?: string | null; department: string; group: string; contacts: string[]; repositoryUrl?: string | null },
  ): Promise<ApplicationRecord> {
    const slug = requireSlug(input.slug, 'slug');
    const name = normalizeName(input.name);
    const department = normalizeDepartment(input.department);
    const repositoryUrl = normalizeRepositoryUrl(input.repositoryUrl);
    return this.dataSource.transaction(async (manager) => {
      const group = await this.groups.findBySlug(input.group, manager);
      const caller = await this.access.callerFor(principal, manager);
      if (!canCreateApplicationIn(caller, group.id)) {
        throw forbidden(
          caller.roles.includes(Role.DEVELOPER)
            ? `You are not a member of ${group.slug}; applications are created in a group you belong to`
            : 'Creating applications needs the DEVELOPER role (the developer entitlement)',
        );
      }
      // ON CONFLICT: of two concurrent creations of one slug, the second waits and then gets CONFLICT, not a unique violation.
      const [row] = (await manager.query(
        `INSERT INTO applications (slug, name, description, department, owning_group_id, contacts, repository_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING RETURNING *`,
        [slug, name, input.description?.trim() || null, department, group.id, normalizeContacts(input.contacts), repositoryUrl],
      )) as ApplicationRow[];
      if (!row) throw conflict(`An application with the slug ${slug} already exists`, { field: 'slug' });
      await this.audit.record(manager, principal, [
        { ...applicationSubject(row), action: 'APPLICATION_CREATED', after: { ...applicationAuditFields(row, group.slug) } },
      ]);
      return toApplication(row);
    });
  }

  async update(
    principal: Principal,
    input: { slug: string; name?: string | null; description?: string | null; department?: string | null; contacts?: string[] | null; repositoryUrl?: string | null },
  ): Promise<ApplicationRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.getEditable(principal, input.slug, manager, 'slug');
      const next = {
        name: input.name === undefined || input.name === null ? row.name : normalizeName(input.name),
        description: input.description === undefined ? row.description : input.description?.trim() || null,
        department: input.department ? normalizeDepartment(input.department) : row.department,
        contacts: input.contacts ? normalizeContacts(input.contacts) : row.contacts,
        repositoryUrl: input.repositoryUrl === undefined ? row.repository_url : normalizeRepositoryUrl(input.repositoryUrl),
      };
      const [updated] = (await manager.query(
        `UPDATE applications SET name = $2, description = $3, department = $4, contacts = $5, repository_url = $6, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [row.id, next.name, next.description, next.department, next.contacts, next.repositoryUrl],
      )) as [ApplicationRow[], number];
      const group = await this.groupSlugOf(manager, row.owning_group_id);
      await this.recordChanges(manager, principal, updated[0], applicationAuditFields(row, group), applicationAuditFields(updated[0], group));
      return toApplication(updated[0]);
    });
  }

  async setArchived(principal: Principal, slug: string, archived: boolean): Promise<ApplicationRecord> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.getEditable(principal, slug, manager, 'slug');
      const [updated] = (await manager.query(
        `UPDATE applications SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) ELSE NULL END, updated_at = now()
          WHERE id = $1 RETURNING *`,
        [row.id, archived],
      )) as [ApplicationRow[], number];
      const after = updated[0];
      if ((row.archived_at !== null) !== archived) {
        await this.audit.record(manager, principal, [
          {
            ...applicationSubject(after),
            action: archived ? 'APPLICATION_ARCHIVED' : 'APPLICATION_UNARCHIVED',
            before: { archived: row.archived_at !== null, archivedAt: row.archived_at },
            after: { archived, archivedAt: after.archived_at },
          },
        ]);
      }
      return toApplication(after);
    });
  }

  async transfer(principal: Principal, slug: string, toGroup: string): Promise<ApplicationRecord> {
    return this.dataSource.transaction(async (manager) => {
      const caller = await this.access.callerFor(principal, manager);
      const [row] = (await manager.query('SELECT * FROM applications WHERE slug = $1 FOR UPDATE', [slug.trim()])) as ApplicationRow[];
      if (!row) throw notFound(`No application ${JSON.stringify(slug)}`, { field: 'slug' });
      if (!canTransferApplication(caller, { owningGroupId: row.owning_group_id, department: row.department })) {
        throw forbidden(`Only owners of the group that owns ${row.slug} (and admins) may transfer it`);
      }
      const target = await this.groups.findBySlug(toGroup, manager, 'toGroup');
      const [updated] = (await manager.query('UPDATE applications SET owning_group_id = $2, updated_at = now() WHERE id = $1 RETURNING *', [
        row.id,
        target.id,
      ])) as [ApplicationRow[], number];
      const before = applicationAuditFields(row, await this.groupSlugOf(manager, row.owning_group_id));
      await this.recordChanges(manager, principal, updated[0], before, { ...before, group: target.slug });
      return toApplication(updated[0]);
    });
  }

  private async groupSlugOf(manager: EntityManager, groupId: string): Promise<string> {
    const [{ slug }] = (await manager.query('SELECT slug FROM groups WHERE id = $1', [groupId])) as { slug: string }[];
    return slug;
  }

  /** Audits what an edit changed (nothing changed, nothing recorded). */
  private async recordChanges(
    manager: EntityManager,
    principal: Principal,
    app: ApplicationRow,
    before: ApplicationAuditFields,
    after: ApplicationAuditFields,
  ): Promise<void> {
    await this.audit.record(
      manager,
      principal,
      applicationChanges(before, after).map((change) => ({ ...applicationSubject(app), ...change })),
    );
  }

  async list(principal: Principal, query: ApplicationListQuery, request: PageRequest<ApplicationCursorKey>): Promise<Page<ApplicationListItem>> {
    const caller = await this.access.callerFor(principal);
    const where = new Conditions();
    const scope = readScopeOf(caller);
    if (!scope.everything) {
      const groups = where.param(scope.groupIds);
      const departments = scope.departments === 'NONE' ? where.param([]) : where.param(scope.departments);
      where.clauses.push(`(a.owning_group_id = ANY(${groups}::uuid[]) OR a.department = ANY(${departments}::text[]))`);
    }
    if (!query.includeArchived) where.clauses.push('a.archived_at IS NULL');
    if (query.department) where.clauses.push(`a.department = ${where.param(query.department.trim())}`);
    if (query.group) {
      const group = await this.groups.findBySlug(query.group, this.dataSource.manager, 'filter.group');
      where.clauses.push(`a.owning_group_id = ${where.param(group.id)}::uuid`);
    }
    if (query.search) {
      const pattern = where.param(`%${query.search.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.clauses.push(`(a.slug LIKE ${pattern} OR lower(a.name) LIKE ${pattern})`);
    }
    await this.addDeploymentFilters(where, query);
    if (query.hasErrors !== undefined && query.hasErrors !== null) {
      where.clauses.push(
        `${query.hasErrors ? '' : 'NOT '}EXISTS (SELECT 1 FROM snapshot_scans s JOIN current_deployments c ON c.release_id = s.release_id AND c.application_id = a.id
          WHERE s.snapshot_id = a.latest_snapshot_id AND s.error_count > 0)`,
      );
    }
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM applications a WHERE ${where.sql}`, where.params)) as {
      count: number;
    }[];

    const column = SORT_COLUMNS[query.sort];
    const descending = query.direction === SortDirection.DESC;
    if (request.after) {
      const [value, id] = request.after;
      const cast = isTimestampSort(query.sort) ? '::timestamptz' : '::text';
      where.clauses.push(`(${column}, a.id) ${descending ? '<' : '>'} (${where.param(value)}${cast}, ${where.param(id)}::uuid)`);
    }
    const order = descending ? 'DESC' : 'ASC';
    const rows = (await this.dataSource.query(
      `SELECT a.*, ${column}::text AS sort_value FROM applications a WHERE ${where.sql}
        ORDER BY ${column} ${order}, a.id ${order} LIMIT ${where.param(request.first + 1)}`,
      where.params,
    )) as Array<ApplicationRow & { sort_value: string }>;
    return pageOfRows(
      rows.map((row) => ({ application: toApplication(row), sortValue: row.sort_value })),
      request,
      count,
    );
  }

  private async addDeploymentFilters(where: Conditions, query: ApplicationListQuery): Promise<void> {
    if (!query.environment && !query.runtime && !(query.releaseStatus && query.releaseStatus.length > 0)) return;
    const parts = ['c.application_id = a.id'];
    if (query.environment) parts.push(`c.environment = ${where.param(query.environment)}`);
    if (query.runtime) {
      const release = await this.releases.requirePublished(query.runtime, 'filter.runtime');
      parts.push(`c.release_id = ${where.param(release.id)}::uuid`);
    }
    if (query.releaseStatus && query.releaseStatus.length > 0) {
      // Status is derived from today's date: pick the matching releases here, not in SQL.
      const today = this.releases.today();
      const wanted = new Set(query.releaseStatus);
      const { releases } = await this.catalog.current();
      const ids = releases
        .filter((release) => release.state === 'PUBLISHED' && wanted.has(deriveReleaseStatus(release, today, this.releases.policy.noticeMonths)))
        .map((release) => release.id);
      parts.push(`c.release_id = ANY(${where.param(ids)}::uuid[])`);
    }
    where.clauses.push(`EXISTS (SELECT 1 FROM current_deployments c WHERE ${parts.join(' AND ')})`);
  }

  async groupsById(ids: string[]): Promise<Map<string, GroupEntity>> {
    const rows = (await this.dataSource.query('SELECT id, slug, name, description, created_at AS "createdAt" FROM groups WHERE id = ANY($1::uuid[])', [
      ids,
    ])) as GroupEntity[];
    return new Map(rows.map((row) => [row.id, row]));
  }
}
