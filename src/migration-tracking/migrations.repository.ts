import { Injectable } from '@nestjs/common';
import { addReadScope } from '../applications/read-scope-condition';
import { SqlConditions } from '../common/database/sql-conditions';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Application } from '../applications/application';
import type { CalendarDate } from '../calendar/calendar-date';
import type { ReadScope } from '../groups/access-policy';
import type { DepartmentRiskyMigrations, RiskyMigration } from '../notices/domain/notice-text';
import type { Finding } from '../requirements';
import type { Blocker, MigrationStatus } from './domain/migration-status';
import type { DayOfTransitions } from './domain/burndown';
import type { MigrationRisk } from './domain/migration-risk';
import type {
  CauseKind,
  MigrationCursorKey,
  MigrationQuery,
  MigrationRow,
  MigrationSort,
  MigrationTransition,
  MigrationWaiver,
  TransitionCause,
} from './migration';

/** The FROM of every list: the migration, its application and its source release (whose end of support is the deadline). */
const FROM = `migrations m JOIN applications a ON a.id = m.application_id JOIN runtime_releases sr ON sr.id = m.source_release_id`;

/**
 * Lists read the day risk is judged on and the at-risk window as their first two parameters, from
 * this one-row join (so every statement uses them, whether or not it asks for risk).
 */
const FROM_FOR_DAY = `${FROM} CROSS JOIN (SELECT $1::date AS today, $2::int AS at_risk_days) day`;

/** Risk for `day.today` (the twin of deriveMigrationRisk in domain/migration-risk.ts; e2e tests hold them together). */
const RISK = `CASE WHEN m.status IN ('COMPLETED', 'WAIVED') THEN 'DONE'
    WHEN day.today >= sr.end_of_support THEN 'OVERDUE'
    WHEN m.status = 'BLOCKED' THEN 'AT_RISK'
    WHEN sr.end_of_support <= day.today + day.at_risk_days AND m.status <> 'IN_TESTING' THEN 'AT_RISK'
    ELSE 'ON_TRACK' END`;

/** Worst first, as text so every sort key compares as text. */
const RISK_RANK = (risk: string) => `(CASE ${risk} WHEN 'OVERDUE' THEN '0' WHEN 'AT_RISK' THEN '1' WHEN 'ON_TRACK' THEN '2' ELSE '3' END)`;

function sortKeys(sort: MigrationSort, risk: string): [string, string] {
  if (sort === 'RISK') return [RISK_RANK(risk), `sr.end_of_support::text`];
  if (sort === 'APPLICATION') return [`a.slug`, `sr.version`];
  return [`sr.end_of_support::text`, `a.slug`];
}

const APPLICATION_JSON = `json_build_object('id', a.id, 'slug', a.slug, 'name', a.name, 'description', a.description, 'department', a.department,
  'owningGroupId', a.owning_group_id, 'contacts', a.contacts, 'repositoryUrl', a.repository_url, 'archived', a.archived_at IS NOT NULL,
  'archivedAt', a.archived_at, 'latestSnapshotId', a.latest_snapshot_id, 'createdAt', a.created_at, 'updatedAt', a.updated_at)`;

interface RawRow extends Omit<MigrationRow, 'application'> {
  application: Omit<Application, 'createdAt' | 'updatedAt' | 'archivedAt'> & { createdAt: string; updatedAt: string; archivedAt: string | null };
  k1: string;
  k2: string;
}

function rowOf(raw: RawRow): MigrationRow & { key: MigrationCursorKey } {
  const { k1, k2, application, ...rest } = raw;
  return {
    ...rest,
    application: {
      ...application,
      createdAt: new Date(application.createdAt),
      updatedAt: new Date(application.updatedAt),
      archivedAt: application.archivedAt === null ? null : new Date(application.archivedAt),
    },
    key: [k1, k2, raw.id],
  };
}

/** What recomputing a migration's status reads: every fact the derivation needs, in one statement for many migrations. */
export interface StoredFacts {
  id: string;
  applicationId: string;
  status: MigrationStatus;
  /** False for a migration opened but not yet given its first transition. */
  recorded: boolean;
  sourceVersion: string;
  targetVersion: string;
  running: Array<{ environment: string; version: string }>;
  /** Findings of the latest snapshot's scan against the target, or null without such a scan. */
  scanFindings: Finding[] | null;
  declaration: { kind: 'STARTED' | 'BLOCKED'; reason: string | null } | null;
  waived: boolean;
}

