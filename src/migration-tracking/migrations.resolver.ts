import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { toConnection, type Connection } from '../common/graphql/connection';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import { RuntimeReleaseModel } from '../releases/release.models';
import { ReleasesService } from '../releases/releases.service';
import type { MigrationCursorKey, MigrationRow, MigrationSort, MigrationTransition, MigrationWaiver } from './migration';
import {
  DecideWaiverInput,
  HistoryArgs,
  MigrationBurndownModel,
  MigrationConnectionModel,
  MigrationModel,
  MigrationsArgs,
  MigrationSummaryModel,
  MigrationTransitionModel,
  OpenMigrationInput,
  ReportMigrationBlockedInput,
  RequestWaiverInput,
  RetargetMigrationInput,
  WaiverModel,
} from './migrations.models';
import { MigrationsService, type MigrationSummary } from './migrations.service';

/** One cursor shape for every order: two sort values as text and the id. */
export const migrationsCursor = cursorCodec<string, MigrationCursorKey>('migrations', () => [cursorValue.text(200), cursorValue.text(200), cursorValue.uuid]);

@Resolver(() => MigrationModel)
export class MigrationsResolver {
  constructor(
    private readonly migrations: MigrationsService,
    private readonly releases: ReleasesService,
  ) {}

  @Query(() => MigrationConnectionModel, {
    name: 'migrations',
    description: 'Migrations you can see (managers: their departments; members: their groups’ applications; admins: all), filtered, sorted and paged.',
  })
  @RequireSignIn()
  async migrationsList(@CurrentPrincipal() principal: Principal, @Args() args: MigrationsArgs): Promise<Connection<MigrationRow>> {
    const sort: MigrationSort = args.orderBy?.field ?? 'DEADLINE';
    const descending = args.orderBy?.direction === 'DESC';
    const order = `${sort}:${descending ? 'DESC' : 'ASC'}`;
    const after = migrationsCursor.decode(args.after, order);
    const query = await this.migrations.queryFor(principal, args.filter ?? {});
    const page = await this.migrations.list(query, { sort, descending }, { first: args.first, after });
    return toConnection(
      { items: page.rows, hasNextPage: page.hasNextPage, hasPreviousPage: after !== null, totalCount: page.totalCount },
      (row) => migrationsCursor.encode(order, row.key),
      (row) => row,
    );
  }

  @Query(() => MigrationSummaryModel, { description: 'Counts by status and by risk of a release’s migrations you can see, in one department or all.' })
  @RequireSignIn()
  migrationSummary(
    @CurrentPrincipal() principal: Principal,
    @Args('release') release: string,
    @Args('department', { type: () => String, nullable: true }) department: string | null,
  ): Promise<MigrationSummary> {
    return this.migrations.summary(principal, release, department);
  }

  @Query(() => MigrationBurndownModel, { description: 'Remaining migrations per week from the notice start, from the recorded transitions, with a forecast.' })
  @RequireSignIn()
  migrationBurndown(
    @CurrentPrincipal() principal: Principal,
    @Args('release') release: string,
    @Args('department', { type: () => String, nullable: true }) department: string | null,
  ): Promise<MigrationBurndownModel> {
    return this.migrations.burndown(principal, release, department);
  }

  @ResolveField(() => RuntimeReleaseModel, { name: 'from', description: 'The release the application moves off.' })
  async from(@Parent() row: MigrationRow): Promise<RuntimeReleaseModel> {
    return (await this.releases.getRelease(null, row.sourceVersion))!;
  }

  @ResolveField(() => RuntimeReleaseModel, { name: 'to', description: 'The target release.' })
  async to(@Parent() row: MigrationRow): Promise<RuntimeReleaseModel> {
    return (await this.releases.getRelease(null, row.targetVersion))!;
  }

  @ResolveField(() => WaiverModel, { nullable: true, description: 'The latest waiver requested, whatever its status.' })
  waiver(@Parent() row: MigrationRow, @Context() context: LoaderContext): Promise<MigrationWaiver | null> {
    return loaderFor(
      context,
      'migrationWaivers',
      () => new BatchLoader((ids: string[]) => this.migrations.latestWaivers(ids), null as MigrationWaiver | null),
    ).load(row.id);
  }

  @ResolveField(() => [MigrationTransitionModel], { description: 'Every status it went through, with when and why (the `latest` ones, oldest first).' })
  history(@Parent() row: MigrationRow, @Args() args: HistoryArgs, @Context() context: LoaderContext): Promise<MigrationTransition[]> {
    return loaderFor(
      context,
      `migrationHistory:${args.latest}`,
      () => new BatchLoader((ids: string[]) => this.migrations.histories(ids, args.latest), [] as MigrationTransition[]),
    ).load(row.id);
  }

  @Mutation(() => MigrationModel, { description: 'Opens a migration by hand (admins and members of the owning group).' })
  @RequireSignIn()
  async openMigration(@CurrentPrincipal() principal: Principal, @Args('input') input: OpenMigrationInput): Promise<MigrationRow> {
    return this.migrations.row(await this.migrations.openByHand(principal, input));
  }

  @Mutation(() => MigrationModel, { description: 'Points the migration at another release: newer than the source, published, not at end of life.' })
  @RequireSignIn()
  async retargetMigration(@CurrentPrincipal() principal: Principal, @Args('input') input: RetargetMigrationInput): Promise<MigrationRow> {
    return this.migrations.row(await this.migrations.retarget(principal, input));
  }

  @Mutation(() => MigrationModel, { description: 'A member says work on the migration started (this also lifts a block they declared).' })
  @RequireSignIn()
  async startMigrationWork(@CurrentPrincipal() principal: Principal, @Args('migration', { type: () => ID }) migration: string): Promise<MigrationRow> {
    return this.migrations.row(await this.migrations.declare(principal, { migration, kind: 'STARTED' }));
  }

  @Mutation(() => MigrationModel, { description: 'A member says the migration is blocked, and why.' })
  @RequireSignIn()
  async reportMigrationBlocked(@CurrentPrincipal() principal: Principal, @Args('input') input: ReportMigrationBlockedInput): Promise<MigrationRow> {
    return this.migrations.row(await this.migrations.declare(principal, { migration: input.migration, kind: 'BLOCKED', reason: input.reason }));
  }

  @Mutation(() => WaiverModel, { description: 'A member of the owning group asks to keep the application on the source until expiresOn.' })
  @RequireSignIn()
  requestWaiver(@CurrentPrincipal() principal: Principal, @Args('input') input: RequestWaiverInput): Promise<MigrationWaiver> {
    return this.migrations.requestWaiver(principal, input);
  }

  @Mutation(() => WaiverModel, { description: 'An admin approves or rejects a pending waiver, with a reason; never their own request.' })
  @RequireRoles(Role.ADMIN)
  decideWaiver(@CurrentPrincipal() principal: Principal, @Args('input') input: DecideWaiverInput): Promise<MigrationWaiver> {
    return this.migrations.decideWaiver(principal, input);
  }
}
