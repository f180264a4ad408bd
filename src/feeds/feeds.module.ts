import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { ReleasesModule } from '../releases/releases.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { CatalogFeedsService } from './catalog-feeds.service';
import { CalendarController } from './calendar/calendar.controller';
import { EndoflifeController } from './endoflife/endoflife.controller';
import { SbomController } from './sbom/sbom.controller';
import { SbomService } from './sbom/sbom.service';

/** Feeds other tools read: endoflife.date's API, iCalendar, CycloneDX. */
@Module({
  imports: [ReleasesModule, AuthModule, ApplicationsModule, DeploymentsModule, SnapshotsModule],
  controllers: [EndoflifeController, CalendarController, SbomController],
  providers: [CatalogFeedsService, SbomService],
})
export class FeedsModule {}
