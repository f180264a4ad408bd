import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity';
import { ReleaseEntity } from '../releases/release.entity';

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

  /** Findings the snapshot's own `.pype-lifecycle.toml` suppressed, with the entry's reason and until. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  suppressed!: unknown[];

  @Column({ name: 'scanned_at', type: 'timestamptz' })
  scannedAt!: Date;
}
