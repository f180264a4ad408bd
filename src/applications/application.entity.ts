import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { GroupEntity } from '../groups/group.entity';
import { RequirementSnapshotEntity } from '../snapshots/snapshot.entity';

/** The `applications` row; written only by ApplicationsRepository. */
@Entity('applications')
@Check('applications_slug_format', `slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'`)
@Index('applications_department_idx', ['department'])
@Index('applications_group_idx', ['owningGroupId'])
// The read scope of the applications list (members: their groups' active applications): its count is an index-only scan.
@Index('applications_active_group_idx', ['owningGroupId'], { where: 'archived_at IS NULL' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  department!: string;

  @Column({ name: 'owning_group_id', type: 'uuid' })
  owningGroupId!: string;

  @ManyToOne(() => GroupEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owning_group_id' })
  owningGroup?: GroupEntity;

  /** Validated e-mail addresses, lower-case. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  contacts!: string[];

  @Column({ name: 'repository_url', type: 'text', nullable: true })
  repositoryUrl!: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @Column({ name: 'latest_snapshot_id', type: 'uuid', nullable: true })
  latestSnapshotId!: string | null;

  @ManyToOne(() => RequirementSnapshotEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'latest_snapshot_id' })
  latestSnapshot?: RequirementSnapshotEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
