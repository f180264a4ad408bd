import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { GroupsModule } from '../groups/groups.module';
import { AuditModule } from '../audit/audit.module';
import { ReleasesModule } from '../releases/releases.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { InventoryImportResolver } from './inventory-import.resolver';
import { InventoryImportService } from './inventory-import.service';

/** The bulk import of groups, applications and deployments, through the batch methods of their own repositories. */
@Module({
  imports: [AuthModule, GroupsModule, ApplicationsModule, DeploymentsModule, SnapshotsModule, ReleasesModule, AuditModule],
  providers: [InventoryImportService, InventoryImportResolver],
  exports: [InventoryImportService],
})
export class InventoryImportModule {}
