import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdvisoriesModule } from '../advisories/advisories.module';
import { ApplicationsModule } from '../applications/applications.module';
import { ReleasesModule } from '../releases/releases.module';
import { RequirementBlobEntity, RequirementSnapshotEntity, SnapshotScanEntity } from './snapshot.entity';
import { SnapshotScanner } from './snapshot-scanner';
import { ApplicationSnapshotsResolver, SnapshotFieldsResolver } from './snapshots.resolver';
import { SnapshotsRepository } from './snapshots.repository';
import { SnapshotsService } from './snapshots.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const SNAPSHOTS_ENTITIES = [RequirementBlobEntity, RequirementSnapshotEntity, SnapshotScanEntity];

/** Snapshots: an application's requirements files (stored once, by content) and their stored scans. */
@Module({
  imports: [TypeOrmModule.forFeature(SNAPSHOTS_ENTITIES), ApplicationsModule, ReleasesModule, AdvisoriesModule],
  providers: [SnapshotsRepository, SnapshotsService, SnapshotScanner, ApplicationSnapshotsResolver, SnapshotFieldsResolver],
  exports: [SnapshotsRepository, SnapshotsService, SnapshotScanner],
})
export class SnapshotsModule {}
