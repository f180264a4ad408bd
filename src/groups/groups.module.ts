import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AuditModule } from '../audit/audit.module';
import { AccessService } from './access.service';
import { GroupEntity, GroupMemberEntity, ManagerDepartmentEntity } from './group.entity';
import { GroupsRepository } from './groups.repository';
import { GroupsResolver } from './groups.resolver';
import { GroupsService } from './groups.service';

/** The tables this module owns (registered here; listed for DataSources built outside Nest in src/app-entities.ts). */
export const GROUPS_ENTITIES = [GroupEntity, GroupMemberEntity, ManagerDepartmentEntity];

@Module({
  imports: [TypeOrmModule.forFeature(GROUPS_ENTITIES), AuthModule, AuditModule],
  providers: [GroupsRepository, AccessService, GroupsService, GroupsResolver],
  exports: [GroupsRepository, AccessService, GroupsService],
})
export class GroupsModule {}
