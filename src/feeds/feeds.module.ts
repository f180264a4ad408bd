import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { ReleasesModule } from '../releases/releases.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { CatalogFeedsService } from './catalog-feeds.service';
import { CalendarController } from './calendar/calendar.controller';
import { MigrationsCalendarService } from './calendar/migrations-calendar.service';
import { MigrationTrackingModule } from '../migration-tracking/migration-tracking.module';
import { EndoflifeController } from './endoflife/endoflife.controller';
import { FeedTokenEntity } from './feed-tokens/feed-token.entity';
import { FeedTokensRepository } from './feed-tokens/feed-tokens.repository';
import { FeedTokensResolver } from './feed-tokens/feed-tokens.resolver';
import { FeedTokensService } from './feed-tokens/feed-tokens.service';
import { SbomController } from './sbom/sbom.controller';
import { SbomService } from './sbom/sbom.service';

/** The tables this module owns (listed for DataSources built outside Nest in src/app-entities.ts). */
export const FEEDS_ENTITIES = [FeedTokenEntity];

/** Feeds other tools read: endoflife.date's API, iCalendar, CycloneDX; and the feed tokens calendars read with. */
@Module({
  imports: [
    TypeOrmModule.forFeature(FEEDS_ENTITIES),
    ReleasesModule,
    AuthModule,
    ApplicationsModule,
    DeploymentsModule,
    SnapshotsModule,
    MigrationTrackingModule,
  ],
  controllers: [EndoflifeController, CalendarController, SbomController],
  providers: [CatalogFeedsService, SbomService, FeedTokensRepository, FeedTokensService, FeedTokensResolver, MigrationsCalendarService],
})
export class FeedsModule {}
