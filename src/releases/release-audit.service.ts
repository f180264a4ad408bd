import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newestFirstPage, type LogPageQuery, type NewestFirstPage } from '../common/database/newest-first-page';
import { decodeIdCursor, encodeIdCursor } from '../common/graphql/id-cursor';
import { ReleaseAuditEventEntity, type ReleaseAuditAction } from './release-audit-event.entity';

export interface AuditLogQuery extends LogPageQuery {
  version?: string | null;
  actions?: ReleaseAuditAction[] | null;
}

const CURSOR_KIND = 'audit';

export const encodeAuditCursor = (id: string): string => encodeIdCursor(CURSOR_KIND, id);

/** The catalog's audit trail, newest first, paged with opaque cursors that stay valid as events are added. */
@Injectable()
export class ReleaseAuditService {
  constructor(@InjectRepository(ReleaseAuditEventEntity) private readonly events: Repository<ReleaseAuditEventEntity>) {}

  async page(query: AuditLogQuery): Promise<NewestFirstPage<ReleaseAuditEventEntity>> {
    const filtered = this.events.createQueryBuilder('event');
    if (query.version) filtered.andWhere('event.release_version = :version', { version: query.version.trim() });
    if (query.actions && query.actions.length > 0) filtered.andWhere('event.action IN (:...actions)', { actions: query.actions });
    const beforeId = query.after ? decodeIdCursor(CURSOR_KIND, query.after, 'auditLog') : null;
    return newestFirstPage(filtered, 'event.id', query.first, beforeId);
  }
}
