import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryChannel, WebhookBody } from './delivery-request';
import { WebhookEntity } from './webhook.entity';

/**
 * Where a delivery stands: QUEUED (no attempt yet), RETRYING (an attempt failed, another is
 * scheduled), SENT, DEAD (the last retry failed: a dead letter admins can resend) or NOT_SENT
 * (no SMTP server is configured, recorded so nobody believes it went out).
 */
export const DELIVERY_STATUSES = ['QUEUED', 'RETRYING', 'SENT', 'DEAD', 'NOT_SENT'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['SUCCESS', 'FAILURE', 'NOT_SENT'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** What an e-mail delivery sends. */
export interface EmailContent {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** One e-mail or one webhook call, recorded in the transaction that queued it. */
@Entity('notice_deliveries')
@Check('notice_deliveries_channel', `channel IN ('EMAIL', 'WEBHOOK')`)
@Check('notice_deliveries_status', `status IN ('QUEUED', 'RETRYING', 'SENT', 'DEAD', 'NOT_SENT')`)
@Index('notice_deliveries_status_idx', ['status', 'createdAt', 'id'])
@Index('notice_deliveries_created_idx', ['createdAt', 'id'])
@Index('notice_deliveries_notice_idx', ['noticeId'])
export class NoticeDeliveryEntity {
  /** Also the webhook body's `id` and X-PyPE-Delivery: the same on every retry. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  /** The notice it tells about (the notices module's row), when there is one. */
  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  noticeId!: string | null;

  /** The e-mail address or the webhook URL, as it was when queued. */
  @Column({ type: 'text' })
  target!: string;

  /** Null once the webhook was deleted: a later attempt then fails without retrying. */
  @Column({ name: 'webhook_id', type: 'uuid', nullable: true })
  webhookId!: string | null;

  @ManyToOne(() => WebhookEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  /** The e-mail subject, or the webhook's X-PyPE-Event. */
  @Column({ type: 'text' })
  subject!: string;

  /** EmailContent for e-mails; the exact webhook body for webhooks. */
  @Column({ type: 'jsonb' })
  content!: EmailContent | WebhookBody;

  @Column({ type: 'text', default: 'QUEUED' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The pg-boss job that delivers it now (a resend queues a new one). */
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}

/** Every try at a delivery: when, where, how it ended and why. Append-only. */
@Entity('notice_delivery_attempts')
@Check('notice_delivery_attempts_outcome', `outcome IN ('SUCCESS', 'FAILURE', 'NOT_SENT')`)
@Index('notice_delivery_attempts_delivery_idx', ['deliveryId', 'id'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => NoticeDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: NoticeDeliveryEntity;

  @Column({ name: 'attempted_at', type: 'timestamptz' })
  attemptedAt!: Date;

  @Column({ type: 'text' })
  channel!: DeliveryChannel;

  @Column({ type: 'text' })
  target!: string;

  @Column({ type: 'text' })
  outcome!: AttemptOutcome;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The HTTP status a webhook answered, when it answered. */
  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;
}
