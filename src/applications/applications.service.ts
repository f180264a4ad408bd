import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { conflict, forbidden, notFound } from '../common/errors/domain-error';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import type { Page, PageRequest } from '../common/paging/page';
import { canCreateApplicationIn, canEditApplication, canReadApplication, canTransferApplication, readScopeOf, type Caller } from '../groups/access-policy';
import { AccessService } from '../groups/access.service';
import { GroupsRepository } from '../groups/groups.repository';
import { GroupsService } from '../groups/groups.service';
import { CatalogStore } from '../releases/catalog.store';
import { ReleasesService } from '../releases/releases.service';
import { deriveReleaseStatus, type ReleaseStatus } from '../releases/domain/release-status';
import { applicationSubject, AuditRecorder } from '../audit/audit.recorder';
import { applicationAuditFields, type ApplicationAuditFields } from '../inventory-audit/utils/application-audit-fields';
import { applicationChanges } from '../inventory-audit/utils/application-changes';
import type { Application, ApplicationSort, SORT_DIRECTIONS } from './application';
import { normalizeContacts, normalizeDepartment, normalizeDescription, normalizeName, normalizeRepositoryUrl, requireSlug } from './application-fields';
import { ApplicationsRepository, type ApplicationPageQuery, type ApplicationPageRow, type ApplicationPageSelection } from './applications.repository';

export interface ApplicationListQuery {
  department?: string | null;
  group?: string | null;
  environment?: string | null;
  runtime?: string | null;
  releaseStatus?: ReleaseStatus[] | null;
  hasErrors?: boolean | null;
  search?: string | null;
  includeArchived: boolean;
  sort: ApplicationSort;
  descending: boolean;
}

/** Takes a sort field or an order (`CREATED_AT DESC`). */
const isTimestampOrder = (sortOrOrder: string): boolean => sortOrOrder.startsWith('CREATED_AT') || sortOrOrder.startsWith('UPDATED_AT');
/** The longest text an application is sorted by: its name. */
const MAX_SORT_TEXT = 200;

export type ApplicationOrder = `${ApplicationSort} ${(typeof SORT_DIRECTIONS)[number]}`;
/**
 * The sort value as PostgreSQL prints it, and the id that breaks ties: timestamps keep their
 * microseconds (a JavaScript Date would cut them to milliseconds and repeat or skip rows).
 */
export type ApplicationCursorKey = [sortValue: string, id: string];

export const applicationsCursor = cursorCodec<ApplicationOrder, ApplicationCursorKey>('applications', (order) => [
  isTimestampOrder(order) ? cursorValue.timestamp : cursorValue.text(MAX_SORT_TEXT),
  cursorValue.uuid,
]);

/** An application on a page of the list, with the value it is sorted by (and what else the page read). */
export type ApplicationListItem = ApplicationPageRow;

