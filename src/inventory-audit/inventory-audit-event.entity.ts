import { Check, Column, Entity, Index } from 'typeorm';
import { AuditEventColumns } from '../common/database/audit-event-columns';

export const INVENTORY_AUDIT_SUBJECT_TYPES = ['GROUP', 'APPLICATION', 'INVENTORY'] as const;
export type InventoryAuditSubjectType = (typeof INVENTORY_AUDIT_SUBJECT_TYPES)[number];

export const INVENTORY_AUDIT_ACTIONS = [
  'GROUP_CREATED',
  'GROUP_UPDATED',
  'MEMBER_ADDED',
  'MEMBER_ROLE_CHANGED',
  'MEMBER_REMOVED',
  'APPLICATION_CREATED',
  'APPLICATION_UPDATED',
  'APPLICATION_ARCHIVED',
  'APPLICATION_UNARCHIVED',
  'APPLICATION_TRANSFERRED',
  'DEPLOYMENT_RECORDED',
  'INVENTORY_IMPORTED',
  'WEBHOOK_CREATED',
  'WEBHOOK_DELETED',
] as const;
export type InventoryAuditAction = (typeof INVENTORY_AUDIT_ACTIONS)[number];

/**
 * Append-only record of every change to groups, applications and deployments: who, when,
 * before, after and why. Written in the transaction of the change, so a refused or rolled-back
 * change leaves none. No foreign keys: the record outlives what it describes.
 */
@Entity('inventory_audit_events')
@Check('inventory_audit_events_subject_type', `subject_type IN ('GROUP', 'APPLICATION', 'INVENTORY')`)
@Index('inventory_audit_events_application_idx', ['applicationId', 'id'])
@Index('inventory_audit_events_group_idx', ['groupId', 'id'])
@Index('inventory_audit_events_occurred_at_idx', ['occurredAt'])
export class InventoryAuditEventEntity extends AuditEventColumns<InventoryAuditAction> {
  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: InventoryAuditSubjectType;

  /** The group's or application's slug when the event happened; null for a whole import. */
  @Column({ name: 'subject_slug', type: 'text', nullable: true })
  subjectSlug!: string | null;

  /** Set on APPLICATION events: who may read them follows the application's current owner and department. */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  /** Set on GROUP events. */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;
}
