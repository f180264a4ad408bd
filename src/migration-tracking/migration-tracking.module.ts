import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MigrationsRepository } from './migrations.repository';
import { MigrationDeclarationEntity, MigrationEntity, MigrationTransitionEntity, MigrationWaiverEntity } from './migration.entity';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const MIGRATION_TRACKING_ENTITIES = [MigrationEntity, MigrationTransitionEntity, MigrationWaiverEntity, MigrationDeclarationEntity];

/** Migration tracking: each application's move off a release losing support, derived from deployments and scans. */
@Module({
  imports: [TypeOrmModule.forFeature(MIGRATION_TRACKING_ENTITIES)],
  providers: [MigrationsRepository],
  exports: [MigrationsRepository],
})
export class MigrationTrackingModule {}
