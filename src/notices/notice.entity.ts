import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../auth/user.entity';
import { ReleaseEntity } from '../releases/release.entity';
import type { NoticeKind } from './notice-kind';
import type { NoticedMigration } from './notice-migration-facts';

/** An application as a notice listed it, when it was made (a notice is a message: it does not change). */
export interface NoticedApplication {
  id: string;
  slug: string;
  name: string;
  department: string;
  groupId: string;
  group: string;
  environments: string[];
  /** What the latest scan says about the migration target: null when there is no target or no snapshot. */
  blockers: number | null;
  url: string;
  /** The application's migration off the release, when migration tracking has one (absent in older notices). */
  migration?: NoticedMigration | null;
}

/**
 * One message to one recipient: a digest of that person's applications for one release and
 * milestone, or an event. Recipients without a user account (contacts only) get it by e-mail;
 * users also see it in-app. Written only by NoticesRepository.
 */
@Entity('notices')
@Check('notices_kind', `kind IN ('MILESTONE', 'RELEASE_PUBLISHED', 'END_OF_SUPPORT_CHANGED', 'ESCALATION', 'WAIVER_EXPIRED')`)
@Check('notices_recipient_lower_case', 'recipient_email = lower(recipient_email)')
@Index('notices_user_idx', ['userId', 'createdAt', 'id'])
@Index('notices_unread_idx', ['userId', 'createdAt', 'id'], { where: 'acknowledged_at IS NULL' })
export class NoticeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: NoticeKind;

  @Column({ name: 'recipient_email', type: 'text' })
  recipientEmail!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity | null;

  @Column({ name: 'release_id', type: 'uuid', nullable: true })
  releaseId!: string | null;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity | null;

  @Column({ name: 'release_version', type: 'text', nullable: true })
  releaseVersion!: string | null;

  @Column({ name: 'milestone_days', type: 'integer', nullable: true })
  milestoneDays!: number | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  /** For queries (escalation: did a member acknowledge a notice listing this application?); a GIN index. */
  @Index('notices_applications_idx', { synchronize: false })
  @Column({ name: 'application_ids', type: 'uuid', array: true, default: () => "'{}'" })
  applicationIds!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  applications!: NoticedApplication[];

  /** From the injected clock. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}
