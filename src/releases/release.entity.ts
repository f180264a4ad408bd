import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReleaseState } from './domain/release-state';
import type { ReleaseTrack } from './domain/release-track';
import { ReleasePackageEntity } from './release-package.entity';

export type Track = ReleaseTrack;
export type { ReleaseState };

@Entity('runtime_releases')
@Check('runtime_releases_track', `track IN ('LTS', 'STABLE')`)
@Check('runtime_releases_state', `state IN ('DRAFT', 'PUBLISHED')`)
@Check('runtime_releases_window', 'end_of_support > general_availability')
export class ReleaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  version!: string;

  @Column({ name: 'python_version', type: 'text' })
  pythonVersion!: string;

  @Column({ type: 'text' })
  track!: Track;

  @Column({ type: 'text', default: 'DRAFT' })
  state!: ReleaseState;

  /** `YYYY-MM-DD`: date columns come back from pg as strings, which is what the API speaks. */
  @Column({ name: 'general_availability', type: 'date' })
  generalAvailability!: string;

  @Column({ name: 'end_of_support', type: 'date' })
  endOfSupport!: string;

  @Column({ name: 'migration_target_id', type: 'uuid', nullable: true })
  migrationTargetId!: string | null;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'migration_target_id' })
  migrationTarget?: ReleaseEntity | null;

  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @OneToMany(() => ReleasePackageEntity, (releasePackage) => releasePackage.release, { cascade: true })
  packages?: ReleasePackageEntity[];

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
