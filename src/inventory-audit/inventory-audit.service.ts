import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity';
import { ApplicationsService } from '../applications/applications.service';
import type { Principal } from '../auth/principal';
import { logCursor, newestFirstPage, type LogCursorKey } from '../common/database/newest-first-page';
import { badInput } from '../common/errors/domain-error';
import type { Page, PageRequest } from '../common/paging/page';
import { auditReadScopeOf } from '../groups/access-policy';
import { AccessService } from '../groups/access.service';
import { GroupsService } from '../groups/groups.service';
import { InventoryAuditEventEntity, type InventoryAuditAction } from './inventory-audit-event.entity';

export interface InventoryAuditFilter {
  application?: string | null;
  group?: string | null;
  actions?: InventoryAuditAction[] | null;
  from?: Date | null;
  to?: Date | null;
}

export const inventoryAuditLogCursor = logCursor('inventoryAuditLog');

/**
 * The inventory audit trail, newest first, limited to what the caller may read: events of the
 * groups they read, of the applications they read (by the application's current owning group
 * and department), and import summaries for those who read everything.
 */
@Injectable()
export class InventoryAuditService {
  constructor(
    @InjectRepository(InventoryAuditEventEntity) private readonly events: Repository<InventoryAuditEventEntity>,
    private readonly access: AccessService,
    private readonly applications: ApplicationsService,
    private readonly groups: GroupsService,
  ) {}

  async page(principal: Principal, filter: InventoryAuditFilter, request: PageRequest<LogCursorKey>): Promise<Page<InventoryAuditEventEntity>> {
    if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
      throw badInput('filter.to', 'filter.to must be later than filter.from');
    }
    const events = await this.readableBy(principal);
    if (filter.application) {
      const { app } = await this.applications.getReadable(principal, filter.application, 'filter.application');
      events.andWhere('event.application_id = :applicationId', { applicationId: app.id });
    }
    if (filter.group) {
      const group = await this.groups.findBySlug(filter.group, undefined, 'filter.group');
      events.andWhere('(event.group_id = :groupId OR app.owning_group_id = :groupId)', { groupId: group.id });
    }
    if (filter.actions && filter.actions.length > 0) events.andWhere('event.action IN (:...actions)', { actions: filter.actions });
    if (filter.from) events.andWhere('event.occurred_at >= :from', { from: filter.from });
    if (filter.to) events.andWhere('event.occurred_at < :to', { to: filter.to });
    return newestFirstPage(events, 'event.id', request);
  }

  /**
   * The newest `first` events of each of these applications, newest first, in one query (a page
   * of applications asking for `auditEvents`). Ranking before the read scope is applied is sound:
   * all events of one application are readable or none is, as the scope follows its current owner.
   */
  async latestOfApplications(principal: Principal, applicationIds: readonly string[], first: number): Promise<Map<string, InventoryAuditEventEntity[]>> {
    const events = await this.readableBy(principal);
    events.andWhere(
      `event.id IN (SELECT ranked.id FROM (
         SELECT id, row_number() OVER (PARTITION BY application_id ORDER BY id DESC) AS position
           FROM inventory_audit_events WHERE application_id = ANY(CAST(:applicationIds AS uuid[]))) ranked
        WHERE ranked.position <= :first)`,
      { applicationIds, first },
    );
    const byApplication = new Map<string, InventoryAuditEventEntity[]>();
    for (const event of await events.orderBy('event.id', 'DESC').getMany()) {
      const id = event.applicationId as string;
      const list = byApplication.get(id);
      if (list) list.push(event);
      else byApplication.set(id, [event]);
    }
    return byApplication;
  }

  private async readableBy(principal: Principal): Promise<SelectQueryBuilder<InventoryAuditEventEntity>> {
    const scope = auditReadScopeOf(await this.access.callerFor(principal));
    const events = this.events.createQueryBuilder('event').leftJoin(ApplicationEntity, 'app', 'app.id = event.application_id');
    if (scope.everything) return events;
    return events.where(
      `((event.subject_type = 'GROUP' AND (CAST(:everyGroup AS boolean) OR event.group_id = ANY(CAST(:groupIds AS uuid[]))))
        OR (event.subject_type = 'APPLICATION' AND (app.owning_group_id = ANY(CAST(:groupIds AS uuid[])) OR app.department = ANY(CAST(:departments AS text[])))))`,
      { everyGroup: scope.everyGroup, groupIds: scope.groupIds, departments: scope.departments },
    );
  }
}
