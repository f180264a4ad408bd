import { Injectable } from '@nestjs/common';
import { AuditEventsRepository } from '../audit/audit-events.repository';
import type { Principal } from '../auth/principal';
import { logCursor, type LogCursorKey } from '../common/database/newest-first-page';
import { forbidden } from '../common/errors/domain-error';
import type { Page, PageRequest } from '../common/paging/page';
import { auditActionsHiddenFrom } from './draft-visibility';
import type { ReleaseAuditAction, ReleaseAuditEventEntity } from './release-audit-event.entity';

export interface AuditLogFilter {
  version?: string | null;
  actions?: ReleaseAuditAction[] | null;
}

export const auditLogCursor = logCursor('auditLog');

/**
 * The catalog's audit trail, newest first, paged with opaque cursors that stay valid as events are
 * added. Drafts' history is for admins only, as drafts are.
 */
@Injectable()
export class ReleaseAuditService {
  constructor(private readonly events: AuditEventsRepository) {}

  async page(principal: Principal, filter: AuditLogFilter, request: PageRequest<LogCursorKey>): Promise<Page<ReleaseAuditEventEntity>> {
    const hiddenActions = auditActionsHiddenFrom(principal);
    const asked = (filter.actions ?? []).filter((action) => hiddenActions.includes(action));
    if (asked.length > 0) throw forbidden(`Only admins may see draft releases' history (actions ${asked.join(', ')})`);
    return this.events.releasePage({ version: filter.version?.trim(), actions: filter.actions, hiddenActions }, request);
  }
}
