import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { badInput } from '../common/errors/domain-error';
import { ReleaseAuditEventEntity, type ReleaseAuditAction } from './release-audit-event.entity';

export interface AuditLogQuery {
  version?: string | null;
  actions?: ReleaseAuditAction[] | null;
  first: number;
  after?: string | null;
}

export interface AuditLogPage {
  events: ReleaseAuditEventEntity[];
  hasNextPage: boolean;
  totalCount: number;
}

const encodeCursor = (id: string): string => Buffer.from(`audit:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^audit:(\d{1,19})$/.exec(decoded);
  if (!match) throw badInput('after', 'after must be a cursor returned by an earlier auditLog page (pageInfo.endCursor)');
  return match[1];
}

export { encodeCursor as encodeAuditCursor };

/** The catalog's audit trail, newest first, paged with opaque cursors that stay valid as events are added. */
@Injectable()
export class ReleaseAuditService {
  constructor(@InjectRepository(ReleaseAuditEventEntity) private readonly events: Repository<ReleaseAuditEventEntity>) {}

  async page(query: AuditLogQuery): Promise<AuditLogPage> {
    const filtered = this.events.createQueryBuilder('event');
    if (query.version) filtered.andWhere('event.release_version = :version', { version: query.version.trim() });
    if (query.actions && query.actions.length > 0) filtered.andWhere('event.action IN (:...actions)', { actions: query.actions });
    const totalCount = await filtered.clone().getCount();
    if (query.after) filtered.andWhere('event.id < :before', { before: decodeCursor(query.after) });
    const rows = await filtered.orderBy('event.id', 'DESC').limit(query.first + 1).getMany();
    return { events: rows.slice(0, query.first), hasNextPage: rows.length > query.first, totalCount };
  }
}
