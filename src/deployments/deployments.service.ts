import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { ApplicationFactsEvents } from '../applications/application-facts-events';
import { normalizeCommit } from '../applications/application-fields';
import { isAdmin, type Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import { badInput, forbidden } from '../common/errors/domain-error';
import { applicationSubject, AuditRecorder } from '../audit/audit.recorder';
import { deploymentAuditFields } from '../inventory-audit/utils/deployment-audit-fields';
import type { Environment } from '../calendar/environment';
import { ReleasesService } from '../releases/releases.service';
import { RolloutService } from '../releases/rollout.service';
import { SnapshotsService } from '../snapshots/snapshots.service';
import type { Deployment, DeploymentHistoryEntry, DeploymentHistoryKey } from './deployment';
import { checkDeployment } from './deployment-policy';
import { DeploymentsRepository } from './deployments.repository';
import type { NewestFirst } from '../common/database/newest-first-page';
import { cursorCodec, cursorValue } from '../common/paging/page-cursor';
import type { Page, PageRequest } from '../common/paging/page';

/** Clocks of CI runners drift; a deployment a few minutes "in the future" is still a real one. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const deploymentHistoryCursor = cursorCodec<NewestFirst, DeploymentHistoryKey>('Application.deploymentHistory', () => [
  cursorValue.timestamp,
  cursorValue.timestamp,
  cursorValue.uuid,
]);

@Injectable()
export class DeploymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deployments: DeploymentsRepository,
    private readonly applications: ApplicationsService,
    private readonly snapshots: SnapshotsService,
    private readonly releases: ReleasesService,
    private readonly rollout: RolloutService,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
    private readonly factsEvents: ApplicationFactsEvents,
  ) {}

  async record(
    principal: Principal,
    input: { application: string; environment: Environment; runtime: string; commit: string; deployedAt?: Date | null; overrideReason?: string | null },
  ): Promise<Deployment> {
    const commit = normalizeCommit(input.commit);
    const now = this.clock.now();
    const deployedAt = input.deployedAt ?? now;
    if (deployedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw badInput('deployedAt', `deployedAt ${deployedAt.toISOString()} is in the future; record deployments when they happen`);
    }
    const overrideReason = input.overrideReason?.trim() || null;
    if (overrideReason !== null && !isAdmin(principal)) {
      throw forbidden('Only admins may override the deployment rules (overrideReason)');
    }
    // Who may deploy is settled before the catalog is consulted: an outsider hears NOT_FOUND or
    // FORBIDDEN, not a staged-deprecation refusal that suggests asking an admin.
    return this.dataSource.transaction(async (manager) => {
      const app = await this.applications.getEditable(principal, input.application, manager);
      const release = await this.releases.requirePublished(input.runtime, 'runtime');
      const schedule = await this.rollout.rolloutSchedule(release.version, manager);
      const step = schedule.find((candidate) => candidate.environment === input.environment) ?? null;
      const refusals = checkDeployment({
        version: release.version,
        endOfSupport: release.endOfSupport,
        statusOnDeploymentDay: this.releases.statusAt(release, deployedAt),
        migrationTarget: release.migrationTargetVersion,
        environment: input.environment,
        deployedAt,
        rolloutReachesEnvironmentAt: step?.start ?? null,
      });
      if (refusals.length > 0 && overrideReason === null) {
        throw badInput(
          'runtime',
          `${refusals.map((refusal) => refusal.message).join('; ')}${isAdmin(principal) ? '; give overrideReason to record it anyway' : '; ask an admin to record it with an override'}`,
          {
            refusals: refusals.map((refusal) => refusal.code),
          },
        );
      }
      const appliedOverride = refusals.length > 0 ? overrideReason : null;
      const [deployment] = await this.deployments.insert(manager, [
        {
          applicationId: app.id,
          environment: input.environment,
          releaseId: release.id,
          commit,
          deployedAt,
          recordedBy: principal.label,
          overrideReason: appliedOverride,
        },
      ]);
      // The deployment history holds the rest; the audit log says who recorded it and which rules an override set aside.
      await this.audit.record(manager, principal, [
        {
          ...applicationSubject(app),
          action: 'DEPLOYMENT_RECORDED',
          after: {
            deploymentId: deployment.id,
            ...deploymentAuditFields({ environment: input.environment, runtime: release.version, commit, deployedAt }),
            ...(appliedOverride === null ? {} : { overriddenRefusals: refusals.map((refusal) => refusal.code) }),
          },
          reason: appliedOverride,
        },
      ]);
      await this.deployments.refreshCurrent(manager, [app.id]);
      await this.applications.markUpdated(manager, [app.id]);
      if (app.latestSnapshotId) await this.snapshots.ensureScans(manager, app.id, app.latestSnapshotId);
      await this.factsEvents.changed(
        {
          applicationIds: [app.id],
          kind: 'DEPLOYMENT',
          ref: deployment.id,
          description: `deployment of ${release.version} to ${input.environment} by ${principal.label}`,
          at: now,
        },
        manager,
      );
      return deployment;
    });
  }

  /** What runs where now, for many applications at once (one query for a page of applications). */
  currentFor(applicationIds: readonly string[]): Promise<Map<string, Deployment[]>> {
    return this.deployments.currentOf(applicationIds);
  }

  history(applicationId: string, environment: Environment | null, request: PageRequest<DeploymentHistoryKey>): Promise<Page<DeploymentHistoryEntry>> {
    return this.deployments.history(applicationId, environment, request);
  }
}
