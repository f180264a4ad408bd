import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GroupsModule } from '../groups/groups.module';
import { AuditModule } from '../audit/audit.module';
import { ReleasesModule } from '../releases/releases.module';
import { ApplicationEntity } from './application.entity';
import { ApplicationFactsEvents } from './application-facts-events';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const APPLICATIONS_ENTITIES = [ApplicationEntity];

/** Applications: who owns them, what they are called, archiving and transfers. Deployments, snapshots and impact build on it. */
@Module({
  imports: [TypeOrmModule.forFeature(APPLICATIONS_ENTITIES), GroupsModule, ReleasesModule, AuditModule],
  providers: [ApplicationsRepository, ApplicationsService, ApplicationsResolver, ApplicationFactsEvents],
  exports: [ApplicationsRepository, ApplicationsService, ApplicationFactsEvents],
})
export class ApplicationsModule {}
