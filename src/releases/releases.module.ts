import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CatalogStore } from './catalog.store';
import { CatalogRevisionEntity } from './catalog-revision.entity';
import { ReleasePackageEntity } from './release-package.entity';
import { ReleaseEntity } from './release.entity';
import { ReleaseEvents } from './release-events';
import { ReleaseAuditService } from './release-audit.service';
import { ReleasesRepository } from './releases.repository';
import { ReleasesResolver } from './releases.resolver';
import { ReleasesService } from './releases.service';
import { RolloutResolver } from './rollout.resolver';
import { RolloutOverrideEntity } from './rollout-override.entity';
import { RolloutService } from './rollout.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const RELEASES_ENTITIES = [ReleaseEntity, ReleasePackageEntity, RolloutOverrideEntity, CatalogRevisionEntity];

@Module({
  imports: [TypeOrmModule.forFeature(RELEASES_ENTITIES), AuditModule],
  providers: [ReleaseEvents, ReleasesRepository, CatalogStore, ReleasesService, ReleaseAuditService, ReleasesResolver, RolloutService, RolloutResolver],
  exports: [ReleaseEvents, CatalogStore, ReleasesService, RolloutService],
})
export class ReleasesModule {}
