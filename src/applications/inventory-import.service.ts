import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import { badInput } from '../common/errors/domain-error';
import { CatalogStore } from '../releases/catalog.store';
import { ReleasesService } from '../releases/releases.service';
import {
  checkReferences,
  compareInventoryErrors,
  describeLocation,
  parseInventoryCsv,
  parseInventoryJson,
  type InventoryError,
  type InventoryPlan,
  type PlannedApplication,
} from './import';
import type { GroupRole } from '../groups/group.entity';
import { applicationSubject, groupSubject, InventoryAuditRecorder, type InventoryAuditEntry } from '../inventory-audit/inventory-audit.recorder';
import { applicationAuditFields } from '../inventory-audit/utils/application-audit-fields';
import { applicationChanges } from '../inventory-audit/utils/application-changes';
import { deploymentAuditFields } from '../inventory-audit/utils/deployment-audit-fields';
import { SnapshotsService } from './snapshots.service';

export type InventoryFormat = 'CSV' | 'JSON';

export interface InventoryImportResult {
  dryRun: boolean;
  groupsCreated: number;
  groupsUpdated: number;
  membersAdded: number;
  applicationsCreated: number;
  applicationsUpdated: number;
  applicationsUnchanged: number;
  deploymentsRecorded: number;
  deploymentsUnchanged: number;
}

/** Thrown inside the transaction of a dry run so that everything it wrote is rolled back. */
class DryRunRollback extends Error {
  constructor(readonly result: InventoryImportResult) {
    super('dry run');
  }
}

const MESSAGE_ERRORS = 5;

function refuse(errors: readonly InventoryError[]): never {
  const listed = errors
    .slice(0, MESSAGE_ERRORS)
    .map((error) => `${describeLocation(error)}${error.column ? ` (${error.column})` : ''}: ${error.message}`)
    .join('; ');
  const more = errors.length > MESSAGE_ERRORS ? `; and ${errors.length - MESSAGE_ERRORS} more (see extensions.errors)` : '';
  throw badInput('content', `${errors.length} problem${errors.length === 1 ? '' : 's'} in the inventory, nothing was imported: ${listed}${more}`, {
    errors: errors.map(({ row, column, path, message }) => ({ row, column, path, message })),
  });
}

interface ExistingApplication {
  id: string;
  slug: string;
  name: string;
  department: string;
  owning_group_id: string;
  contacts: string[];
  repository_url: string | null;
  description: string | null;
  latest_snapshot_id: string | null;
  /** The owning group's slug (existing applications only). */
  group_slug: string;
}

function sameApplication(existing: ExistingApplication, planned: PlannedApplication, groupId: string): boolean {
  return (
    existing.name === planned.name &&
    existing.department === planned.department &&
    existing.owning_group_id === groupId &&
    existing.repository_url === planned.repositoryUrl &&
    existing.description === planned.description &&
    JSON.stringify([...existing.contacts].sort()) === JSON.stringify([...planned.contacts].sort())
  );
}

/**
 * Bulk import from a spreadsheet (CSV) or JSON: everything is validated first, every problem is
 * reported with its row or path, and nothing is written unless all of it is valid. Rerunning the
 * same file changes nothing. Deployments are history and skip the staged-deprecation rules: the
 * import records what already happened.
 */