const noSuchApplication = (slug: string, field: string) => notFound(`No application ${JSON.stringify(slug)} that you can see`, { field });

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly access: AccessService,
    private readonly groups: GroupsService,
    private readonly groupsRepository: GroupsRepository,
    private readonly releases: ReleasesService,
    private readonly catalog: CatalogStore,
    private readonly audit: AuditRecorder,
  ) {}

  /** Marks applications as updated, in the caller's transaction (a deployment was recorded for them). */
  async markUpdated(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await this.applications.touch(manager, ids);
  }

  /** Points an application at its newest requirements snapshot, in the caller's transaction. */
  async pointAtLatestSnapshot(manager: EntityManager, id: string, snapshotId: string): Promise<void> {
    await this.applications.setLatestSnapshot(manager, id, snapshotId);
  }

  /** The application if the caller may read it; NOT_FOUND (not FORBIDDEN) otherwise, so slugs do not leak. */
  async getReadable(principal: Principal, slug: string, field = 'application'): Promise<{ app: Application; caller: Caller }> {
    const [app, caller] = await Promise.all([this.applications.findBySlug(slug.trim()), this.access.callerFor(principal)]);
    if (!app || !canReadApplication(caller, app)) throw noSuchApplication(slug, field);
    return { app, caller };
  }

  /**
   * The application, locked for update, if the caller may change it. One the caller cannot even
   * read is NOT_FOUND, as one that does not exist (FORBIDDEN would confirm the slug exists);
   * FORBIDDEN is for an application they see but may not change.
   */
  async getEditable(
    principal: Principal,
    slug: string,
    manager: EntityManager,
    field = 'application',
    may: (caller: Caller, app: Application) => boolean = canEditApplication,
    refusal = (slug: string) => `Only members of the group that owns ${slug} (and admins) may change it`,
  ): Promise<Application> {
    const caller = await this.access.callerFor(principal, manager);
    const app = await this.applications.lockBySlug(manager, slug.trim());
    if (!app || !canReadApplication(caller, app)) throw noSuchApplication(slug, field);
    if (!may(caller, app)) throw forbidden(refusal(app.slug));
    return app;
  }

  async create(
    principal: Principal,
    input: { slug: string; name: string; description?: string | null; department: string; group: string; contacts: string[]; repositoryUrl?: string | null },
  ): Promise<Application> {
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
      const app = await this.applications.insertUnlessTaken(manager, {
        slug,
        name,
        description: normalizeDescription(input.description),
        department,
        owningGroupId: group.id,
        contacts: normalizeContacts(input.contacts),
        repositoryUrl,
      });
      if (!app) throw conflict(`An application with the slug ${slug} already exists`, { field: 'slug' });
      await this.audit.record(manager, principal, [
        { ...applicationSubject(app), action: 'APPLICATION_CREATED', after: { ...applicationAuditFields(app, group.slug) } },
      ]);
      return app;
    });
  }

  async update(
    principal: Principal,
    input: {
      slug: string;
      name?: string | null;
      description?: string | null;
      department?: string | null;
      contacts?: string[] | null;
      repositoryUrl?: string | null;
    },
  ): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.getEditable(principal, input.slug, manager, 'slug');
      const updated = await this.applications.update(manager, app.id, {
        slug: app.slug,
        owningGroupId: app.owningGroupId,
        name: input.name === undefined || input.name === null ? app.name : normalizeName(input.name),
        description: input.description === undefined ? app.description : normalizeDescription(input.description),
        department: input.department ? normalizeDepartment(input.department) : app.department,
        contacts: input.contacts ? normalizeContacts(input.contacts) : app.contacts,
        repositoryUrl: input.repositoryUrl === undefined ? app.repositoryUrl : normalizeRepositoryUrl(input.repositoryUrl),
      });
      const group = await this.groupSlugOf(manager, app.owningGroupId);
      await this.recordChanges(manager, principal, updated, applicationAuditFields(app, group), applicationAuditFields(updated, group));
      return updated;
    });
  }

  async setArchived(principal: Principal, slug: string, archived: boolean): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.getEditable(principal, slug, manager, 'slug');
      const updated = await this.applications.setArchived(manager, app.id, archived);
      if (app.archived !== archived) {
        await this.audit.record(manager, principal, [
          {
            ...applicationSubject(updated),
            action: archived ? 'APPLICATION_ARCHIVED' : 'APPLICATION_UNARCHIVED',
            before: { archived: app.archived, archivedAt: app.archivedAt },
            after: { archived, archivedAt: updated.archivedAt },
          },
        ]);
      }
      return updated;
    });
  }

  async transfer(principal: Principal, slug: string, toGroup: string): Promise<Application> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.getEditable(
        principal,
        slug,
        manager,
        'slug',
        canTransferApplication,
        (name) => `Only owners of the group that owns ${name} (and admins) may transfer it`,
      );
      const target = await this.groups.findBySlug(toGroup, manager, 'toGroup');
      const updated = await this.applications.update(manager, app.id, { ...app, owningGroupId: target.id });
      const before = applicationAuditFields(app, await this.groupSlugOf(manager, app.owningGroupId));
      await this.recordChanges(manager, principal, updated, before, { ...before, group: target.slug });
      return updated;
    });
  }

  private async groupSlugOf(manager: EntityManager, groupId: string): Promise<string> {
    const [group] = await this.groupsRepository.findByIds([groupId], manager);
    return group.slug;
  }

  /** Audits what an edit changed (nothing changed, nothing recorded). */
  private async recordChanges(
    manager: EntityManager,
    principal: Principal,
    app: Application,
    before: ApplicationAuditFields,
    after: ApplicationAuditFields,
  ): Promise<void> {
    await this.audit.record(
      manager,
      principal,
      applicationChanges(before, after).map((change) => ({ ...applicationSubject(app), ...change })),
    );
  }

  async list(
    principal: Principal,
    query: ApplicationListQuery,
    request: PageRequest<ApplicationCursorKey>,
    selection?: ApplicationPageSelection,
  ): Promise<Page<ApplicationListItem>> {
    const scope = readScopeOf(await this.access.callerFor(principal));
    const pageQuery: ApplicationPageQuery = {
      scope,
      includeArchived: query.includeArchived,
      department: query.department?.trim() || null,
      search: query.search?.trim().toLowerCase() || null,
      hasErrors: query.hasErrors,
      sort: query.sort,
      descending: query.descending,
      first: request.first,
      after: request.after ? { sortValue: request.after[0], id: request.after[1] } : null,
    };
    if (query.group) pageQuery.owningGroupId = (await this.groups.findBySlug(query.group, undefined, 'filter.group')).id;
    pageQuery.running = await this.runningFilter(query);
    const page = await this.applications.page(pageQuery, selection);
    return { items: page.rows, hasNextPage: page.hasNextPage, hasPreviousPage: request.after !== null, totalCount: page.totalCount };
  }

  /** The environment, runtime and release-status filters as "runs now in this environment, one of these releases". */
  private async runningFilter(query: ApplicationListQuery): Promise<ApplicationPageQuery['running']> {
    const statuses = query.releaseStatus ?? [];
    if (!query.environment && !query.runtime && statuses.length === 0) return null;
    let releaseIds: string[] | null = null;
    if (query.runtime) releaseIds = [(await this.releases.requirePublished(query.runtime, 'filter.runtime')).id];
    if (statuses.length > 0) {
      // Status is derived from today's date: pick the matching releases here, not in SQL.
      const today = this.releases.today();
      const wanted = new Set(statuses);
      const { releases } = await this.catalog.current();
      const ids = releases
        .filter((release) => release.state === 'PUBLISHED' && wanted.has(deriveReleaseStatus(release, today, this.releases.policy.noticeMonths)))
        .map((release) => release.id);
      releaseIds = releaseIds === null ? ids : releaseIds.filter((id) => ids.includes(id));
    }
    return { environment: query.environment ?? null, releaseIds };
  }
}
