import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ENVIRONMENTS } from '../calendar/environment';
import type { Deployment, NewDeployment } from './deployment';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import type { DeploymentHistoryEntry, DeploymentHistoryKey } from './deployment';

/** The columns of a `Deployment`, named as the domain type names them (`d` deployments, `r` its release). */
const COLUMNS = `d.id, d.application_id AS "applicationId", d.environment, d.release_id AS "releaseId", r.version AS "runtimeVersion",
  d.commit_sha AS commit, d.deployed_at AS "deployedAt", d.recorded_by AS "recordedBy", d.override_reason AS "overrideReason"`;

/** Deployment fields read only when a query asks for them; the last three only the history row holds. */
const ASKED_FOR_FIELDS: Record<string, string> = {
  deployedAt: 'c.deployed_at',
  commit: 'd.commit_sha',
  recordedBy: 'd.recorded_by',
  overrideReason: 'd.override_reason',
};
const NEEDS_HISTORY = ['commit', 'recordedBy', 'overrideReason'];

/**
 * What runs now in each environment of the applications whose ids `applicationIds` (an SQL
 * expression of a uuid[]) yields, as one JSON array ordered by application, then TEST to PROD:
 * for a page query that reads its nodes' deployments in the same statement. id, application,
 * environment, release and runtime version are always read; the other fields only when `fields`
 * (the Deployment fields the query asks for) holds them, and the history row only for those it holds.
 */
export function currentDeploymentsJson(applicationIds: string, fields: ReadonlySet<string>): string {
  const asked = Object.entries(ASKED_FOR_FIELDS).filter(([field]) => fields.has(field));
  const history = NEEDS_HISTORY.some((field) => fields.has(field)) ? ' JOIN deployments d ON d.id = c.deployment_id' : '';
  return `(SELECT json_agg(json_build_object('id', c.deployment_id, 'applicationId', c.application_id, 'environment', c.environment,
      'releaseId', c.release_id, 'runtimeVersion', r.version${asked.map(([field, column]) => `, '${field}', ${column}`).join('')})
      ORDER BY c.application_id, array_position(ARRAY['${ENVIRONMENTS.join("','")}'], c.environment))
     FROM current_deployments c JOIN runtime_releases r ON r.id = c.release_id${history}
    WHERE c.application_id = ANY(${applicationIds}))`;
}

type AskedForField = 'deployedAt' | 'commit' | 'recordedBy' | 'overrideReason';
/** A deployment as a page reads it: the fields of ASKED_FOR_FIELDS only when they were asked for. */
export type CurrentDeployment = Omit<Deployment, AskedForField> & Partial<Pick<Deployment, AskedForField>>;
/** The same, as JSON brings it (no instants: deployedAt comes as text). */
export type CurrentDeploymentJson = Omit<CurrentDeployment, 'deployedAt'> & { deployedAt?: string };

/** The deployments `currentDeploymentsJson` read, by application. */
export function currentDeploymentsByApplication(rows: readonly CurrentDeploymentJson[] | null): Map<string, CurrentDeployment[]> {
  const byApplication = new Map<string, CurrentDeployment[]>();
  for (const row of rows ?? []) {
    const deployment = (row.deployedAt === undefined ? row : { ...row, deployedAt: new Date(row.deployedAt) }) as CurrentDeployment;
    const list = byApplication.get(row.applicationId);
    if (list) list.push(deployment);
    else byApplication.set(row.applicationId, [deployment]);
  }
  return byApplication;
}

/** The deployments to write, as one JSON parameter. */
const rowsOf = (deployments: readonly NewDeployment[]) =>
  JSON.stringify(
    deployments.map((deployment) => ({
      application_id: deployment.applicationId,
      environment: deployment.environment,
      release_id: deployment.releaseId,
      commit_sha: deployment.commit,
      deployed_at: deployment.deployedAt.toISOString(),
      recorded_by: deployment.recordedBy,
      override_reason: deployment.overrideReason,
    })),
  );

const NEW_ROWS = `jsonb_to_recordset($1::jsonb) AS i(application_id uuid, environment text, release_id uuid, commit_sha text,
  deployed_at timestamptz, recorded_by text, override_reason text)`;

/**
 * The only writer of `deployments` (the history) and `current_deployments` (what runs where now).
 * Methods that run inside a caller's transaction take its manager first.
 */
