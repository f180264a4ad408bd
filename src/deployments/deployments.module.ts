import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '../applications/applications.module';
import { AuditModule } from '../audit/audit.module';
import { ReleasesModule } from '../releases/releases.module';
import { SnapshotsModule } from '../snapshots/snapshots.module';
import { CurrentDeploymentEntity, DeploymentEntity } from './deployment.entity';
import { DeploymentsRepository } from './deployments.repository';
import { ApplicationDeploymentsResolver, DeploymentFieldsResolver } from './deployments.resolver';
import { DeploymentsService } from './deployments.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const DEPLOYMENTS_ENTITIES = [DeploymentEntity, CurrentDeploymentEntity];

/** Deployments: the history of what ran where, what runs now, and the staged-deprecation rules. */
@Module({
  imports: [TypeOrmModule.forFeature(DEPLOYMENTS_ENTITIES), ApplicationsModule, SnapshotsModule, ReleasesModule, AuditModule],
  providers: [DeploymentsRepository, DeploymentsService, ApplicationDeploymentsResolver, DeploymentFieldsResolver],
  exports: [DeploymentsRepository, DeploymentsService],
})
export class DeploymentsModule {}
