import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import type { InventoryAuditAction } from '../inventory-audit/inventory-audit-event.entity';
import type { ReleaseAuditAction } from '../releases/release-audit-event.entity';
import { AuditEventsRepository, type InventoryAuditRow, type ReleaseAuditRow } from './audit-events.repository';

/** What changed; `before` and `after` hold only what a reader needs to see what changed. */
interface Change {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

/** A change to the runtime catalog (release audit log). */
export type ReleaseAuditEntry = Change & { subjectType: 'RELEASE'; version: string; action: ReleaseAuditAction };

/** A change to groups, applications or deployments, or a whole import (inventory audit log). */
export type InventoryAuditEntry = Change & { action: InventoryAuditAction } & (
    | { subjectType: 'GROUP'; subject: string; groupId: string }
    | { subjectType: 'APPLICATION'; subject: string; applicationId: string }
    | { subjectType: 'INVENTORY' }
  );

export type AuditEntry = ReleaseAuditEntry | InventoryAuditEntry;

/** The release an event is about. */
export const releaseSubject = (version: string) => ({ subjectType: 'RELEASE', version }) as const;

/** The application an event is about: readers see it while they may read the application. */
export const applicationSubject = (app: { id: string; slug: string }) => ({ subjectType: 'APPLICATION', subject: app.slug, applicationId: app.id }) as const;

/** The group an event is about. */
export const groupSubject = (group: { id: string; slug: string }) => ({ subjectType: 'GROUP', subject: group.slug, groupId: group.id }) as const;

/**
 * The one way into both audit logs. Entries are written with the caller's manager, so they commit
 * or roll back with the change they describe; all entries of a call share the actor and the
 * clock's "now", and keep their order.
 */
@Injectable()
export class AuditRecorder {
  constructor(
    private readonly clock: Clock,
    private readonly events: AuditEventsRepository,
  ) {}

  async record(manager: EntityManager, principal: Principal, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const stamp = { actorUserId: principal.userId, actorLabel: principal.label, occurredAt: this.clock.now() };
    const releases: ReleaseAuditRow[] = [];
    const inventory: InventoryAuditRow[] = [];
    for (const entry of entries) {
      const change = { ...stamp, action: entry.action, before: entry.before ?? null, after: entry.after ?? null, reason: entry.reason ?? null };
      if (entry.subjectType === 'RELEASE') {
        releases.push({ ...change, action: entry.action, releaseVersion: entry.version });
        continue;
      }
      inventory.push({
        ...change,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectSlug: entry.subjectType === 'INVENTORY' ? null : entry.subject,
        applicationId: entry.subjectType === 'APPLICATION' ? entry.applicationId : null,
        groupId: entry.subjectType === 'GROUP' ? entry.groupId : null,
      });
    }
    await this.events.appendRelease(manager, releases);
    await this.events.appendInventory(manager, inventory);
  }
}
