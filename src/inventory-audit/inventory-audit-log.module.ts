import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { GroupsModule } from '../groups/groups.module';
import { InventoryAuditEventEntity } from './inventory-audit-event.entity';
import { ApplicationAuditEventsResolver, InventoryAuditResolver } from './inventory-audit.resolver';
import { InventoryAuditService } from './inventory-audit.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const INVENTORY_AUDIT_ENTITIES = [InventoryAuditEventEntity];

/** The read side of the inventory audit log: `inventoryAuditLog` and `Application.auditEvents`. */
@Module({
  imports: [TypeOrmModule.forFeature(INVENTORY_AUDIT_ENTITIES), GroupsModule, ApplicationsModule],
  providers: [InventoryAuditService, InventoryAuditResolver, ApplicationAuditEventsResolver],
})
export class InventoryAuditLogModule {}
