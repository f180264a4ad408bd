import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { GroupsModule } from '../groups/groups.module';
import { NoticesModule } from '../notices/notices.module';
import { ReleasesModule } from '../releases/releases.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { MigrationDeclarationEntity, MigrationEntity, MigrationTransitionEntity, MigrationWaiverEntity } from './migration.entity';
import { MigrationsExportController } from './migrations-export.controller';
import { MigrationsRepository } from './migrations.repository';
import { MigrationsResolver } from './migrations.resolver';
import { MigrationsCsvExport } from './migrations-csv-export';
import { MigrationsService } from './migrations.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const MIGRATION_TRACKING_ENTITIES = [MigrationEntity, MigrationTransitionEntity, MigrationWaiverEntity, MigrationDeclarationEntity];

/** Migration tracking: each application's move off a release losing support, derived from deployments and scans. */
@Module({
  imports: [
    TypeOrmModule.forFeature(MIGRATION_TRACKING_ENTITIES),
    AuthModule,
    GroupsModule,
    ApplicationsModule,
    ReleasesModule,
    SnapshotsModule,
    NoticesModule,
  ],
  controllers: [MigrationsExportController],
  providers: [MigrationsRepository, MigrationsService, MigrationsResolver, MigrationsCsvExport],
  exports: [MigrationsService, MigrationsCsvExport],
})
export class MigrationTrackingModule {}
