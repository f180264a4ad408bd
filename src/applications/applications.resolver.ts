import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { withPrefetched } from '../common/graphql/prefetched-fields';
import { selectedFieldNames, selectsPath } from '../common/graphql/selection';
import type { GroupEntity } from '../groups/group.entity';
import { GroupsRepository } from '../groups/groups.repository';
import { GroupModel } from '../groups/groups.models';
import type { Application } from './application';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import {
  ApplicationConnectionModel,
  ApplicationModel,
  ApplicationsArgs,
  ApplicationSortField,
  CreateApplicationInput,
  SortDirection,
  UpdateApplicationInput,
} from './applications.models';
import type { ApplicationNode } from './applications.repository';
import { applicationsCursor, ApplicationsService } from './applications.service';

/** The request's loaders of owning groups and of what runs now (the deployments module resolves that field). */
export const GROUPS_BY_ID = 'groupsById';
export const CURRENT_DEPLOYMENTS = 'currentDeployments';

@Resolver(() => ApplicationModel)
export class ApplicationsResolver {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly groups: GroupsRepository,
  ) {}

  @Query(() => ApplicationModel, { nullable: true, description: 'An application you can see, by slug.' })
  @RequireSignIn()
  async application(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string): Promise<Application | null> {
    try {
      return (await this.applications.getReadable(principal, slug)).app;
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  @Query(() => ApplicationConnectionModel, { name: 'applications', description: 'Applications you can see, filtered, sorted and paged.' })
  @RequireSignIn()
  async applicationsList(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ApplicationsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ApplicationNode>> {
    const sort = args.orderBy?.field ?? ApplicationSortField.SLUG;
    const direction = args.orderBy?.direction ?? SortDirection.ASC;
    const query = { ...(args.filter ?? {}), includeArchived: args.filter?.includeArchived ?? false, sort, descending: direction === SortDirection.DESC };
    // What the page's nodes ask for is read with the page (one statement, not one more per field);
    // owning groups and deployments come as plain values, not through their field resolvers.
    const node = ['edges', 'node'];
    const selection = {
      node: selectedFieldNames(info, node),
      owningGroup: selectsPath(info, [...node, 'owningGroup']) ? selectedFieldNames(info, [...node, 'owningGroup']) : null,
      currentDeployments: selectsPath(info, [...node, 'deployments']) ? selectedFieldNames(info, [...node, 'deployments']) : null,
    };
    return pagedConnection(
      args,
      { codec: applicationsCursor, order: `${sort} ${direction}` },
      (request) => this.applications.list(principal, query, request, selection),
      (item) => [item.sortValue, item.application.id],
      (item) =>
        item.owningGroup === undefined && item.currentDeployments === undefined
          ? item.application
          : withPrefetched(item.application, {
              ...(item.owningGroup ? { owningGroup: item.owningGroup } : {}),
              ...(item.currentDeployments ? { deployments: item.currentDeployments } : {}),
            }),
    );
  }

  @ResolveField(() => GroupModel)
  owningGroup(@Parent() app: Application, @Context() context: LoaderContext): Promise<GroupEntity> {
    return loaderFor(
      context,
      GROUPS_BY_ID,
      () => new BatchLoader(async (ids: string[]) => new Map((await this.groups.findByIds(ids)).map((group) => [group.id, group])), null as never),
    ).load(app.owningGroupId);
  }

  @Mutation(() => ApplicationModel, { description: 'Needs the DEVELOPER role and membership of the owning group (or ADMIN).' })
  @RequireSignIn()
  createApplication(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateApplicationInput): Promise<Application> {
    return this.applications.create(principal, input);
  }

  @Mutation(() => ApplicationModel, { description: 'Fields left out keep their value. Members of the owning group and admins.' })
  @RequireSignIn()
  updateApplication(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateApplicationInput): Promise<Application> {
    return this.applications.update(principal, input);
  }

  @Mutation(() => ApplicationModel, { description: 'Archived applications are kept but hidden from lists and impact by default.' })
  @RequireSignIn()
  archiveApplication(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string): Promise<Application> {
    return this.applications.setArchived(principal, slug, true);
  }

  @Mutation(() => ApplicationModel)
  @RequireSignIn()
  unarchiveApplication(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string): Promise<Application> {
    return this.applications.setArchived(principal, slug, false);
  }

  @Mutation(() => ApplicationModel, { description: 'Hands the application to another group (owners of the current group and admins).' })
  @RequireSignIn()
  transferApplication(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string, @Args('toGroup') toGroup: string): Promise<Application> {
    return this.applications.transfer(principal, slug, toGroup);
  }
}
