import { Module } from '@nestjs/common';
import { ReleasesModule } from '../releases/releases.module';
import { CatalogFeedsService } from './catalog-feeds.service';
import { CalendarController } from './calendar/calendar.controller';
import { EndoflifeController } from './endoflife/endoflife.controller';

/** Feeds other tools read: endoflife.date's API, iCalendar, CycloneDX. */
@Module({
  imports: [ReleasesModule],
  controllers: [EndoflifeController, CalendarController],
  providers: [CatalogFeedsService],
})
export class FeedsModule {}