@Injectable()
export class DeploymentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Adds the deployments to the history, in the order given. `refreshCurrent` then says what runs now. */
  insert(manager: EntityManager, deployments: readonly NewDeployment[]): Promise<Deployment[]> {
    return this.write(manager, deployments, false);
  }

  /**
   * Adds those deployments the history does not hold yet (same application, environment, release,
   * commit and instant): an inventory imported twice records each deployment once.
   */
  insertUnrecorded(manager: EntityManager, deployments: readonly NewDeployment[]): Promise<Deployment[]> {
    return this.write(manager, deployments, true);
  }

  private write(manager: EntityManager, deployments: readonly NewDeployment[], skipRecorded: boolean): Promise<Deployment[]> {
    if (deployments.length === 0) return Promise.resolve([]);
    const unrecorded = `NOT EXISTS (SELECT 1 FROM deployments d WHERE d.application_id = i.application_id AND d.environment = i.environment
                          AND d.release_id = i.release_id AND d.commit_sha = i.commit_sha AND d.deployed_at = i.deployed_at)`;
    return manager.query<Deployment[]>(
      `WITH inserted AS (
         INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by, override_reason)
         SELECT i.application_id, i.environment, i.release_id, i.commit_sha, i.deployed_at, i.recorded_by, i.override_reason
           FROM ${NEW_ROWS} WHERE ${skipRecorded ? unrecorded : 'TRUE'}
         RETURNING *)
       SELECT ${COLUMNS} FROM inserted d JOIN runtime_releases r ON r.id = d.release_id ORDER BY d.application_id, d.environment, d.deployed_at`,
      [rowsOf(deployments)],
    );
  }

  /**
   * Sets what runs in each environment of these applications from their history: the newest
   * deployment by deployedAt wins (of equal instants, the one recorded last), so an older
   * deployment recorded late only adds history. The one place this rule is written.
   */
  async refreshCurrent(manager: EntityManager, applicationIds: readonly string[]): Promise<void> {
    if (applicationIds.length === 0) return;
    await manager.query(
      `INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
       SELECT DISTINCT ON (application_id, environment) application_id, environment, id, release_id, deployed_at
         FROM deployments WHERE application_id = ANY($1::uuid[])
        ORDER BY application_id, environment, deployed_at DESC, recorded_at DESC, id DESC
       ON CONFLICT (application_id, environment) DO UPDATE
         SET deployment_id = EXCLUDED.deployment_id, release_id = EXCLUDED.release_id, deployed_at = EXCLUDED.deployed_at
         WHERE current_deployments.deployment_id <> EXCLUDED.deployment_id`,
      [applicationIds],
    );
  }

  /** What runs where now, for many applications at once (one query for a page of applications), TEST to PROD. */
  async currentOf(applicationIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Deployment[]>> {
    // d.application_id repeats the filter so the planner reads only these applications' history (its index), not all of it.
    const rows = await manager.query<Deployment[]>(
      `SELECT ${COLUMNS} FROM current_deployments c
         JOIN deployments d ON d.id = c.deployment_id JOIN runtime_releases r ON r.id = d.release_id
        WHERE c.application_id = ANY($1::uuid[]) AND d.application_id = ANY($1::uuid[])
        ORDER BY array_position($2::text[], c.environment)`,
      [applicationIds, ENVIRONMENTS],
    );
    const byApplication = new Map<string, Deployment[]>(applicationIds.map((id) => [id, []]));
    for (const row of rows) byApplication.get(row.applicationId)?.push(row);
    return byApplication;
  }

  /** A page of the history of one application (optionally one environment): newest deployedAt first, then newest recorded. */
  async history(applicationId: string, environment: string | null, request: PageRequest<DeploymentHistoryKey>): Promise<Page<DeploymentHistoryEntry>> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM deployments WHERE application_id = $1 AND ($2::text IS NULL OR environment = $2)',
      [applicationId, environment],
    );
    const [deployedAt, recordedAt, id] = request.after ?? [null, null, null];
    const rows = await this.dataSource.query<Array<Deployment & { deployedAtText: string; recordedAtText: string }>>(
      `SELECT ${COLUMNS}, d.deployed_at::text AS "deployedAtText", d.recorded_at::text AS "recordedAtText"
         FROM deployments d JOIN runtime_releases r ON r.id = d.release_id
        WHERE d.application_id = $1 AND ($2::text IS NULL OR d.environment = $2)
          AND ($3::timestamptz IS NULL OR (d.deployed_at, d.recorded_at, d.id) < ($3::timestamptz, $4::timestamptz, $5::uuid))
        ORDER BY d.deployed_at DESC, d.recorded_at DESC, d.id DESC LIMIT $6`,
      [applicationId, environment, deployedAt, recordedAt, id, request.first + 1],
    );
    const entries = rows.map(({ deployedAtText, recordedAtText, ...deployment }) => ({
      deployment,
      cursorKey: [deployedAtText, recordedAtText, deployment.id] satisfies DeploymentHistoryKey,
    }));
    return pageOfRows(entries, request, count);
  }
}
