import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Advisory } from '../requirements';

/** An imported OSV advisory for PyPI packages, kept whole (normalised) for the scanner. */
@Entity('advisories')
export class AdvisoryEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** OSV `modified`: a newer one replaces this record; an older or equal one is ignored. */
  @Column({ type: 'timestamptz' })
  modified!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawn!: Date | null;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  /** Other ids of the same vulnerability; `advisory(id:)` finds the advisory by them too. */
  @Index('advisories_aliases_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  /** Canonical names of the affected PyPI packages, for lookups by package. */
  @Index('advisories_packages_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  packages!: string[];

  @Column({ type: 'jsonb' })
  document!: Advisory;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}

/** Moves with every import, in the same transaction, so each replica knows when to rebuild its index. */
@Entity('advisory_revision')
@Check('advisory_revision_single_row', 'id = 1')
export class AdvisoryRevisionEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'bigint', default: 0 })
  revision!: string;
}
