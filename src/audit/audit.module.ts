import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InventoryAuditEventEntity } from '../inventory-audit/inventory-audit-event.entity';
import { ReleaseAuditEventEntity } from '../releases/release-audit-event.entity';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditRecorder } from './audit.recorder';

/** The tables this module owns, both append-only logs (listed for DataSources built outside Nest in src/app-entities.ts). */
export const AUDIT_ENTITIES = [ReleaseAuditEventEntity, InventoryAuditEventEntity];

/** Both audit logs: the recorder every module writes through, and the repository the log readers page. */
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ENTITIES)],
  providers: [AuditEventsRepository, AuditRecorder],
  exports: [AuditEventsRepository, AuditRecorder],
})
export class AuditModule {}
