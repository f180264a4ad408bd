import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Environment } from '../calendar/environment';
import { ReleaseEntity } from './release.entity';

/** An admin's decision to roll a release out to one environment at another time than the calendar's. */
@Entity('rollout_overrides')
export class RolloutOverrideEntity {
  @PrimaryColumn({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @PrimaryColumn({ type: 'text' })
  environment!: Environment;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
