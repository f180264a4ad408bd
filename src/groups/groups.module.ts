import { Module } from '@nestjs/common';
import { AccessService } from './access.service';
import { GroupsResolver } from './groups.resolver';
import { GroupsService } from './groups.service';

@Module({
  providers: [AccessService, GroupsService, GroupsResolver],
  exports: [AccessService, GroupsService],
})
export class GroupsModule {}
