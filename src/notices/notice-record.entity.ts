import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity';
import { ReleaseEntity } from '../releases/release.entity';
import type { NoticeRecordStatus } from './notice-kind';

/**
 * The exactly-once key of milestone notices: one row per (application, release, milestone),
 * inserted in the transaction that makes the notices and queues their deliveries. Written only by
 * NoticeRecordsRepository.
 */
@Entity('notice_records')
@Unique('notice_records_once', ['applicationId', 'releaseId', 'milestoneDays'])
@Check('notice_records_status', `status IN ('SENT', 'SUPERSEDED')`)
@Check('notice_records_milestone_days', 'milestone_days >= 0')
// The escalation sweep reads sent records not yet escalated.
@Index('notice_records_escalation_idx', ['recordedOn'], { where: `status = 'SENT' AND escalated_at IS NULL` })
@Index('notice_records_release_idx', ['releaseId', 'milestoneDays'])
export class NoticeRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;

  @Column({ name: 'milestone_days', type: 'integer' })
  milestoneDays!: number;

  /** The end of support the milestone was counted from (it may move later). */
  @Column({ name: 'end_of_support', type: 'date' })
  endOfSupport!: string;

  @Column({ type: 'text' })
  status!: NoticeRecordStatus;

  /** The campus day of the sweep that recorded it. */
  @Column({ name: 'recorded_on', type: 'date' })
  recordedOn!: string;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
