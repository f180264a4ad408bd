import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { GroupsModule } from '../groups/groups.module';
import { ApplicationAuditEventsResolver, InventoryAuditResolver } from './inventory-audit.resolver';
import { InventoryAuditService } from './inventory-audit.service';

/** The read side of the inventory audit log: `inventoryAuditLog` and `Application.auditEvents`. */
@Module({
  imports: [AuditModule, GroupsModule, ApplicationsModule],
  providers: [InventoryAuditService, InventoryAuditResolver, ApplicationAuditEventsResolver],
})
export class InventoryAuditLogModule {}
