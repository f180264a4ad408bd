import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ImpactModule } from '../impact/impact.module';
import { ReleasesModule } from '../releases/releases.module';
import { BrowserRoutes } from './browser-routes';
import { CatalogPagesService } from './catalog-pages.service';
import { ScanPagesService } from './scan-pages.service';
import { AppPagesService } from './app-pages.service';
import { DashboardPagesService } from './dashboard-pages.service';
import { MigrationTrackingModule } from '../migration-tracking/migration-tracking.module';
import { NoticesModule } from '../notices/notices.module';
import { ApplicationsModule } from '../applications/applications.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { GroupsModule } from '../groups/groups.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { ScanningModule } from '../scanning/scanning.module';
import { PageResponder } from './page-responder';
import { PagesController } from './pages.controller';
import { PageSessionEntity } from './sessions/page-session.entity';
import { PageSessionsRepository } from './sessions/page-sessions.repository';
import { PageSessionsService } from './sessions/page-sessions.service';
import { PageVisits } from './sessions/page-visits';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const PAGES_ENTITIES = [PageSessionEntity];

/** Pages for people: server-rendered HTML over the same services as the API, with a cookie session and CSRF tokens. */
@Module({
  imports: [
    TypeOrmModule.forFeature(PAGES_ENTITIES),
    AuthModule,
    ReleasesModule,
    ImpactModule,
    ScanningModule,
    ApplicationsModule,
    DeploymentsModule,
    GroupsModule,
    SnapshotsModule,
    MigrationTrackingModule,
    NoticesModule,
  ],
  controllers: [PagesController],
  providers: [
    PageSessionsRepository,
    PageSessionsService,
    PageVisits,
    PageResponder,
    CatalogPagesService,
    ScanPagesService,
    AppPagesService,
    DashboardPagesService,
    BrowserRoutes,
  ],
})
export class PagesModule {}
