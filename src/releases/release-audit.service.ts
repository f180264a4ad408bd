import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { logCursor, newestFirstPage, type LogCursorKey } from '../common/database/newest-first-page';
import type { Page, PageRequest } from '../common/paging/page';
import { ReleaseAuditEventEntity, type ReleaseAuditAction } from './release-audit-event.entity';

export interface AuditLogFilter {
  version?: string | null;
  actions?: ReleaseAuditAction[] | null;
}

export const auditLogCursor = logCursor('auditLog');

/** The catalog's audit trail, newest first, paged with opaque cursors that stay valid as events are added. */
@Injectable()
export class ReleaseAuditService {
  constructor(@InjectRepository(ReleaseAuditEventEntity) private readonly events: Repository<ReleaseAuditEventEntity>) {}

  async page(filter: AuditLogFilter, request: PageRequest<LogCursorKey>): Promise<Page<ReleaseAuditEventEntity>> {
    const filtered = this.events.createQueryBuilder('event');
    if (filter.version) filtered.andWhere('event.release_version = :version', { version: filter.version.trim() });
    if (filter.actions && filter.actions.length > 0) filtered.andWhere('event.action IN (:...actions)', { actions: filter.actions });
    return newestFirstPage(filtered, 'event.id', request);
  }
}
