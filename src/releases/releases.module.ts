import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogStore } from './catalog.store';
import { ReleaseAuditEventEntity } from './release-audit-event.entity';
import { ReleaseAuditService } from './release-audit.service';
import { ReleasesResolver } from './releases.resolver';
import { ReleasesService } from './releases.service';
import { RolloutResolver } from './rollout.resolver';
import { RolloutService } from './rollout.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReleaseAuditEventEntity])],
  providers: [CatalogStore, ReleasesService, ReleaseAuditService, ReleasesResolver, RolloutService, RolloutResolver],
  exports: [CatalogStore, ReleasesService, RolloutService],
})
export class ReleasesModule {}
