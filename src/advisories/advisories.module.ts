import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdvisoryEntity, AdvisoryRevisionEntity } from './advisory.entity';
import { AdvisoriesRepository } from './advisories.repository';
import { AdvisoriesResolver } from './advisories.resolver';
import { AdvisoriesService } from './advisories.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const ADVISORIES_ENTITIES = [AdvisoryEntity, AdvisoryRevisionEntity];

@Module({
  imports: [TypeOrmModule.forFeature(ADVISORIES_ENTITIES)],
  providers: [AdvisoriesRepository, AdvisoriesService, AdvisoriesResolver],
  exports: [AdvisoriesService],
})
export class AdvisoriesModule {}