export interface StatusChange {
  id: string;
  previousStatus: MigrationStatus | null;
  status: MigrationStatus;
  blockers: Blocker[];
}

/** One deadline of a calendar feed: a release's end of support for the migrations of one department or group. */
export interface MigrationDeadline {
  sourceVersion: string;
  deadline: CalendarDate;
  /** The department, or the owning group's slug. */
  groupedBy: string;
  total: number;
  /** Not completed or waived. */
  remaining: number;
}

/** A migration as the mutations check it: its application's access facts and its releases. */
export interface MigrationHead {
  id: string;
  applicationId: string;
  slug: string;
  owningGroupId: string;
  department: string;
  sourceReleaseId: string;
  sourceVersion: string;
  targetVersion: string;
  deadline: CalendarDate;
  status: MigrationStatus;
}

const WAIVER_COLUMNS = `w.id, w.migration_id AS "migrationId", w.status, w.reason, w.expires_on::text AS "expiresOn", w.requested_by AS "requestedBy",
  w.requested_at AS "requestedAt", w.decided_by AS "decidedBy", w.decided_at AS "decidedAt", w.decision_reason AS "decisionReason"`;

/**
 * The only writer of the migration tables. Methods that run inside a caller's transaction take its
 * manager first; reads outside one default to the pool.
 */
