import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ReleaseEntity } from '../releases/release.entity';

/** Notices for a release are paused while its row exists (the audit log keeps the history). Written only by NoticePausesRepository. */
@Entity('notice_pauses')
export class NoticePauseEntity {
  @PrimaryColumn({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @OneToOne(() => ReleaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'paused_by', type: 'text' })
  pausedBy!: string;

  @Column({ name: 'paused_at', type: 'timestamptz' })
  pausedAt!: Date;
}
