import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity';
import { ReleaseEntity } from '../releases/release.entity';

const STATUS_CHECK = `IN ('NOT_STARTED', 'IN_PROGRESS', 'IN_TESTING', 'COMPLETED', 'BLOCKED', 'WAIVED')`;

/**
 * One application moving off a release: opened by the lifecycle sweep or by hand, its status
 * derived from facts and stored with every transition. Its deadline is the source's end of
 * support, read from the catalog (never copied, so a moved end of support moves it).
 */
@Entity('migrations')
@Unique('migrations_application_source_unique', ['applicationId', 'sourceReleaseId'])
@Index('migrations_source_status_idx', ['sourceReleaseId', 'status'])
@Check('migrations_status', `status ${STATUS_CHECK}`)
@Check('migrations_target_not_source', 'target_release_id <> source_release_id')
export class MigrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @ManyToOne(() => ApplicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: ApplicationEntity;

  @Column({ name: 'source_release_id', type: 'uuid' })
  sourceReleaseId!: string;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_release_id' })
  sourceRelease?: ReleaseEntity;

  @Column({ name: 'target_release_id', type: 'uuid' })
  targetReleaseId!: string;

  @ManyToOne(() => ReleaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_release_id' })
  targetRelease?: ReleaseEntity;

  @Column({ type: 'text' })
  status!: string;

  /** The ERROR findings of the latest scan against the target (and a declared reason), as of the last recomputation. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  blockers!: unknown[];

  /** `sweep`, or who opened it by hand. */
  @Column({ name: 'opened_by', type: 'text' })
  openedBy!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt!: Date;
}

/** Every status a migration went through, with when and why: the burndown is read from here. */
@Entity('migration_transitions')
@Index('migration_transitions_migration_idx', ['migrationId', 'at'])
@Check('migration_transitions_status', `status ${STATUS_CHECK}`)
@Check('migration_transitions_cause_kind', `cause_kind IN ('OPENED', 'DEPLOYMENT', 'SCAN', 'PERSON', 'WAIVER', 'SWEEP')`)
export class MigrationTransitionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'migration_id', type: 'uuid' })
  migrationId!: string;

  @ManyToOne(() => MigrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'migration_id' })
  migration?: MigrationEntity;

  /** Null on the first transition (the opening). */
  @Column({ name: 'previous_status', type: 'text', nullable: true })
  previousStatus!: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'cause_kind', type: 'text' })
  causeKind!: string;

  /** The deployment or snapshot id, or the person's e-mail. */
  @Column({ name: 'cause_ref', type: 'text', nullable: true })
  causeRef!: string | null;

  /** Readable: "deployment of 37.22.0 to PROD by dev@example.edu". */
  @Column({ type: 'text' })
  cause!: string;
}

/** A request to leave an application on the source past the deadline, and an admin's decision. */
@Entity('migration_waivers')
@Index('migration_waivers_migration_idx', ['migrationId', 'requestedAt'])
// At most one waiver in play per migration.
@Index('migration_waivers_open_unique', ['migrationId'], { unique: true, where: `status IN ('PENDING', 'APPROVED')` })
@Check('migration_waivers_status', `status IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')`)
export class MigrationWaiverEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'migration_id', type: 'uuid' })
  migrationId!: string;

  @ManyToOne(() => MigrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'migration_id' })
  migration?: MigrationEntity;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'expires_on', type: 'date' })
  expiresOn!: string;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;
}

/** What members of the owning group said about the work: started, or blocked with a reason. The latest counts. */
@Entity('migration_declarations')
@Index('migration_declarations_migration_idx', ['migrationId', 'id'])
@Check('migration_declarations_kind', `kind IN ('STARTED', 'BLOCKED')`)
export class MigrationDeclarationEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'migration_id', type: 'uuid' })
  migrationId!: string;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;

  @ManyToOne(() => MigrationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'migration_id' })
  migration?: MigrationEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'declared_by', type: 'text' })
  declaredBy!: string;
}
