import { Args, Context, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import { GroupModel } from '../groups/groups.models';
import { RuntimeReleaseModel } from '../releases/release.models';
import { ReleasesService } from '../releases/releases.service';
import { EnvironmentEnum } from '../releases/rollout.models';
import type { FindingModel } from '../scanning/scan.models';
import {
  ApplicationConnectionModel,
  ApplicationModel,
  ApplicationsArgs,
  ApplicationSortField,
  SortDirection,
  CreateApplicationInput,
  DeploymentModel,
  RecordDeploymentInput,
  RequirementsSnapshotModel,
  SnapshotFileModel,
  SnapshotScanModel,
  SubmitRequirementsInput,
  UpdateApplicationInput,
} from './applications.models';
import { applicationsCursor, ApplicationsService, toApplication, type ApplicationRecord } from './applications.service';
import { DeploymentsService, type DeploymentRecord } from './deployments.service';
import { SnapshotsService, type StoredScanRow } from './snapshots.service';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';

function pageSize(first: number, max = 200): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badInput('first', `first must be from 1 to ${max}`);
  return first;
}

@Resolver(() => ApplicationModel)
export class ApplicationsResolver {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly deploymentService: DeploymentsService,
    private readonly snapshotService: SnapshotsService,
  ) {}

  @Query(() => ApplicationModel, { nullable: true, description: 'An application you can see, by slug.' })
  @RequireSignIn()
  async application(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string): Promise<ApplicationRecord | null> {
    try {
      return toApplication((await this.applications.getReadable(principal, slug)).row);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  @Query(() => ApplicationConnectionModel, { name: 'applications', description: 'Applications you can see, filtered, sorted and paged.' })
  @RequireSignIn()
  async applicationsList(@CurrentPrincipal() principal: Principal, @Args() args: ApplicationsArgs): Promise<Connection<ApplicationRecord>> {
    const sort = args.orderBy?.field ?? ApplicationSortField.SLUG;
    const direction = args.orderBy?.direction ?? SortDirection.ASC;
    const query = { ...(args.filter ?? {}), includeArchived: args.filter?.includeArchived ?? false, sort, direction };
    return pagedConnection(
      args,
      { codec: applicationsCursor, order: `${sort} ${direction}` },
      (request) => this.applications.list(principal, query, request),
      (item) => [item.sortValue, item.application.id],
      (item) => item.application,
    );
  }

  @ResolveField(() => GroupModel)
  owningGroup(@Parent() app: ApplicationRecord, @Context() context: LoaderContext): Promise<GroupModel> {
    return loaderFor(context, 'groupsById', () => new BatchLoader((ids: string[]) => this.applications.groupsById(ids), null as never)).load(
      app.owningGroupId,
    );
  }

  @ResolveField(() => [DeploymentModel], { description: 'What runs in each environment now, TEST to PROD.' })
  deployments(@Parent() app: ApplicationRecord, @Context() context: LoaderContext): Promise<DeploymentRecord[]> {
    return loaderFor(context, 'currentDeployments', () => new BatchLoader((ids: string[]) => this.deploymentService.currentFor(ids), [])).load(app.id);
  }

  @ResolveField(() => [DeploymentModel], { description: 'Every recorded deployment, newest first.' })
  deploymentHistory(
    @Parent() app: ApplicationRecord,
    @Args('environment', { type: () => EnvironmentEnum, nullable: true }) environment: EnvironmentEnum | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<DeploymentRecord[]> {
    return this.deploymentService.history(app.id, environment, pageSize(first));
  }

  @ResolveField(() => RequirementsSnapshotModel, { nullable: true })
  latestSnapshot(@Parent() app: ApplicationRecord, @Context() context: LoaderContext) {
    if (!app.latestSnapshotId) return null;
    return loaderFor(context, 'snapshotsById', () => new BatchLoader((ids: string[]) => this.snapshotService.byIds(ids), null)).load(app.latestSnapshotId);
  }

  @ResolveField(() => [RequirementsSnapshotModel], { description: 'Snapshots, most recently submitted first.' })
  snapshots(@Parent() app: ApplicationRecord, @Args('first', { type: () => Int, defaultValue: 20 }) first: number) {
    return this.snapshotService.history(app.id, pageSize(first, 100));
  }

  @Mutation(() => ApplicationModel, { description: 'Needs the DEVELOPER role and membership of the owning group (or ADMIN).' })
  @RequireSignIn()
  createApplication(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateApplicationInput): Promise<ApplicationRecord> {
    return this.applications.create(principal, input);
  }

  @Mutation(() => ApplicationModel, { description: 'Fields left out keep their value. Members of the owning group and admins.' })
  @RequireSignIn()
  updateApplication(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdateApplicationInput): Promise<ApplicationRecord> {
    return this.applications.update(principal, input);
  }

  @Mutation(() => ApplicationModel, { description: 'Archived applications are kept but hidden from lists and impact by default.' })
  @RequireSignIn()
  archiveApplication(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string): Promise<ApplicationRecord> {
    return this.applications.setArchived(principal, slug, true);
  }

  @Mutation(() => ApplicationModel)
  @RequireSignIn()
  unarchiveApplication(@CurrentPrincipal() principal: Principal, @Args('slug') slug: string): Promise<ApplicationRecord> {
    return this.applications.setArchived(principal, slug, false);
  }

  @Mutation(() => ApplicationModel, { description: 'Hands the application to another group (owners of the current group and admins).' })
  @RequireSignIn()
  transferApplication(
    @CurrentPrincipal() principal: Principal,
    @Args('slug') slug: string,
    @Args('toGroup') toGroup: string,
  ): Promise<ApplicationRecord> {
    return this.applications.transfer(principal, slug, toGroup);
  }

  @Mutation(() => DeploymentModel, {
    description:
      'Records a deployment. Refused for a release at end of life or an environment its rollout has not reached, unless an admin gives overrideReason.',
  })
  @RequireSignIn()
  recordDeployment(@CurrentPrincipal() principal: Principal, @Args('input') input: RecordDeploymentInput): Promise<DeploymentRecord> {
    return this.deploymentService.record(principal, input);
  }

  @Mutation(() => RequirementsSnapshotModel, {
    description: "Stores the application's requirements files at a commit and scans them against every runtime it runs on.",
  })
  @RequireSignIn()
  async submitRequirements(@CurrentPrincipal() principal: Principal, @Args('input') input: SubmitRequirementsInput) {
    return (await this.snapshotService.submit(principal, input)).snapshot;
  }
}

@Resolver(() => DeploymentModel)
export class DeploymentFieldsResolver {
  constructor(private readonly releases: ReleasesService) {}

  @ResolveField(() => RuntimeReleaseModel, { nullable: true })
  runtime(@Parent() deployment: DeploymentRecord) {
    return this.releases.getRelease(null, deployment.runtimeVersion);
  }
}

@Resolver(() => RequirementsSnapshotModel)
export class SnapshotFieldsResolver {
  constructor(private readonly snapshotService: SnapshotsService) {}

  @ResolveField(() => [SnapshotFileModel])
  async files(@Parent() snapshot: { id: string; files: Array<{ path: string; sha256: string }> }): Promise<SnapshotFileModel[]> {
    const contents = new Map((await this.snapshotService.filesOf(snapshot.id)).map((file) => [file.path, file.content]));
    return snapshot.files.map((file) => {
      const content = contents.get(file.path) ?? '';
      return { path: file.path, sha256: file.sha256, content, bytes: Buffer.byteLength(content, 'utf8') };
    });
  }

  @ResolveField(() => [SnapshotScanModel], { description: 'Stored scans against the runtimes the application runs on.' })
  async scans(@Parent() snapshot: { id: string }, @Context() context: LoaderContext): Promise<SnapshotScanModel[]> {
    const rows = await loaderFor(context, 'snapshotScans', () => new BatchLoader((ids: string[]) => this.snapshotService.scansOf(ids), [] as StoredScanRow[])).load(
      snapshot.id,
    );
    return rows.map((row) => ({ ...row, environments: row.environments as EnvironmentEnum[], findings: row.findings as FindingModel[] }));
  }
}
