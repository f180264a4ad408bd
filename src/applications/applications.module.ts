import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdvisoriesModule } from '../advisories/advisories.module';
import { GroupsModule } from '../groups/groups.module';
import { InventoryAuditModule } from '../inventory-audit/inventory-audit.module';
import { ReleasesModule } from '../releases/releases.module';
import {
  ApplicationEntity,
  CurrentDeploymentEntity,
  DeploymentEntity,
  RequirementBlobEntity,
  RequirementSnapshotEntity,
  SnapshotScanEntity,
} from './application.entity';
import { ApplicationsResolver, DeploymentFieldsResolver, SnapshotFieldsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';
import { DeploymentsService } from './deployments.service';
import { ImpactResolver } from './impact.resolver';
import { ImpactService } from './impact.service';
import { InventoryImportResolver } from './inventory-import.resolver';
import { InventoryImportService } from './inventory-import.service';
import { SnapshotScanner } from './snapshot-scanner';
import { SnapshotsService } from './snapshots.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const APPLICATIONS_ENTITIES = [
  ApplicationEntity,
  DeploymentEntity,
  CurrentDeploymentEntity,
  RequirementBlobEntity,
  RequirementSnapshotEntity,
  SnapshotScanEntity,
];

@Module({
  imports: [TypeOrmModule.forFeature(APPLICATIONS_ENTITIES), GroupsModule, ReleasesModule, AdvisoriesModule, InventoryAuditModule],
  providers: [
    ApplicationsService,
    DeploymentsService,
    SnapshotsService,
    SnapshotScanner,
    ImpactService,
    ApplicationsResolver,
    DeploymentFieldsResolver,
    SnapshotFieldsResolver,
    ImpactResolver,
    InventoryImportService,
    InventoryImportResolver,
  ],
  exports: [ApplicationsService, ImpactService, InventoryImportService],
})
export class ApplicationsModule {}
