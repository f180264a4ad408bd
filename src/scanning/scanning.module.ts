import { Module } from '@nestjs/common';
import { AdvisoriesModule } from '../advisories/advisories.module';
import { ReleasesModule } from '../releases/releases.module';
import { ScanningResolver } from './scanning.resolver';
import { ScanningService } from './scanning.service';

@Module({
  imports: [ReleasesModule, AdvisoriesModule],
  providers: [ScanningService, ScanningResolver],
  exports: [ScanningService],
})
export class ScanningModule {}
