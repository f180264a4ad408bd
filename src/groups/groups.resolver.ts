import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import {
  CreateGroupInput,
  GroupConnectionModel,
  GroupMemberModel,
  GroupMembershipInput,
  GroupModel,
  GroupsArgs,
  ManagedDepartmentsModel,
} from './groups.models';
import { BY_SLUG, groupsCursor, GroupsService } from './groups.service';

@Resolver(() => GroupModel)
export class GroupsResolver {
  constructor(private readonly groups: GroupsService) {}

  @Query(() => GroupConnectionModel, { name: 'groups', description: 'Groups by slug: admins and managers see every group; others the groups they belong to.' })
  @RequireSignIn()
  groupsList(@CurrentPrincipal() principal: Principal, @Args() args: GroupsArgs): Promise<Connection<GroupModel>> {
    return pagedConnection(
      args,
      { codec: groupsCursor, order: BY_SLUG },
      (request) => this.groups.listGroups(principal, args.search || null, request),
      (group) => [group.slug],
      (group) => group,
    );
  }

  @ResolveField(() => [GroupMemberModel])
  members(@Parent() group: GroupModel): Promise<GroupMemberModel[]> {
    return this.groups.members(group.id);
  }

  @Mutation(() => GroupModel)
  @RequireRoles(Role.ADMIN)
  createGroup(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateGroupInput): Promise<GroupModel> {
    return this.groups.createGroup(principal, input);
  }

  @Mutation(() => GroupModel, { description: 'Adds a member or changes their role (group owners and admins).' })
  @RequireSignIn()
  setGroupMember(@CurrentPrincipal() principal: Principal, @Args('input') input: GroupMembershipInput): Promise<GroupModel> {
    return this.groups.setMember(principal, input);
  }

  @Mutation(() => GroupModel, { description: 'Removes a member (group owners and admins); a group keeps at least one owner.' })
  @RequireSignIn()
  removeGroupMember(@CurrentPrincipal() principal: Principal, @Args('group') group: string, @Args('email') email: string): Promise<GroupModel> {
    return this.groups.removeMember(principal, { group, email });
  }

  @Mutation(() => ManagedDepartmentsModel, {
    description: 'Sets the departments a manager oversees: some departments, or every department with allDepartments: true.',
  })
  @RequireRoles(Role.ADMIN)
  setManagedDepartments(
    @Args('email') email: string,
    @Args('departments', { type: () => [String], nullable: true, description: 'At least one; not blank.' }) departments: string[] | null,
    @Args('allDepartments', { type: () => Boolean, defaultValue: false, description: 'Oversee every department (give no departments then).' })
    allDepartments: boolean,
  ): Promise<ManagedDepartmentsModel> {
    return this.groups.setManagedDepartments(email, departments, allDepartments);
  }
}
