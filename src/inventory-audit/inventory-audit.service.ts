import { Injectable } from '@nestjs/common';
import { ApplicationsService } from '../applications/applications.service';
import type { Principal } from '../auth/principal';
import { AuditEventsRepository } from '../audit/audit-events.repository';
import { logCursor, type LogCursorKey } from '../common/database/newest-first-page';
import { badInput } from '../common/errors/domain-error';
import type { Page, PageRequest } from '../common/paging/page';
import { auditReadScopeOf, type AuditReadScope } from '../groups/access-policy';
import { AccessService } from '../groups/access.service';
import { GroupsService } from '../groups/groups.service';
import type { InventoryAuditEventEntity, InventoryAuditAction } from './inventory-audit-event.entity';

export interface InventoryAuditFilter {
  application?: string | null;
  group?: string | null;
  actions?: InventoryAuditAction[] | null;
  from?: Date | null;
  to?: Date | null;
}

export const inventoryAuditLogCursor = logCursor('inventoryAuditLog');
export const applicationAuditEventsCursor = logCursor('Application.auditEvents');

/**
 * The inventory audit trail, newest first, limited to what the caller may read: events of the
 * groups they read, of the applications they read (by the application's current owning group
 * and department), and import summaries for those who read everything.
 */
@Injectable()
export class InventoryAuditService {
  constructor(
    private readonly events: AuditEventsRepository,
    private readonly access: AccessService,
    private readonly applications: ApplicationsService,
    private readonly groups: GroupsService,
  ) {}

  async page(principal: Principal, filter: InventoryAuditFilter, request: PageRequest<LogCursorKey>): Promise<Page<InventoryAuditEventEntity>> {
    if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
      throw badInput('filter.to', 'filter.to must be later than filter.from');
    }
    const scope = await this.scopeOf(principal);
    const applicationId = filter.application ? (await this.applications.getReadable(principal, filter.application, 'filter.application')).app.id : null;
    const groupId = filter.group ? (await this.groups.findBySlug(filter.group, undefined, 'filter.group')).id : null;
    return this.events.inventoryPage(scope, { applicationId, groupId, actions: filter.actions, from: filter.from, to: filter.to }, request);
  }

  /** A page of the readable events of each of these applications, newest first (a page of applications asking for `auditEvents`). */
  async pagesOfApplications(
    principal: Principal,
    applicationIds: readonly string[],
    request: PageRequest<LogCursorKey>,
  ): Promise<Map<string, Page<InventoryAuditEventEntity>>> {
    return this.events.inventoryPagesOfApplications(await this.scopeOf(principal), applicationIds, request);
  }

  private async scopeOf(principal: Principal): Promise<AuditReadScope> {
    return auditReadScopeOf(await this.access.callerFor(principal));
  }
}