@Injectable()
export class InventoryImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: CatalogStore,
    private readonly releases: ReleasesService,
    private readonly snapshots: SnapshotsService,
    private readonly clock: Clock,
    private readonly audit: InventoryAuditRecorder,
  ) {}

  async import(principal: Principal, input: { format: InventoryFormat; content: string; dryRun: boolean }): Promise<InventoryImportResult> {
    const options = { timeZone: this.releases.campusTimeZone, now: this.clock.now() };
    const { plan, errors } = input.format === 'CSV' ? parseInventoryCsv(input.content, options) : parseInventoryJson(input.content, options);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Unknown groups, runtimes and users are reported in the same round as the typos.
        const all = [...errors, ...checkReferences(plan, await this.knownInventory(manager, plan))].sort(compareInventoryErrors);
        if (all.length > 0) refuse(all);
        const events: InventoryAuditEntry[] = [];
        const result = await this.apply(manager, plan, principal, events);
        if (input.dryRun) throw new DryRunRollback({ ...result, dryRun: true });
        const { dryRun: _, ...counts } = result;
        const reason = `inventory import (${input.format})`;
        await this.audit.record(manager, principal, [
          ...events.map((event) => ({ ...event, reason })),
          { subjectType: 'INVENTORY', action: 'INVENTORY_IMPORTED', after: { format: input.format, ...counts } },
        ]);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.result;
      throw error;
    }
  }

  private async knownInventory(manager: EntityManager, plan: InventoryPlan) {
    const [groups, users] = await Promise.all([
      manager.query('SELECT slug FROM groups WHERE slug = ANY($1)', [[...plan.references.groups.keys()]]) as Promise<{ slug: string }[]>,
      manager.query('SELECT email FROM users WHERE email = ANY($1)', [[...plan.references.users.keys()]]) as Promise<{ email: string }[]>,
    ]);
    const { releases } = await this.catalog.current();
    return {
      groups: new Set(groups.map((row) => row.slug)),
      users: new Set(users.map((row) => row.email)),
      publishedRuntimes: new Set(releases.filter((release) => release.state === 'PUBLISHED').map((release) => release.version)),
    };
  }

  /** Writes the plan; `events` receives an audit entry per group, member, application and deployment written. */
  private async apply(manager: EntityManager, plan: InventoryPlan, principal: Principal, events: InventoryAuditEntry[]): Promise<InventoryImportResult> {
    const result: InventoryImportResult = {
      dryRun: false,
      groupsCreated: 0,
      groupsUpdated: 0,
      membersAdded: 0,
      applicationsCreated: 0,
      applicationsUpdated: 0,
      applicationsUnchanged: 0,
      deploymentsRecorded: 0,
      deploymentsUnchanged: 0,
    };
    const groupIds = await this.applyGroups(manager, plan, result, events);
    const applicationIds = await this.applyApplications(manager, plan, groupIds, result, events);
    await this.applyDeployments(manager, principal, plan, applicationIds, result, events);
    return result;
  }

  private async applyGroups(
    manager: EntityManager,
    plan: InventoryPlan,
    result: InventoryImportResult,
    events: InventoryAuditEntry[],
  ): Promise<Map<string, string>> {
    const slugs = [...new Set([...plan.groups.map((group) => group.slug), ...plan.applications.map((app) => app.group)])];
    const existing = (await manager.query('SELECT id, slug, name FROM groups WHERE slug = ANY($1) FOR UPDATE', [slugs])) as {
      id: string;
      slug: string;
      name: string;
    }[];
    const ids = new Map(existing.map((row) => [row.slug, row.id]));
    const names = new Map(existing.map((row) => [row.slug, row.name]));
    for (const group of plan.groups) {
      let id = ids.get(group.slug);
      if (id === undefined) {
        [{ id }] = (await manager.query('INSERT INTO groups (slug, name) VALUES ($1, $2) RETURNING id', [group.slug, group.name])) as { id: string }[];
        ids.set(group.slug, id);
        result.groupsCreated += 1;
        events.push({ ...groupSubject({ id, slug: group.slug }), action: 'GROUP_CREATED', after: { slug: group.slug, name: group.name, description: null } });
      } else if (names.get(group.slug) !== group.name) {
        await manager.query('UPDATE groups SET name = $2 WHERE id = $1', [id, group.name]);
        result.groupsUpdated += 1;
        events.push({ ...groupSubject({ id, slug: group.slug }), action: 'GROUP_UPDATED', before: { name: names.get(group.slug) }, after: { name: group.name } });
      }
      if (group.members.length === 0) continue;
      // Members are added or promoted; people already in the group are never removed by an import.
      // xmax = 0 tells a new row from one ON CONFLICT updated (a promotion to owner).
      const written = (await manager.query(
        `WITH wanted AS (SELECT u.id AS user_id, m.role FROM unnest($2::text[], $3::text[]) AS m(email, role) JOIN users u ON u.email = m.email),
              written AS (
                INSERT INTO group_members (group_id, user_id, role) SELECT $1, user_id, role FROM wanted
                ON CONFLICT (group_id, user_id) DO UPDATE SET role = 'OWNER' WHERE EXCLUDED.role = 'OWNER' AND group_members.role <> 'OWNER'
                RETURNING user_id, role, xmax = 0 AS inserted)
         SELECT u.email, w.role, w.inserted FROM written w JOIN users u ON u.id = w.user_id ORDER BY u.email`,
        [id, group.members.map((member) => member.email), group.members.map((member) => member.role)],
      )) as { email: string; role: GroupRole; inserted: boolean }[];
      result.membersAdded += written.length;
      for (const member of written) {
        events.push({
          ...groupSubject({ id, slug: group.slug }),
          action: member.inserted ? 'MEMBER_ADDED' : 'MEMBER_ROLE_CHANGED',
          before: member.inserted ? null : { email: member.email, role: 'MEMBER' },
          after: { email: member.email, role: member.role },
        });
      }
    }
    return ids;
  }

  private async applyApplications(
    manager: EntityManager,
    plan: InventoryPlan,
    groupIds: Map<string, string>,
    result: InventoryImportResult,
    events: InventoryAuditEntry[],
  ): Promise<Map<string, ExistingApplication>> {
    const existing = (await manager.query(
      `SELECT a.id, a.slug, a.name, a.department, a.owning_group_id, a.contacts, a.repository_url, a.description, a.latest_snapshot_id,
              g.slug AS group_slug
         FROM applications a JOIN groups g ON g.id = a.owning_group_id WHERE a.slug = ANY($1) FOR UPDATE OF a`,
      [plan.applications.map((app) => app.slug)],
    )) as ExistingApplication[];
    const bySlug = new Map(existing.map((row) => [row.slug, row]));
    for (const app of plan.applications) {
      const groupId = groupIds.get(app.group)!;
      const current = bySlug.get(app.slug);
      if (current && sameApplication(current, app, groupId)) {
        result.applicationsUnchanged += 1;
        continue;
      }
      const values = [app.slug, app.name, app.department, groupId, app.contacts, app.repositoryUrl, app.description];
      const planned = applicationAuditFields({ ...app, repository_url: app.repositoryUrl }, app.group);
      if (current) {
        await manager.query(
          `UPDATE applications SET name = $2, department = $3, owning_group_id = $4, contacts = $5, repository_url = $6, description = $7,
                  updated_at = now() WHERE slug = $1`,
          values,
        );
        result.applicationsUpdated += 1;
        for (const change of applicationChanges(applicationAuditFields(current, current.group_slug), planned)) {
          events.push({ ...applicationSubject(current), ...change });
        }
      } else {
        const [row] = (await manager.query(
          `INSERT INTO applications (slug, name, department, owning_group_id, contacts, repository_url, description)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, slug, latest_snapshot_id`,
          values,
        )) as ExistingApplication[];
        bySlug.set(app.slug, row);
        result.applicationsCreated += 1;
        events.push({ ...applicationSubject(row), action: 'APPLICATION_CREATED', after: { ...planned } });
      }
    }
    return bySlug;
  }

  private async applyDeployments(
    manager: EntityManager,
    principal: Principal,
    plan: InventoryPlan,
    applications: Map<string, ExistingApplication>,
    result: InventoryImportResult,
    events: InventoryAuditEntry[],
  ): Promise<void> {
    const { byVersion, releases } = await this.catalog.current();
    const rows = plan.applications.flatMap((app) =>
      app.deployments.map((deployment) => ({
        applicationId: applications.get(app.slug)!.id,
        environment: deployment.environment,
        releaseId: byVersion.get(deployment.runtime)!.id,
        commit: deployment.commit,
        deployedAt: deployment.deployedAt,
      })),
    );
    if (rows.length === 0) return;
    const inserted = (await manager.query(
      `INSERT INTO deployments (application_id, environment, release_id, commit_sha, deployed_at, recorded_by)
       SELECT i.application_id, i.environment, i.release_id, i.commit_sha, i.deployed_at, $6
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[]) AS i(application_id, environment, release_id, commit_sha, deployed_at)
        WHERE NOT EXISTS (SELECT 1 FROM deployments d WHERE d.application_id = i.application_id AND d.environment = i.environment
                            AND d.release_id = i.release_id AND d.commit_sha = i.commit_sha AND d.deployed_at = i.deployed_at)
       RETURNING id, application_id, environment, release_id, commit_sha, deployed_at`,
      [
        rows.map((row) => row.applicationId),
        rows.map((row) => row.environment),
        rows.map((row) => row.releaseId),
        rows.map((row) => row.commit),
        rows.map((row) => row.deployedAt),
        principal.label,
      ],
    )) as { id: string; application_id: string; environment: string; release_id: string; commit_sha: string; deployed_at: Date }[];
    result.deploymentsRecorded = inserted.length;
    const versions = new Map(releases.map((release) => [release.id, release.version]));
    const appsById = new Map([...applications.values()].map((app) => [app.id, app]));
    for (const row of inserted) {
      const fields = { environment: row.environment, runtime: versions.get(row.release_id)!, commit: row.commit_sha, deployedAt: row.deployed_at };
      events.push({ ...applicationSubject(appsById.get(row.application_id)!), action: 'DEPLOYMENT_RECORDED', after: { deploymentId: row.id, ...deploymentAuditFields(fields) } });
    }
    result.deploymentsUnchanged = rows.length - inserted.length;
    const touched = [...new Set(inserted.map((row) => row.application_id))];
    if (touched.length === 0) return;
    await manager.query(
      `INSERT INTO current_deployments (application_id, environment, deployment_id, release_id, deployed_at)
       SELECT DISTINCT ON (application_id, environment) application_id, environment, id, release_id, deployed_at
         FROM deployments WHERE application_id = ANY($1::uuid[])
        ORDER BY application_id, environment, deployed_at DESC, recorded_at DESC
       ON CONFLICT (application_id, environment) DO UPDATE
         SET deployment_id = EXCLUDED.deployment_id, release_id = EXCLUDED.release_id, deployed_at = EXCLUDED.deployed_at`,
      [touched],
    );
    for (const app of applications.values()) {
      if (app.latest_snapshot_id && touched.includes(app.id)) await this.snapshots.ensureScans(manager, app.id, app.latest_snapshot_id);
    }
  }
}
