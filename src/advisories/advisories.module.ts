import { Module } from '@nestjs/common';
import { AdvisoriesResolver } from './advisories.resolver';
import { AdvisoriesService } from './advisories.service';

@Module({
  providers: [AdvisoriesService, AdvisoriesResolver],
  exports: [AdvisoriesService],
})
export class AdvisoriesModule {}
