import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row whose counter moves with every catalog write, in the same transaction. Replicas
 * compare it with the revision their cache was built from, so none serves a stale catalog.
 */
@Entity('catalog_revision')
@Check('catalog_revision_single_row', 'id = 1')
export class CatalogRevisionEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ type: 'bigint', default: 0 })
  revision!: string;
}
