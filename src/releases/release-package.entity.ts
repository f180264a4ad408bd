import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReleaseEntity } from './release.entity';

/** A package the runtime bundles (Django and the platform's own tools), by canonical name. */
@Entity('runtime_release_packages')
export class ReleasePackageEntity {
  @PrimaryColumn({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @PrimaryColumn({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  version!: string;

  @ManyToOne(() => ReleaseEntity, (release) => release.packages, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: ReleaseEntity;
}
