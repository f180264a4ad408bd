import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Application } from '../applications/application';
import { ApplicationModel } from '../applications/applications.models';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NEWEST_FIRST } from '../common/database/newest-first-page';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import type { Snapshot, StoredScan } from './snapshot';
import {
  RequirementsSnapshotConnectionModel,
  RequirementsSnapshotModel,
  SnapshotFileModel,
  SnapshotHistoryArgs,
  SnapshotScanModel,
  SubmitRequirementsInput,
} from './snapshots.models';
import { snapshotHistoryCursor, SnapshotsService } from './snapshots.service';

/** `submitRequirements`, and an application's snapshots. */
@Resolver(() => ApplicationModel)
export class ApplicationSnapshotsResolver {
  constructor(private readonly service: SnapshotsService) {}

  @ResolveField(() => RequirementsSnapshotModel, { nullable: true })
  latestSnapshot(@Parent() app: Application, @Context() context: LoaderContext): Promise<Snapshot | null> | null {
    if (!app.latestSnapshotId) return null;
    return loaderFor(context, 'snapshotsById', () => new BatchLoader((ids: string[]) => this.service.byIds(ids), null as Snapshot | null)).load(
      app.latestSnapshotId,
    );
  }

  @ResolveField(() => RequirementsSnapshotConnectionModel, { description: 'Snapshots, most recently submitted first.' })
  snapshots(@Parent() app: Application, @Args() args: SnapshotHistoryArgs): Promise<Connection<Snapshot>> {
    return pagedConnection(
      args,
      { codec: snapshotHistoryCursor, order: NEWEST_FIRST, parent: app.id },
      (request) => this.service.history(app.id, request),
      (entry) => entry.cursorKey,
      (entry) => entry.snapshot,
    );
  }

  @Mutation(() => RequirementsSnapshotModel, {
    description: "Stores the application's requirements files at a commit and scans them against every runtime it runs on.",
  })
  @RequireSignIn()
  async submitRequirements(@CurrentPrincipal() principal: Principal, @Args('input') input: SubmitRequirementsInput): Promise<Snapshot> {
    return (await this.service.submit(principal, input)).snapshot;
  }
}

@Resolver(() => RequirementsSnapshotModel)
export class SnapshotFieldsResolver {
  constructor(private readonly snapshots: SnapshotsService) {}

  @ResolveField(() => [SnapshotFileModel])
  async files(@Parent() snapshot: Snapshot): Promise<SnapshotFileModel[]> {
    const contents = new Map((await this.snapshots.filesOf(snapshot.id)).map((file) => [file.path, file.content]));
    return snapshot.files.map((file) => {
      const content = contents.get(file.path) ?? '';
      return { path: file.path, sha256: file.sha256, content, bytes: Buffer.byteLength(content, 'utf8') };
    });
  }

  @ResolveField(() => [SnapshotScanModel], { description: 'Stored scans against the runtimes the application runs on.' })
  scans(@Parent() snapshot: Snapshot, @Context() context: LoaderContext): Promise<StoredScan[]> {
    return loaderFor(context, 'snapshotScans', () => new BatchLoader((ids: string[]) => this.snapshots.scansOf(ids), [] as StoredScan[])).load(snapshot.id);
  }
}
