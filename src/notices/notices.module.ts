import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ImpactModule } from '../impact/impact.module';
import { ReleasesModule } from '../releases/releases.module';
import { LifecycleSweepScheduler } from './lifecycle-sweep.scheduler';
import { LifecycleSweepService } from './lifecycle-sweep.service';
import { LifecycleSweepSteps } from './lifecycle-sweep-steps';
import { NoticeAudienceRepository } from './notice-audience.repository';
import { NoticeChannels } from './notice-channels';
import { NoticeMigrationFacts } from './notice-migration-facts';
import { NoticePauseEntity } from './notice-pause.entity';
import { NoticePausesRepository } from './notice-pauses.repository';
import { NoticePreferencesEntity } from './notice-preferences.entity';
import { NoticePreferencesRepository } from './notice-preferences.repository';
import { NoticeRecordEntity } from './notice-record.entity';
import { NoticeRecordsRepository } from './notice-records.repository';
import { NoticeEntity } from './notice.entity';
import { NoticesMetrics } from './notices.metrics';
import { NoticesRepository } from './notices.repository';
import { NoticesResolver } from './notices.resolver';
import { NoticesService } from './notices.service';
import { ReleaseNoticesService } from './release-notices.service';
import { WaiverNoticesService } from './waiver-notices.service';

/** The tables this module owns (listed for DataSources built outside Nest in src/app-entities.ts). */
export const NOTICES_ENTITIES = [NoticeRecordEntity, NoticeEntity, NoticePreferencesEntity, NoticePauseEntity];

/** Deprecation notices: the lifecycle sweep, in-app notices, preferences and pauses. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTICES_ENTITIES), AuditModule, ReleasesModule, ImpactModule, DeliveriesModule],
  providers: [
    LifecycleSweepSteps,
    LifecycleSweepService,
    LifecycleSweepScheduler,
    NoticesService,
    NoticesResolver,
    NoticeRecordsRepository,
    NoticeAudienceRepository,
    NoticesRepository,
    NoticePreferencesRepository,
    NoticePausesRepository,
    NoticeChannels,
    NoticesMetrics,
    ReleaseNoticesService,
    WaiverNoticesService,
    NoticeMigrationFacts,
  ],
  exports: [LifecycleSweepSteps, LifecycleSweepService, LifecycleSweepScheduler, NoticesService, WaiverNoticesService, NoticeMigrationFacts],
})
export class NoticesModule {}
