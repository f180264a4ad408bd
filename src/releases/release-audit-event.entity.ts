import { Column, Entity, Index } from 'typeorm';
import { AuditEventColumns } from '../common/database/audit-event-columns';

export const RELEASE_AUDIT_ACTIONS = [
  'DRAFT_CREATED',
  'DRAFT_UPDATED',
  'DRAFT_WITHDRAWN',
  'PUBLISHED',
  'END_OF_SUPPORT_CHANGED',
  'ROLLOUT_OVERRIDDEN',
  'ROLLOUT_OVERRIDE_CLEARED',
  'NOTICES_PAUSED',
  'NOTICES_RESUMED',
] as const;

export type ReleaseAuditAction = (typeof RELEASE_AUDIT_ACTIONS)[number];

/** Append-only record of every change to the catalog: who, when, before, after and why. */
@Entity('release_audit_events')
@Index('release_audit_events_version_idx', ['releaseVersion', 'id'])
@Index('release_audit_events_occurred_at_idx', ['occurredAt'])
export class ReleaseAuditEventEntity extends AuditEventColumns<ReleaseAuditAction> {
  @Column({ name: 'release_version', type: 'text' })
  releaseVersion!: string;
}
