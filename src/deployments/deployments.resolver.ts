import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Application } from '../applications/application';
import { ApplicationModel } from '../applications/applications.models';
import { CURRENT_DEPLOYMENTS } from '../applications/applications.resolver';
import { CurrentPrincipal, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NEWEST_FIRST } from '../common/database/newest-first-page';
import { BatchLoader, loaderFor, type LoaderContext } from '../common/graphql/batch-loader';
import { pagedConnection, type Connection } from '../common/graphql/connection';
import { Prefetchable } from '../common/graphql/prefetched-fields';
import { ReleasesService } from '../releases/releases.service';
import { RuntimeReleaseModel } from '../releases/release.models';
import type { Deployment } from './deployment';
import { DeploymentConnectionModel, DeploymentHistoryArgs, DeploymentModel, RecordDeploymentInput } from './deployments.models';
import { deploymentHistoryCursor, DeploymentsService } from './deployments.service';

/** `recordDeployment`, and an application's deployments. */
@Resolver(() => ApplicationModel)
export class ApplicationDeploymentsResolver {
  constructor(private readonly service: DeploymentsService) {}

  @ResolveField(() => [DeploymentModel], { description: 'What runs in each environment now, TEST to PROD.' })
  @Prefetchable()
  deployments(@Parent() app: Application, @Context() context: LoaderContext): Promise<Deployment[]> {
    return loaderFor(context, CURRENT_DEPLOYMENTS, () => new BatchLoader((ids: string[]) => this.service.currentFor(ids), [] as Deployment[])).load(app.id);
  }

  @ResolveField(() => DeploymentConnectionModel, { description: 'Every recorded deployment, newest deployedAt first.' })
  deploymentHistory(@Parent() app: Application, @Args() args: DeploymentHistoryArgs): Promise<Connection<Deployment>> {
    return pagedConnection(
      args,
      { codec: deploymentHistoryCursor, order: NEWEST_FIRST, parent: app.id },
      (request) => this.service.history(app.id, args.environment ?? null, request),
      (entry) => entry.cursorKey,
      (entry) => entry.deployment,
    );
  }

  @Mutation(() => DeploymentModel, {
    description:
      'Records a deployment. Refused for a release at end of life or an environment its rollout has not reached, unless an admin gives overrideReason.',
  })
  @RequireSignIn()
  recordDeployment(@CurrentPrincipal() principal: Principal, @Args('input') input: RecordDeploymentInput): Promise<Deployment> {
    return this.service.record(principal, input);
  }
}

@Resolver(() => DeploymentModel)
export class DeploymentFieldsResolver {
  constructor(private readonly releases: ReleasesService) {}

  @ResolveField(() => RuntimeReleaseModel, { nullable: true })
  runtime(@Parent() deployment: Deployment) {
    return this.releases.getRelease(null, deployment.runtimeVersion);
  }
}
