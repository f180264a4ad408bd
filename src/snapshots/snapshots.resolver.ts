import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Application } from '../applications/application';
import { ApplicationModel } from '../applications/applications.models';
import { pageSize } from '../applications/applications.resolver';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import type { Snapshot, StoredScan } from './snapshot';
import { RequirementsSnapshotModel, SnapshotFileModel, SnapshotScanModel, SubmitRequirementsInput } from './snapshots.models';
import { SnapshotsService } from './snapshots.service';

/** `submitRequirements`, and an application's snapshots. */
@Resolver(() => ApplicationModel)
export class ApplicationSnapshotsResolver {
  constructor(private readonly service: SnapshotsService) {}

  @ResolveField(() => RequirementsSnapshotModel, { nullable: true })
  latestSnapshot(@Parent() app: Application, @Context() context: LoaderContext): Promise<Snapshot | null> | null {
    if (!app.latestSnapshotId) return null;
    return loaderFor(context, 'snapshotsById', () => new BatchLoader((ids: string[]) => this.service.byIds(ids), null as Snapshot | null)).load(app.latestSnapshotId);
  }

  @ResolveField(() => [RequirementsSnapshotModel], { description: 'Snapshots, most recently submitted first.' })
  snapshots(@Parent() app: Application, @Args('first', { type: () => Int, defaultValue: 20 }) first: number): Promise<Snapshot[]> {
    return this.service.history(app.id, pageSize(first, 100));
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
