import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import type { InventoryAuditAction } from './inventory-audit-event.entity';

/** One change to record; `before` and `after` hold only what a reader needs to see what changed. */
export type InventoryAuditEntry = {
  action: InventoryAuditAction;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
} & (
  | { subjectType: 'GROUP'; subject: string; groupId: string }
  | { subjectType: 'APPLICATION'; subject: string; applicationId: string }
  | { subjectType: 'INVENTORY' }
);

/** The application an event is about: readers see it while they may read the application. */
export const applicationSubject = (app: { id: string; slug: string }) => ({ subjectType: 'APPLICATION', subject: app.slug, applicationId: app.id }) as const;

/** The group an event is about. */
export const groupSubject = (group: { id: string; slug: string }) => ({ subjectType: 'GROUP', subject: group.slug, groupId: group.id }) as const;

/**
 * Writes inventory audit events with the caller's manager, so they commit or roll back with the
 * change they describe. All entries of a call share the clock's "now" and go in one statement,
 * in the order given (a bulk import may write thousands).
 */
@Injectable()
export class InventoryAuditRecorder {
  constructor(private readonly clock: Clock) {}

  async record(manager: EntityManager, principal: Principal, entries: readonly InventoryAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => ({
      subjectType: entry.subjectType,
      subject: entry.subjectType === 'INVENTORY' ? null : entry.subject,
      applicationId: entry.subjectType === 'APPLICATION' ? entry.applicationId : null,
      groupId: entry.subjectType === 'GROUP' ? entry.groupId : null,
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
    }));
    await manager.query(
      `INSERT INTO inventory_audit_events
         (subject_type, subject_slug, application_id, group_id, action, actor_user_id, actor_label, occurred_at, before, after, reason)
       SELECT e.value->>'subjectType', e.value->>'subject', (e.value->>'applicationId')::uuid, (e.value->>'groupId')::uuid, e.value->>'action',
              $2, $3, $4, nullif(e.value->'before', 'null'::jsonb), nullif(e.value->'after', 'null'::jsonb), e.value->>'reason'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, position)
        ORDER BY e.position`,
      [JSON.stringify(rows), principal.userId, principal.label, this.clock.now()],
    );
  }
}
