import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '../advisories/advisories.module';
import { GroupsModule } from '../groups/groups.module';
import { InventoryAuditModule } from '../inventory-audit/inventory-audit.module';
import { ReleasesModule } from '../releases/releases.module';
import { ApplicationsResolver, DeploymentFieldsResolver, SnapshotFieldsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';
import { DeploymentsService } from './deployments.service';
import { ImpactResolver } from './impact.resolver';
import { ImpactService } from './impact.service';
import { InventoryImportResolver } from './inventory-import.resolver';
import { InventoryImportService } from './inventory-import.service';
import { SnapshotScanner } from './snapshot-scanner';
import { SnapshotsService } from './snapshots.service';

@Module({
  imports: [GroupsModule, ReleasesModule, AdvisoriesModule, InventoryAuditModule],
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
