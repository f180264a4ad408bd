import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { GroupEntity } from '../groups/group.entity';
import { ReleaseEntity } from '../releases/release.entity';

@Entity('applications')
@Check('applications_slug_format', `slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'`)
@Index('applications_department_idx', ['department'])
@Index('applications_group_idx', ['owningGroupId'])
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

/** Every deployment ever recorded: the history of what ran where. */
@Entity('deployments')
@Index('deployments_application_idx', ['applicationId', 'environment', 'deployedAt'])
@Check('deployments_environment', `environment IN ('TEST', 'QUAL', 'BETA', 'PROD')`)
export class DeploymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ type: 'text' })
  environment!: string;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;

  @Column({ name: 'commit_sha', type: 'text' })
  commit!: string;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt!: Date;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  /** Set when an admin let through a deployment the staged-deprecation rules refuse. */
  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason!: string | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}

/** What runs in each environment now: the latest deployment by deployedAt. Kept in step with `deployments`. */
@Entity('current_deployments')
@Index('current_deployments_release_idx', ['releaseId'])
export class CurrentDeploymentEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @PrimaryColumn({ type: 'text' })
  environment!: string;

  @Column({ name: 'deployment_id', type: 'uuid' })
  deploymentId!: string;

  @ManyToOne(() => DeploymentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deployment_id' })
  deployment?: DeploymentEntity;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt!: Date;
}

/** File contents by SHA-256: identical files (across snapshots and applications) are stored once. */
@Entity('requirement_blobs')
export class RequirementBlobEntity {
  @PrimaryColumn({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'int' })
  bytes!: number;
}

/** The requirements files of an application at a commit. */
@Entity('requirement_snapshots')
@Unique('requirement_snapshots_content_unique', ['applicationId', 'contentHash'])
@Index('requirement_snapshots_application_idx', ['applicationId', 'createdAt'])
export class RequirementSnapshotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ name: 'commit_sha', type: 'text' })
  commit!: string;

  /** SHA-256 over the sorted paths and file hashes: equal for equal file sets. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  /** `[{ path, sha256 }]`, sorted by path. */
  @Column({ type: 'jsonb' })
  files!: Array<{ path: string; sha256: string }>;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Identical files submitted again (at another commit) refresh these instead of storing a copy. */
  @Column({ name: 'last_submitted_at', type: 'timestamptz' })
  lastSubmittedAt!: Date;

  @Column({ name: 'last_commit_sha', type: 'text' })
  lastCommit!: string;
}

/** A stored scan of a snapshot against one runtime release. */
@Entity('snapshot_scans')
export class SnapshotScanEntity {
  @PrimaryColumn({ name: 'snapshot_id', type: 'uuid' })
  snapshotId!: string;

  @PrimaryColumn({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @ManyToOne(() => RequirementSnapshotEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'snapshot_id' })
  snapshot?: RequirementSnapshotEntity;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;

  /** Which environments run this release for the app when scanned (informational). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  environments!: string[];

  @Column({ name: 'error_count', type: 'int' })
  errorCount!: number;

  @Column({ name: 'warning_count', type: 'int' })
  warningCount!: number;

  @Column({ type: 'jsonb' })
  findings!: unknown[];

  @Column({ name: 'scanned_at', type: 'timestamptz' })
  scannedAt!: Date;
}
