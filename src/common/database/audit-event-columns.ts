import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What every append-only audit log records besides its subject: the order of events (id), what
 * happened, who, when, before, after and why. Each log's entity adds its subject and indexes.
 */
export abstract class AuditEventColumns<TAction extends string> {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text' })
  action!: TAction;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** Who acted, readable even after the user is gone (e-mail, or `bootstrap-admin`, `seed`). */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  /** From the injected clock, not the database's now(). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
