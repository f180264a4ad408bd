import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InventoryAuditModule } from '../inventory-audit/inventory-audit.module';
import { AccessService } from './access.service';
import { GroupsRepository } from './groups.repository';
import { GroupsResolver } from './groups.resolver';
import { GroupsService } from './groups.service';

@Module({
  imports: [AuthModule, InventoryAuditModule],
  providers: [GroupsRepository, AccessService, GroupsService, GroupsResolver],
  exports: [GroupsRepository, AccessService, GroupsService],
})
export class GroupsModule {}
