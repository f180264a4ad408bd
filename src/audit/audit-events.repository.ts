import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity';
import { newestFirstPage, type LogCursorKey } from '../common/database/newest-first-page';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import type { AuditReadScope } from '../groups/access-policy';
import { InventoryAuditEventEntity, type InventoryAuditAction } from '../inventory-audit/inventory-audit-event.entity';
import { ReleaseAuditEventEntity, type ReleaseAuditAction } from '../releases/release-audit-event.entity';

/** A release audit event as written (the id comes from the database). */
export type ReleaseAuditRow = Omit<ReleaseAuditEventEntity, 'id'>;

/** An inventory audit event as written. */
export type InventoryAuditRow = Omit<InventoryAuditEventEntity, 'id'>;

export interface ReleaseAuditFilter {
  version?: string | null;
  actions?: readonly ReleaseAuditAction[] | null;
  /** Actions the reader may not see (drafts' history, for non-admins). */
  hiddenActions: readonly ReleaseAuditAction[];
}

export interface InventoryAuditFilter {
  applicationId?: string | null;
  /** Events of the group, and of the applications it owns now. */
  groupId?: string | null;
  actions?: readonly InventoryAuditAction[] | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The only writer of the two append-only logs, `release_audit_events` and `inventory_audit_events`
 * (the AuditRecorder calls it), and their reader, newest first.
 */
@Injectable()
export class AuditEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async appendRelease(manager: EntityManager, rows: readonly ReleaseAuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    const events = manager.getRepository(ReleaseAuditEventEntity);
    await events.save(events.create([...rows]), { reload: false });
  }

  /** One statement, in the order given, however many rows (a bulk import writes thousands). */
  async appendInventory(manager: EntityManager, rows: readonly InventoryAuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO inventory_audit_events
         (subject_type, subject_slug, application_id, group_id, action, actor_user_id, actor_label, occurred_at, before, after, reason)
       SELECT e.value->>'subjectType', e.value->>'subjectSlug', (e.value->>'applicationId')::uuid, (e.value->>'groupId')::uuid, e.value->>'action',
              (e.value->>'actorUserId')::uuid, e.value->>'actorLabel', (e.value->>'occurredAt')::timestamptz,
              nullif(e.value->'before', 'null'::jsonb), nullif(e.value->'after', 'null'::jsonb), e.value->>'reason'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, position)
        ORDER BY e.position`,
      [JSON.stringify(rows)],
    );
  }

  releasePage(filter: ReleaseAuditFilter, request: PageRequest<LogCursorKey>): Promise<Page<ReleaseAuditEventEntity>> {
    const events = this.dataSource.manager.getRepository(ReleaseAuditEventEntity).createQueryBuilder('event');
    if (filter.version) events.andWhere('event.release_version = :version', { version: filter.version });
    if (filter.actions && filter.actions.length > 0) events.andWhere('event.action IN (:...actions)', { actions: filter.actions });
    if (filter.hiddenActions.length > 0) events.andWhere('event.action NOT IN (:...hidden)', { hidden: filter.hiddenActions });
    return newestFirstPage(events, 'event.id', request);
  }

  inventoryPage(scope: AuditReadScope, filter: InventoryAuditFilter, request: PageRequest<LogCursorKey>): Promise<Page<InventoryAuditEventEntity>> {
    const events = this.readableInventory(scope);
    if (filter.applicationId) events.andWhere('event.application_id = :applicationId', { applicationId: filter.applicationId });
    if (filter.groupId) events.andWhere('(event.group_id = :groupId OR app.owning_group_id = :groupId)', { groupId: filter.groupId });
    if (filter.actions && filter.actions.length > 0) events.andWhere('event.action IN (:...actions)', { actions: filter.actions });
    if (filter.from) events.andWhere('event.occurred_at >= :from', { from: filter.from });
    if (filter.to) events.andWhere('event.occurred_at < :to', { to: filter.to });
    return newestFirstPage(events, 'event.id', request);
  }

  /**
   * A page of the events of each of these applications, newest first, in two queries (a page of
   * applications asking for `auditEvents`): the counts, and the events ranked per application.
   * Ranking before the read scope is applied is sound: all events of one application are readable
   * or none is, as the scope follows its current owner.
   */
  async inventoryPagesOfApplications(
    scope: AuditReadScope,
    applicationIds: readonly string[],
    request: PageRequest<LogCursorKey>,
  ): Promise<Map<string, Page<InventoryAuditEventEntity>>> {
    const counted = this.readableInventory(scope)
      .andWhere('event.application_id = ANY(CAST(:applicationIds AS uuid[]))', { applicationIds })
      .select('event.application_id', 'applicationId')
      .addSelect('count(*)::int', 'count')
      .groupBy('event.application_id');
    const counts = new Map((await counted.getRawMany<{ applicationId: string; count: number }>()).map((row) => [row.applicationId, row.count]));
    const events = this.readableInventory(scope).andWhere(
      `event.id IN (SELECT ranked.id FROM (
         SELECT id, row_number() OVER (PARTITION BY application_id ORDER BY id DESC) AS position
           FROM inventory_audit_events
          WHERE application_id = ANY(CAST(:applicationIds AS uuid[])) AND (CAST(:beforeId AS bigint) IS NULL OR id < CAST(:beforeId AS bigint))) ranked
        WHERE ranked.position <= :firstAndOne)`,
      { applicationIds, beforeId: request.after?.[0] ?? null, firstAndOne: request.first + 1 },
    );
    const byApplication = new Map<string, InventoryAuditEventEntity[]>(applicationIds.map((id) => [id, []]));
    for (const event of await events.orderBy('event.id', 'DESC').getMany()) byApplication.get(event.applicationId as string)?.push(event);
    return new Map([...byApplication].map(([id, rows]) => [id, pageOfRows(rows, request, counts.get(id) ?? 0)]));
  }

  /** Events of the groups and applications (by current owner and department) the scope reads. */
  private readableInventory(scope: AuditReadScope): SelectQueryBuilder<InventoryAuditEventEntity> {
    const events = this.dataSource.manager
      .getRepository(InventoryAuditEventEntity)
      .createQueryBuilder('event')
      .leftJoin(ApplicationEntity, 'app', 'app.id = event.application_id');
    if (scope.everything) return events;
    return events.where(
      `((event.subject_type = 'GROUP' AND (CAST(:everyGroup AS boolean) OR event.group_id = ANY(CAST(:groupIds AS uuid[]))))
        OR (event.subject_type = 'APPLICATION' AND (app.owning_group_id = ANY(CAST(:groupIds AS uuid[])) OR app.department = ANY(CAST(:departments AS text[])))))`,
      { everyGroup: scope.everyGroup, groupIds: scope.groupIds, departments: scope.departments },
    );
  }
}