@Injectable()
export class MigrationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ---- opening and recomputing -------------------------------------------------------------------

  /**
   * Opens a migration off `sourceReleaseId` for every active application that runs it in some
   * environment now (or only `applicationIds`), unless it has one already. Returns the new ids;
   * their status is placeholder until `applyChanges` records the first transition.
   */
  async openMissing(
    manager: EntityManager,
    open: { sourceReleaseId: string; targetReleaseId: string; openedBy: string; at: Date; applicationIds?: readonly string[] | null },
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO migrations (application_id, source_release_id, target_release_id, status, opened_by, opened_at, status_changed_at)
       SELECT DISTINCT c.application_id, $1::uuid, $2::uuid, 'NOT_STARTED', $3::text, $4::timestamptz, $4::timestamptz
         FROM current_deployments c JOIN applications a ON a.id = c.application_id AND a.archived_at IS NULL
        WHERE c.release_id = $1 AND ($5::uuid[] IS NULL OR c.application_id = ANY($5::uuid[]))
       ON CONFLICT (application_id, source_release_id) DO NOTHING RETURNING id`,
      [open.sourceReleaseId, open.targetReleaseId, open.openedBy, open.at, open.applicationIds ?? null],
    );
    return rows.map((row) => row.id);
  }

  /** Migrations of these applications (those a deployment or snapshot may move). */
  async idsOfApplications(manager: EntityManager, applicationIds: readonly string[]): Promise<string[]> {
    if (applicationIds.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(`SELECT id FROM migrations WHERE application_id = ANY($1::uuid[]) ORDER BY id`, [applicationIds]);
    return rows.map((row) => row.id);
  }

  /** The distinct targets of these migrations. */
  async targetIdsOf(manager: EntityManager, migrationIds: readonly string[]): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(`SELECT DISTINCT target_release_id AS id FROM migrations WHERE id = ANY($1::uuid[])`, [migrationIds]);
    return rows.map((row) => row.id);
  }

  /** The facts of these migrations, locked until the transaction ends (two recomputations of one migration take turns). */
  lockFacts(manager: EntityManager, migrationIds: readonly string[]): Promise<StoredFacts[]> {
    if (migrationIds.length === 0) return Promise.resolve([]);
    return manager.query<StoredFacts[]>(
      `SELECT m.id, m.application_id AS "applicationId", m.status, sr.version AS "sourceVersion", tr.version AS "targetVersion",
              EXISTS (SELECT 1 FROM migration_transitions t WHERE t.migration_id = m.id) AS recorded,
              coalesce((SELECT json_agg(json_build_object('environment', c.environment, 'version', r.version) ORDER BY c.environment)
                          FROM current_deployments c JOIN runtime_releases r ON r.id = c.release_id WHERE c.application_id = m.application_id), '[]') AS running,
              (SELECT s.findings FROM snapshot_scans s WHERE s.snapshot_id = a.latest_snapshot_id AND s.release_id = m.target_release_id) AS "scanFindings",
              (SELECT json_build_object('kind', d.kind, 'reason', d.reason) FROM migration_declarations d
                WHERE d.migration_id = m.id ORDER BY d.id DESC LIMIT 1) AS declaration,
              EXISTS (SELECT 1 FROM migration_waivers w WHERE w.migration_id = m.id AND w.status = 'APPROVED') AS waived
         FROM migrations m JOIN applications a ON a.id = m.application_id
         JOIN runtime_releases sr ON sr.id = m.source_release_id JOIN runtime_releases tr ON tr.id = m.target_release_id
        WHERE m.id = ANY($1::uuid[])
        ORDER BY m.id
          FOR UPDATE OF m`,
      [migrationIds],
    );
  }

  /** Stores new statuses and blockers; a transition for every status that changed (or was first set), with its cause. */
  async applyChanges(manager: EntityManager, changes: readonly StatusChange[], cause: TransitionCause): Promise<void> {
    if (changes.length === 0) return;
    const payload = JSON.stringify(changes.map((change) => ({ ...change, moved: change.previousStatus !== change.status })));
    await manager.query(
      `UPDATE migrations m SET blockers = v.blockers,
              status_changed_at = CASE WHEN v.moved THEN $2 ELSE m.status_changed_at END, status = v.status
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, blockers jsonb, moved boolean)
        WHERE m.id = v.id`,
      [payload, cause.at],
    );
    await manager.query(
      `INSERT INTO migration_transitions (migration_id, previous_status, status, at, cause_kind, cause_ref, cause)
       SELECT v.id, v."previousStatus", v.status, $2, $3, $4, $5
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, "previousStatus" text, status text, moved boolean)
        WHERE v.moved`,
      [payload, cause.at, cause.kind, cause.ref, cause.text],
    );
  }

  async setTarget(manager: EntityManager, migrationId: string, targetReleaseId: string): Promise<void> {
    await manager.query(`UPDATE migrations SET target_release_id = $2 WHERE id = $1`, [migrationId, targetReleaseId]);
  }

  async insertDeclaration(
    manager: EntityManager,
    declaration: { migrationId: string; kind: 'STARTED' | 'BLOCKED'; reason: string | null; by: string; at: Date },
  ): Promise<void> {
    await manager.query(`INSERT INTO migration_declarations (migration_id, kind, reason, declared_by, declared_at) VALUES ($1, $2, $3, $4, $5)`, [
      declaration.migrationId,
      declaration.kind,
      declaration.reason,
      declaration.by,
      declaration.at,
    ]);
  }

  /** The migration with what access checks need, locked for the caller's transaction; null when there is none. */
  async lockHead(manager: EntityManager, migrationId: string): Promise<MigrationHead | null> {
    const [head] = await manager.query<MigrationHead[]>(
      `SELECT m.id, m.application_id AS "applicationId", a.slug, a.owning_group_id AS "owningGroupId", a.department,
              m.source_release_id AS "sourceReleaseId", sr.version AS "sourceVersion", tr.version AS "targetVersion",
              sr.end_of_support::text AS deadline, m.status
         FROM ${FROM} JOIN runtime_releases tr ON tr.id = m.target_release_id
        WHERE m.id = $1 FOR UPDATE OF m`,
      [migrationId],
    );
    return head ?? null;
  }

  /** The migration of this application off this release, if any. */
  async idOf(manager: EntityManager, applicationId: string, sourceReleaseId: string): Promise<string | null> {
    const [row] = await manager.query<{ id: string }[]>(`SELECT id FROM migrations WHERE application_id = $1 AND source_release_id = $2`, [
      applicationId,
      sourceReleaseId,
    ]);
    return row?.id ?? null;
  }

  // ---- waivers ---------------------------------------------------------------------------------------

  async insertWaiver(
    manager: EntityManager,
    waiver: { migrationId: string; reason: string; expiresOn: CalendarDate; requestedBy: string; at: Date },
  ): Promise<MigrationWaiver> {
    const [row] = await manager.query<MigrationWaiver[]>(
      `WITH w AS (INSERT INTO migration_waivers (migration_id, status, reason, expires_on, requested_by, requested_at)
                  VALUES ($1, 'PENDING', $2, $3, $4, $5) RETURNING *)
       SELECT ${WAIVER_COLUMNS} FROM w`,
      [waiver.migrationId, waiver.reason, waiver.expiresOn, waiver.requestedBy, waiver.at],
    );
    return row;
  }

  /** A pending or approved waiver of the migration, if any. */
  async openWaiverOf(manager: EntityManager, migrationId: string): Promise<MigrationWaiver | null> {
    const [row] = await manager.query<MigrationWaiver[]>(
      `SELECT ${WAIVER_COLUMNS} FROM migration_waivers w WHERE w.migration_id = $1 AND w.status IN ('PENDING', 'APPROVED')`,
      [migrationId],
    );
    return row ?? null;
  }

  async lockWaiver(manager: EntityManager, waiverId: string): Promise<MigrationWaiver | null> {
    const [row] = await manager.query<MigrationWaiver[]>(`SELECT ${WAIVER_COLUMNS} FROM migration_waivers w WHERE w.id = $1 FOR UPDATE`, [waiverId]);
    return row ?? null;
  }

  async decideWaiver(manager: EntityManager, decision: { waiverId: string; approve: boolean; by: string; reason: string; at: Date }): Promise<MigrationWaiver> {
    const [row] = await manager.query<MigrationWaiver[]>(
      `WITH w AS (UPDATE migration_waivers SET status = $2, decided_by = $3, decision_reason = $4, decided_at = $5 WHERE id = $1 RETURNING *)
       SELECT ${WAIVER_COLUMNS} FROM w`,
      [decision.waiverId, decision.approve ? 'APPROVED' : 'REJECTED', decision.by, decision.reason, decision.at],
    );
    return row;
  }

  /**
   * Every pending or approved waiver whose last day is before `today` becomes EXPIRED. Returns them
   * with the application and owning group, for the notice to the group.
   */
  async expireWaivers(
    manager: EntityManager,
    today: CalendarDate,
  ): Promise<Array<MigrationWaiver & { wasApproved: boolean; applicationId: string; applicationSlug: string; owningGroupId: string; sourceVersion: string }>> {
    return manager.query(
      `WITH expired AS (
         UPDATE migration_waivers w SET status = 'EXPIRED' FROM migration_waivers before
          WHERE before.id = w.id AND w.status IN ('PENDING', 'APPROVED') AND w.expires_on < $1::date
          RETURNING w.*, before.status = 'APPROVED' AS was_approved)
       SELECT ${WAIVER_COLUMNS}, w.was_approved AS "wasApproved", a.id AS "applicationId", a.slug AS "applicationSlug", a.owning_group_id AS "owningGroupId", sr.version AS "sourceVersion"
         FROM expired w JOIN migrations m ON m.id = w.migration_id JOIN applications a ON a.id = m.application_id
         JOIN runtime_releases sr ON sr.id = m.source_release_id
        ORDER BY a.slug`,
      [today],
    );
  }

  /** Status and number of recorded blockers of these applications' migrations off the release, for notices. */
  async noticeFacts(
    manager: EntityManager | null,
    applicationIds: readonly string[],
    sourceReleaseId: string,
  ): Promise<Map<string, { status: string; blockers: number }>> {
    const rows = await (manager ?? this.dataSource.manager).query<{ applicationId: string; status: string; blockers: number }[]>(
      `SELECT m.application_id AS "applicationId", m.status, jsonb_array_length(m.blockers) AS blockers FROM migrations m
        WHERE m.source_release_id = $2 AND m.application_id = ANY($1::uuid[])`,
      [applicationIds, sourceReleaseId],
    );
    return new Map(rows.map(({ applicationId, status, blockers }) => [applicationId, { status, blockers }]));
  }

  /**
   * The AT_RISK and OVERDUE migrations of these departments' applications (archived ones aside), risk
   * for `today`: the first `perDepartment` of each (worst, then earliest deadline first) and the total.
   */
  async riskyOfDepartments(
    manager: EntityManager | null,
    departments: readonly string[],
    today: CalendarDate,
    atRiskDays: number,
    perDepartment: number,
  ): Promise<DepartmentRiskyMigrations[]> {
    const rows = await (manager ?? this.dataSource.manager).query<(RiskyMigration & { department: string; total: number })[]>(
      `SELECT r.department, r."applicationSlug", r."sourceVersion", r."targetVersion", r.deadline, r.status, r.risk, r.total FROM (
         SELECT a.department, a.slug AS "applicationSlug", sr.version AS "sourceVersion",
                (SELECT tr.version FROM runtime_releases tr WHERE tr.id = m.target_release_id) AS "targetVersion",
                sr.end_of_support::text AS deadline, m.status, ${RISK} AS risk,
                row_number() OVER (PARTITION BY a.department ORDER BY ${RISK_RANK(RISK)}, sr.end_of_support, a.slug, m.id) AS n,
                (count(*) OVER (PARTITION BY a.department))::int AS total
           FROM ${FROM_FOR_DAY}
          WHERE a.department = ANY($3::text[]) AND a.archived_at IS NULL AND (${RISK}) IN ('AT_RISK', 'OVERDUE')) r
        WHERE r.n <= $4 ORDER BY r.department, r.n`,
      [today, atRiskDays, departments, perDepartment],
    );
    const byDepartment = new Map(departments.map((department) => [department, { department, total: 0, migrations: [] as RiskyMigration[] }]));
    for (const { department, total, ...migration } of rows) {
      const entry = byDepartment.get(department);
      if (!entry) continue;
      entry.total = total;
      entry.migrations.push(migration);
    }
    return [...byDepartment.values()];
  }

  /** The latest waiver of each migration (any status), in one query. */
  async latestWaivers(migrationIds: readonly string[]): Promise<Map<string, MigrationWaiver>> {
    if (migrationIds.length === 0) return new Map();
    const rows = await this.dataSource.query<MigrationWaiver[]>(
      `SELECT DISTINCT ON (w.migration_id) ${WAIVER_COLUMNS} FROM migration_waivers w
        WHERE w.migration_id = ANY($1::uuid[]) ORDER BY w.migration_id, w.requested_at DESC, w.id`,
      [migrationIds],
    );
    return new Map(rows.map((row) => [row.migrationId, row]));
  }

  /** The latest `last` transitions of each migration, oldest first, in one query. */
  async histories(migrationIds: readonly string[], last: number): Promise<Map<string, MigrationTransition[]>> {
    const byMigration = new Map<string, MigrationTransition[]>(migrationIds.map((id) => [id, []]));
    if (migrationIds.length === 0) return byMigration;
    const rows = await this.dataSource.query<MigrationTransition[]>(
      `SELECT t."migrationId", t."previousStatus", t.status, t.at, t."causeKind", t."causeRef", t.cause FROM (
         SELECT t.migration_id AS "migrationId", t.previous_status AS "previousStatus", t.status, t.at, t.cause_kind AS "causeKind",
                t.cause_ref AS "causeRef", t.cause, t.id, row_number() OVER (PARTITION BY t.migration_id ORDER BY t.at DESC, t.id DESC) AS n
           FROM migration_transitions t WHERE t.migration_id = ANY($1::uuid[])) t
        WHERE t.n <= $2 ORDER BY t."migrationId", t.at, t.id`,
      [migrationIds, last],
    );
    for (const row of rows) byMigration.get(row.migrationId)?.push(row);
    return byMigration;
  }

  // ---- lists and figures -----------------------------------------------------------------------------

  private conditions(query: MigrationQuery): { where: SqlConditions; risk: string } {
    const where = new SqlConditions();
    where.param(query.today);
    where.param(query.atRiskDays);
    const risk = RISK;
    addReadScope(where, query.scope);
    if (query.sourceReleaseId) where.clauses.push(`m.source_release_id = ${where.param(query.sourceReleaseId)}::uuid`);
    if (query.department) where.clauses.push(`a.department = ${where.param(query.department)}`);
    if (query.owningGroupId) where.clauses.push(`a.owning_group_id = ${where.param(query.owningGroupId)}::uuid`);
    if (query.statuses && query.statuses.length > 0) where.clauses.push(`m.status = ANY(${where.param(query.statuses)}::text[])`);
    if (query.risks && query.risks.length > 0) where.clauses.push(`(${risk}) = ANY(${where.param(query.risks)}::text[])`);
    return { where, risk };
  }

  private selectRows(risk: string, keys: [string, string]): string {
    return `SELECT m.id, ${APPLICATION_JSON} AS application, (SELECT g.slug FROM groups g WHERE g.id = a.owning_group_id) AS "owningGroupSlug",
              sr.version AS "sourceVersion", (SELECT tr.version FROM runtime_releases tr WHERE tr.id = m.target_release_id) AS "targetVersion",
              sr.end_of_support::text AS deadline, m.status, ${risk} AS risk, m.blockers, m.opened_at AS "openedAt", m.opened_by AS "openedBy",
              m.status_changed_at AS "statusChangedAt", ${keys[0]} AS k1, ${keys[1]} AS k2`;
  }

  /** One page in the chosen order and the total, keyset-paged. */
  async page(
    query: MigrationQuery,
    order: { sort: MigrationSort; descending: boolean },
    request: { first: number; after: MigrationCursorKey | null },
  ): Promise<{ rows: Array<MigrationRow & { key: MigrationCursorKey }>; totalCount: number; hasNextPage: boolean }> {
    const { where, risk } = this.conditions(query);
    const keys = sortKeys(order.sort, risk);
    const matching = where.sql;
    const matchingParams = where.params.length;
    const direction = order.descending ? 'DESC' : 'ASC';
    if (request.after) {
      where.clauses.push(
        `(${keys[0]} COLLATE "C", ${keys[1]} COLLATE "C", m.id) ${order.descending ? '<' : '>'} (${where.param(request.after[0])}::text COLLATE "C", ${where.param(request.after[1])}::text COLLATE "C", ${where.param(request.after[2])}::uuid)`,
      );
    }
    const raw = await this.dataSource.query<RawRow[]>(
      `${this.selectRows(risk, keys)} FROM ${FROM_FOR_DAY} WHERE ${where.sql}
        ORDER BY ${keys[0]} COLLATE "C" ${direction}, ${keys[1]} COLLATE "C" ${direction}, m.id ${direction} LIMIT ${where.param(request.first + 1)}`,
      where.params,
    );
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${FROM_FOR_DAY} WHERE ${matching}`,
      where.params.slice(0, matchingParams),
    );
    return { rows: raw.slice(0, request.first).map(rowOf), totalCount: count, hasNextPage: raw.length > request.first };
  }

  /** These migrations as lists show them (no scope: callers checked access), risk for `today`. */
  async rowsByIds(ids: readonly string[], today: CalendarDate, atRiskDays: number): Promise<MigrationRow[]> {
    const where = new SqlConditions();
    where.param(today);
    where.param(atRiskDays);
    const risk = RISK;
    const raw = await this.dataSource.query<RawRow[]>(
      `${this.selectRows(risk, sortKeys('APPLICATION', risk))} FROM ${FROM_FOR_DAY} WHERE m.id = ANY(${where.param(ids)}::uuid[])`,
      where.params,
    );
    return raw.map(rowOf);
  }

  /** The migrations of one application (every source release), deadline first. */
  async ofApplication(applicationId: string, today: CalendarDate, atRiskDays: number): Promise<MigrationRow[]> {
    const raw = await this.dataSource.query<RawRow[]>(
      `${this.selectRows(RISK, sortKeys('DEADLINE', RISK))} FROM ${FROM_FOR_DAY} WHERE m.application_id = $3::uuid ORDER BY sr.end_of_support, sr.version`,
      [today, atRiskDays, applicationId],
    );
    return raw.map(rowOf);
  }

  /** Deadlines of the query's migrations per source release and department or owning group, with how many are not done. */
  async deadlines(query: MigrationQuery, by: 'DEPARTMENT' | 'GROUP'): Promise<MigrationDeadline[]> {
    const { where } = this.conditions(query);
    const key = by === 'DEPARTMENT' ? 'a.department' : '(SELECT g.slug FROM groups g WHERE g.id = a.owning_group_id)';
    return this.dataSource.query<MigrationDeadline[]>(
      `SELECT sr.version AS "sourceVersion", sr.end_of_support::text AS deadline, ${key} AS "groupedBy", count(*)::int AS total,
              (count(*) FILTER (WHERE m.status NOT IN ('COMPLETED', 'WAIVED')))::int AS remaining
         FROM ${FROM_FOR_DAY} WHERE ${where.sql}
        GROUP BY 1, 2, 3 ORDER BY 2, 1, 3`,
      where.params,
    );
  }

  /**
   * Every migration of the query in application order, `batchSize` rows at a time from a server-side
   * cursor on a connection of its own (one sort, one consistent snapshot; memory holds one batch).
   * Stopping early (a client that went away) closes the cursor and frees the connection.
   */
  async *stream(query: MigrationQuery, batchSize: number): AsyncGenerator<MigrationRow[]> {
    const { where, risk } = this.conditions(query);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      // Every row will be read: plan for the whole result, not for the first tenth (a cursor's default).
      await runner.query('SET LOCAL cursor_tuple_fraction = 1.0');
      await runner.query(
        `DECLARE migrations_export NO SCROLL CURSOR FOR
         ${this.selectRows(risk, sortKeys('APPLICATION', risk))} FROM ${FROM_FOR_DAY} WHERE ${where.sql}
          ORDER BY a.slug COLLATE "C", sr.version COLLATE "C", m.id`,
        where.params,
      );
      for (;;) {
        const raw = (await runner.query(`FETCH ${Math.max(1, Math.floor(batchSize))} FROM migrations_export`)) as RawRow[];
        if (raw.length === 0) break;
        yield raw.map(rowOf);
      }
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }

  /** Counts by status and risk. */
  async counts(query: MigrationQuery): Promise<Array<{ status: MigrationStatus; risk: MigrationRisk; count: number }>> {
    const { where, risk } = this.conditions(query);
    return this.dataSource.query(
      `SELECT m.status, ${risk} AS risk, count(*)::int AS count FROM ${FROM_FOR_DAY} WHERE ${where.sql} GROUP BY 1, 2`,
      where.params,
    );
  }

  /** Counts by department, status and risk (the managers' dashboard page). */
  async countsByDepartment(query: MigrationQuery): Promise<Array<{ department: string; status: MigrationStatus; risk: MigrationRisk; count: number }>> {
    const { where, risk } = this.conditions(query);
    return this.dataSource.query(
      `SELECT a.department, m.status, ${risk} AS risk, count(*)::int AS count FROM ${FROM_FOR_DAY} WHERE ${where.sql} GROUP BY 1, 2, 3 ORDER BY 1`,
      where.params,
    );
  }

  /**
   * Per campus day, what the recorded transitions did to the number of remaining migrations.
   * `dayStarts` holds the instants (epoch seconds) the days from `firstDay` on start on campus: a
   * transition finds its day by a binary search among them (width_bucket), so no time zone is
   * consulted per row. Transitions before the first day count on the day before it.
   */
  async transitionDays(query: MigrationQuery, days: { firstDay: CalendarDate; dayStarts: readonly number[] }): Promise<DayOfTransitions[]> {
    const { where } = this.conditions({ ...query, risks: null });
    const done = (column: string) => `(${column} IN ('COMPLETED', 'WAIVED'))`;
    const starts = where.param(days.dayStarts);
    return this.dataSource.query<DayOfTransitions[]>(
      `SELECT (${where.param(days.firstDay)}::date + bucket - 1)::text AS day, opened, done FROM (
         SELECT width_bucket(extract(epoch FROM t.at)::float8, ${starts}::float8[]) AS bucket,
                sum(CASE WHEN t.previous_status IS NULL AND NOT ${done('t.status')} THEN 1 ELSE 0 END)::int AS opened,
                sum(CASE WHEN t.previous_status IS NULL THEN 0
                         WHEN ${done('t.status')} AND NOT ${done('t.previous_status')} THEN 1
                         WHEN NOT ${done('t.status')} AND ${done('t.previous_status')} THEN -1 ELSE 0 END)::int AS done
           FROM migration_transitions t JOIN migrations m ON m.id = t.migration_id JOIN applications a ON a.id = m.application_id
           JOIN runtime_releases sr ON sr.id = m.source_release_id CROSS JOIN (SELECT $1::date AS today, $2::int AS at_risk_days) day
          WHERE ${where.sql}
          GROUP BY 1) per_day
        ORDER BY bucket`,
      where.params,
    );
  }

  /** Whether any migration in the scope belongs to an application of this department. */
  async departmentKnown(scope: ReadScope, department: string): Promise<boolean> {
    const where = new SqlConditions();
    addReadScope(where, scope);
    const [row] = await this.dataSource.query<{ known: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM applications a WHERE ${where.sql} AND a.department = ${where.param(department)}) AS known`,
      where.params,
    );
    return row.known;
  }
}

export type { CauseKind };
