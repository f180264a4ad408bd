import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { GroupsModule } from '../groups/groups.module';
import { ReleasesModule } from '../releases/releases.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { ImpactResolver } from './impact.resolver';
import { ImpactService } from './impact.service';

/** Impact: what a release would do to every application, and whether one application is ready for it. Reads only. */
@Module({
  imports: [GroupsModule, ApplicationsModule, SnapshotsModule, DeploymentsModule, ReleasesModule],
  providers: [ImpactService, ImpactResolver],
  exports: [ImpactService],
})
export class ImpactModule {}
