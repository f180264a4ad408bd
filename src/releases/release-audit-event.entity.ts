import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReleaseAuditAction =
  | 'DRAFT_CREATED'
  | 'DRAFT_UPDATED'
  | 'DRAFT_WITHDRAWN'
  | 'PUBLISHED'
  | 'END_OF_SUPPORT_CHANGED'
  | 'ROLLOUT_OVERRIDDEN'
  | 'ROLLOUT_OVERRIDE_CLEARED';

/** Append-only record of every change to the catalog: who, when, before, after and why. */
@Entity('release_audit_events')
@Index('release_audit_events_version_idx', ['releaseVersion', 'id'])
export class ReleaseAuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'release_version', type: 'text' })
  releaseVersion!: string;

  @Column({ type: 'text' })
  action!: ReleaseAuditAction;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** Who acted, readable even after the user is gone (e-mail, or `bootstrap-admin`, `seed`). */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Index('release_audit_events_occurred_at_idx')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
