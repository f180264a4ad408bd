import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isAdmin, type Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import { badInput, forbidden } from '../common/errors/domain-error';
import { ReleasesService } from '../releases/releases.service';
import { RolloutService } from '../releases/rollout.service';
import { normalizeCommit } from './application-fields';
import { ApplicationsService } from './applications.service';
import { applicationSubject, InventoryAuditRecorder } from '../inventory-audit/inventory-audit.recorder';
import { deploymentAuditFields } from '../inventory-audit/utils/deployment-audit-fields';
import { checkDeployment } from './deployment-policy';
import { SnapshotsService } from './snapshots.service';

/** Clocks of CI runners drift; a deployment a few minutes "in the future" is still a real one. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface DeploymentRecord {
  id: string;
  applicationId: string;
  environment: string;
  releaseId: string;
  runtimeVersion: string;
  commit: string;
  deployedAt: Date;
  recordedBy: string;
  overrideReason: string | null;
}

interface DeploymentRow {
  id: string;
  application_id: string;
  environment: string;
  release_id: string;
  version: string;
  commit_sha: string;
  deployed_at: Date;
  recorded_by: string;
  override_reason: string | null;
}

const toDeployment = (row: DeploymentRow): DeploymentRecord => ({
  id: row.id,
  applicationId: row.application_id,
  environment: row.environment,
  releaseId: row.release_id,
  runtimeVersion: row.version,
  commit: row.commit_sha,
  deployedAt: row.deployed_at,
  recordedBy: row.recorded_by,
  overrideReason: row.override_reason,
});

const DEPLOYMENT_COLUMNS = `d.id, d.application_id, d.environment, d.release_id, r.version, d.commit_sha, d.deployed_at, d.recorded_by, d.override_reason`;

@Injectable()
export class DeploymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly snapshots: SnapshotsService,
    private readonly releases: ReleasesService,
    private readonly rollout: RolloutService,
    private readonly clock: Clock,
    private readonly audit: InventoryAuditRecorder,
  ) {}

  async record(
    principal: Principal,
    input: { application: string; environment: string; runtime: string; commit: string; deployedAt?: Date | null; overrideReason?: string | null },
  ): Promise<DeploymentRecord> {
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
    // Who may deploy is settled before the catalog is consulted: an outsider hears FORBIDDEN and an
    // unknown application NOT_FOUND, not a staged-deprecation refusal that suggests asking an admin.
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
        throw badInput('runtime', `${refusals.map((refusal) => refusal.message).join('; ')}${isAdmin(principal) ? '; give overrideReason to record it anyway' : '; ask an admin to record it with an override'}`, {
          refusals: refusals.map((refusal) => refusal.code),
        });
      }
      const appliedOverride = refusals.length > 0 ? overrideReason : null;
      const [inserted] = (await manager.query(
        `INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by, override_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [app.id, input.environment, release.id, commit, deployedAt, principal.label, appliedOverride],
      )) as { id: string }[];
      // The deployment history holds the rest; the audit log says who recorded it and which rules an override set aside.
      await this.audit.record(manager, principal, [
        {
          ...applicationSubject(app),
          action: 'DEPLOYMENT_RECORDED',
          after: {
            deploymentId: inserted.id,
            ...deploymentAuditFields({ environment: input.environment, runtime: release.version, commit, deployedAt }),
            ...(appliedOverride === null ? {} : { overriddenRefusals: refusals.map((refusal) => refusal.code) }),
          },
          reason: appliedOverride,
        },
      ]);
      // The newest deployment by deployedAt is what runs; an older one recorded late only adds history.
      await manager.query(
        `INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (application_id, environment) DO UPDATE
           SET deployment_id = EXCLUDED.deployment_id, release_id = EXCLUDED.release_id, deployed_at = EXCLUDED.deployed_at
         WHERE current_deployments.deployed_at <= EXCLUDED.deployed_at`,
        [app.id, input.environment, inserted.id, release.id, deployedAt],
      );
      await manager.query('UPDATE applications SET updated_at = now() WHERE id = $1', [app.id]);
      if (app.latest_snapshot_id) await this.snapshots.ensureScans(manager, app.id, app.latest_snapshot_id);
      const [row] = (await manager.query(
        `SELECT ${DEPLOYMENT_COLUMNS} FROM deployments d JOIN runtime_releases r ON r.id = d.release_id WHERE d.id = $1`,
        [inserted.id],
      )) as DeploymentRow[];
      return toDeployment(row);
    });
  }

  /** What runs where now, for many applications at once (one query for a page of applications). */
  async currentFor(applicationIds: readonly string[]): Promise<Map<string, DeploymentRecord[]>> {
    const rows = (await this.dataSource.query(
      `SELECT ${DEPLOYMENT_COLUMNS} FROM current_deployments c
         JOIN deployments d ON d.id = c.deployment_id JOIN runtime_releases r ON r.id = d.release_id
        WHERE c.application_id = ANY($1::uuid[])
        ORDER BY array_position(ARRAY['TEST','QUAL','BETA','PROD'], c.environment)`,
      [applicationIds],
    )) as DeploymentRow[];
    const byApplication = new Map<string, DeploymentRecord[]>(applicationIds.map((id) => [id, []]));
    for (const row of rows) byApplication.get(row.application_id)?.push(toDeployment(row));
    return byApplication;
  }

  async history(applicationId: string, environment: string | null, first: number): Promise<DeploymentRecord[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${DEPLOYMENT_COLUMNS} FROM deployments d JOIN runtime_releases r ON r.id = d.release_id
        WHERE d.application_id = $1 AND ($2::text IS NULL OR d.environment = $2)
        ORDER BY d.deployed_at DESC, d.recorded_at DESC LIMIT $3`,
      [applicationId, environment, first],
    )) as DeploymentRow[];
    return rows.map(toDeployment);
  }
}
