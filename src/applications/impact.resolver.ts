import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { ReleasesService } from '../releases/releases.service';
import type { FindingModel, SeverityEnum } from '../scanning/scan.models';
import { DeploymentsService } from './deployments.service';
import { AppReadinessModel, ImpactFilterEnum, ReleaseImpactModel, type ApplicationImpactModel } from './impact.models';
import { ImpactService, type ApplicationImpact } from './impact.service';

function toImpactModel(impact: ApplicationImpact): ApplicationImpactModel {
  return {
    application: impact.application as ApplicationImpactModel['application'],
    snapshotCommit: impact.snapshotCommit,
    scanned: impact.result !== null,
    errorCount: impact.result?.errorCount ?? 0,
    warningCount: impact.result?.warningCount ?? 0,
    findings: (impact.result?.findings ?? []) as FindingModel[],
  };
}

@Resolver()
export class ImpactResolver {
  constructor(
    private readonly impact: ImpactService,
    private readonly releases: ReleasesService,
    private readonly deployments: DeploymentsService,
  ) {}

  @Query(() => ReleaseImpactModel, {
    description: "Every active application's latest requirements scanned against a release (drafts for admins). Managers see their departments.",
  })
  @RequireRoles(Role.ADMIN, Role.MANAGER)
  async releaseImpact(
    @CurrentPrincipal() principal: Principal,
    @Args('version') version: string,
    @Args('first', { type: () => Int, defaultValue: 50, description: 'Applications per page, 1 to 500.' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'endCursor of the previous page.' }) after: string | null,
    @Args('only', { type: () => ImpactFilterEnum, defaultValue: ImpactFilterEnum.ALL }) only: ImpactFilterEnum,
    @Args('includeArchived', { defaultValue: false }) includeArchived: boolean,
  ): Promise<ReleaseImpactModel> {
    const report = await this.impact.releaseImpact(principal, { version, first, after, only, includeArchived });
    return {
      release: await this.releases.viewOf(report.release),
      totalApplications: report.totalApplications,
      scannedApplications: report.scannedApplications,
      applicationsWithoutSnapshot: report.applicationsWithoutSnapshot,
      applicationsWithErrors: report.erroredApplications.length,
      applicationsWithWarnings: report.warnedApplications,
      erroredApplications: report.erroredApplications,
      countsByCode: report.countsByCode.map((count) => ({ ...count, severity: count.severity as SeverityEnum })),
      cachedResults: report.fromCache,
      applications: {
        nodes: report.page.map(toImpactModel),
        totalCount: report.totalMatching,
        hasNextPage: report.hasNextPage,
        endCursor: report.endCursor,
      },
    };
  }

  @Query(() => AppReadinessModel, { description: 'Can this application move to the target release? Lists the blockers.' })
  @RequireSignIn()
  async appReadiness(
    @CurrentPrincipal() principal: Principal,
    @Args('application') application: string,
    @Args('target') target: string,
  ): Promise<AppReadinessModel> {
    const readiness = await this.impact.appReadiness(principal, application, target);
    const impact = toImpactModel(readiness);
    const current = await this.deployments.currentFor([readiness.application.id]);
    return {
      application: impact.application,
      target: await this.releases.viewOf(readiness.release),
      ready: impact.scanned && impact.errorCount === 0,
      snapshotCommit: impact.snapshotCommit,
      blockers: impact.findings.filter((finding) => finding.severity === ('ERROR' as SeverityEnum)),
      findings: impact.findings,
      currentDeployments: (current.get(readiness.application.id) ?? []) as unknown as AppReadinessModel['currentDeployments'],
    };
  }
}
