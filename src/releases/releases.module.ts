import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogStore } from './catalog.store';
import { CatalogRevisionEntity } from './catalog-revision.entity';
import { ReleaseAuditEventEntity } from './release-audit-event.entity';
import { ReleasePackageEntity } from './release-package.entity';
import { ReleaseEntity } from './release.entity';
import { ReleaseAuditService } from './release-audit.service';
import { ReleasesResolver } from './releases.resolver';
import { ReleasesService } from './releases.service';
import { RolloutResolver } from './rollout.resolver';
import { RolloutOverrideEntity } from './rollout-override.entity';
import { RolloutService } from './rollout.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const RELEASES_ENTITIES = [ReleaseEntity, ReleasePackageEntity, ReleaseAuditEventEntity, RolloutOverrideEntity, CatalogRevisionEntity];

@Module({
  imports: [TypeOrmModule.forFeature(RELEASES_ENTITIES)],
  providers: [CatalogStore, ReleasesService, ReleaseAuditService, ReleasesResolver, RolloutService, RolloutResolver],
  exports: [CatalogStore, ReleasesService, RolloutService],
})
export class ReleasesModule {}
