import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type InventoryAuditSubjectType = 'GROUP' | 'APPLICATION' | 'INVENTORY';

export type InventoryAuditAction =
  | 'GROUP_CREATED'
  | 'GROUP_UPDATED'
  | 'MEMBER_ADDED'
  | 'MEMBER_ROLE_CHANGED'
  | 'MEMBER_REMOVED'
  | 'APPLICATION_CREATED'
  | 'APPLICATION_UPDATED'
  | 'APPLICATION_ARCHIVED'
  | 'APPLICATION_UNARCHIVED'
  | 'APPLICATION_TRANSFERRED'
  | 'DEPLOYMENT_RECORDED'
  | 'INVENTORY_IMPORTED';

/**
 * Append-only record of every change to groups, applications and deployments: who, when,
 * before, after and why. Written in the transaction of the change, so a refused or rolled-back
 * change leaves none. No foreign keys: the record outlives what it describes.
 */
@Entity('inventory_audit_events')
@Check('inventory_audit_events_subject_type', `subject_type IN ('GROUP', 'APPLICATION', 'INVENTORY')`)
@Index('inventory_audit_events_application_idx', ['applicationId', 'id'])
@Index('inventory_audit_events_group_idx', ['groupId', 'id'])
export class InventoryAuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

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

  @Column({ type: 'text' })
  action!: InventoryAuditAction;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** Who acted, readable even after the user is gone (e-mail, or `bootstrap-admin`). */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Index('inventory_audit_events_occurred_at_idx')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
