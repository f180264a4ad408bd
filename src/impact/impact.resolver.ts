import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRoles, RequireSignIn } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { toConnection } from '../common/graphql/connection';
import { ReleasesService } from '../releases/releases.service';
import { DeploymentsService } from '../deployments/deployments.service';
import { AppReadinessModel, ReleaseImpactArgs, ReleaseImpactModel, type ApplicationImpactModel } from './impact.models';
import { BY_SLUG, ImpactService, releaseImpactCursor, type ApplicationImpact } from './impact.service';

function toImpactModel(impact: ApplicationImpact): ApplicationImpactModel {
  return {
    application: impact.application,
    snapshotCommit: impact.snapshotCommit,
    scanned: impact.result !== null,
    errorCount: impact.result?.errorCount ?? 0,
    warningCount: impact.result?.warningCount ?? 0,
    findings: impact.result?.findings ?? [],
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
  async releaseImpact(@CurrentPrincipal() principal: Principal, @Args() args: ReleaseImpactArgs): Promise<ReleaseImpactModel> {
    const request = { first: args.first, after: releaseImpactCursor.decode(args.after, BY_SLUG) };
    const report = await this.impact.releaseImpact(principal, args, request);
    return {
      release: await this.releases.viewOf(report.release),
      totalApplications: report.totalApplications,
      scannedApplications: report.scannedApplications,
      applicationsWithoutSnapshot: report.applicationsWithoutSnapshot,
      applicationsWithErrors: report.erroredApplications.length,
      applicationsWithWarnings: report.warnedApplications,
      erroredApplications: report.erroredApplications,
      countsByCode: report.countsByCode,
      cachedResults: report.fromCache,
      applications: toConnection(report.applications, (impact) => releaseImpactCursor.encode(BY_SLUG, [impact.application.slug]), toImpactModel),
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
      blockers: impact.findings.filter((finding) => finding.severity === 'ERROR'),
      findings: impact.findings,
      currentDeployments: current.get(readiness.application.id) ?? [],
    };
  }
}
