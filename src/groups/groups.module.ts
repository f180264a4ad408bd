import { Module } from '@nestjs/common';
import { InventoryAuditModule } from '../inventory-audit/inventory-audit.module';
import { AccessService } from './access.service';
import { GroupsResolver } from './groups.resolver';
import { GroupsService } from './groups.service';

@Module({
  imports: [InventoryAuditModule],
  providers: [AccessService, GroupsService, GroupsResolver],
  exports: [AccessService, GroupsService],
})
export class GroupsModule {}
