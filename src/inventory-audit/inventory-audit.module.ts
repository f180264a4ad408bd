import { Module } from '@nestjs/common';
import { InventoryAuditRecorder } from './inventory-audit.recorder';

/** The write side of the inventory audit log, for every module that changes groups, applications or deployments. */
@Module({
  providers: [InventoryAuditRecorder],
  exports: [InventoryAuditRecorder],
})
export class InventoryAuditModule {}
