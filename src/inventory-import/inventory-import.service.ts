import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Application, ApplicationFields } from '../applications/application';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ApplicationFactsEvents } from '../applications/application-facts-events';
import {
  checkReferences,
  compareInventoryErrors,
  describeLocation,
  parseInventoryCsv,
  parseInventoryJson,
  type InventoryError,
  type InventoryPlan,
} from './import';
import type { Principal } from '../auth/principal';
import { UsersRepository } from '../auth/users.repository';
import { Clock } from '../common/clock/clock';
import { badInput } from '../common/errors/domain-error';
import { DeploymentsRepository } from '../deployments/deployments.repository';
import { GroupsRepository } from '../groups/groups.repository';
import { applicationSubject, groupSubject, AuditRecorder, type AuditEntry } from '../audit/audit.recorder';
import { applicationAuditFields } from '../inventory-audit/utils/application-audit-fields';
import { applicationChanges } from '../inventory-audit/utils/application-changes';
import { deploymentAuditFields } from '../inventory-audit/utils/deployment-audit-fields';
import { CatalogStore } from '../releases/catalog.store';
import { ReleasesService } from '../releases/releases.service';
import { SnapshotsService } from '../snapshots/snapshots.service';

export const INVENTORY_FORMATS = ['CSV', 'JSON'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

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

function sameApplication(existing: Application, planned: ApplicationFields): boolean {
  return (
    existing.name === planned.name &&
    existing.department === planned.department &&
    existing.owningGroupId === planned.owningGroupId &&
    existing.repositoryUrl === planned.repositoryUrl &&
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
    private readonly groups: GroupsRepository,
    private readonly users: UsersRepository,
    private readonly applications: ApplicationsRepository,
    private readonly deployments: DeploymentsRepository,
    private readonly catalog: CatalogStore,
    private readonly releases: ReleasesService,
    private readonly snapshots: SnapshotsService,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
    private readonly factsEvents: ApplicationFactsEvents,
  ) {}

  async import(principal: Principal, input: { format: InventoryFormat; content: string; dryRun: boolean }): Promise<InventoryImportResult> {
    const options = { timeZone: this.releases.campusTimeZone, now: this.clock.now() };
    const { plan, errors } = input.format === 'CSV' ? parseInventoryCsv(input.content, options) : parseInventoryJson(input.content, options);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Unknown groups, runtimes and users are reported in the same round as the typos.
        const all = [...errors, ...checkReferences(plan, await this.knownInventory(manager, plan))].sort(compareInventoryErrors);
        if (all.length > 0) refuse(all);
        const events: AuditEntry[] = [];
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
      this.groups.existingSlugs(manager, [...plan.references.groups.keys()]),
      this.users.existingEmails(manager, [...plan.references.users.keys()]),
    ]);
    const { releases } = await this.catalog.current();
    return {
      groups,
      users,
      publishedRuntimes: new Set(releases.filter((release) => release.state === 'PUBLISHED').map((release) => release.version)),
    };
  }

  /** Writes the plan; `events` receives an audit entry per group, member, application and deployment written. */
  private async apply(manager: EntityManager, plan: InventoryPlan, principal: Principal, events: AuditEntry[]): Promise<InventoryImportResult> {
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
    const applications = await this.applyApplications(manager, plan, groupIds, result, events);
    await this.applyDeployments(manager, principal, plan, applications, result, events);
    return result;
  }

  /** Creates and renames the groups the file defines, adds their members, and locks every group the file names. */
  private async applyGroups(manager: EntityManager, plan: InventoryPlan, result: InventoryImportResult, events: AuditEntry[]): Promise<Map<string, string>> {
    const upserted = await this.groups.upsertMany(
      manager,
      plan.groups.map(({ slug, name }) => ({ slug, name })),
    );
    const defined = new Set(plan.groups.map((group) => group.slug));
    const ownersOnly = await this.groups.lockBySlugs(
      manager,
      [...new Set(plan.applications.map((app) => app.group))].filter((slug) => !defined.has(slug)),
    );
    const ids = new Map([...upserted.map(({ group }) => [group.slug, group.id] as const), ...ownersOnly.map((group) => [group.slug, group.id] as const)]);
    // Members are added or promoted; people already in the group are never removed by an import.
    const written = await this.groups.addMembers(
      manager,
      plan.groups.flatMap((group) => group.members.map((member) => ({ groupId: ids.get(group.slug)!, email: member.email, role: member.role }))),
    );
    result.membersAdded += written.length;
    for (const { group, outcome, previousName } of upserted) {
      if (outcome === 'CREATED') {
        result.groupsCreated += 1;
        events.push({ ...groupSubject(group), action: 'GROUP_CREATED', after: { slug: group.slug, name: group.name, description: null } });
      } else if (outcome === 'RENAMED') {
        result.groupsUpdated += 1;
        events.push({ ...groupSubject(group), action: 'GROUP_UPDATED', before: { name: previousName }, after: { name: group.name } });
      }
      for (const member of written.filter((candidate) => candidate.groupId === group.id)) {
        events.push({
          ...groupSubject(group),
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
    events: AuditEntry[],
  ): Promise<Map<string, Application>> {
    const existing = new Map(
      (
        await this.applications.lockBySlugs(
          manager,
          plan.applications.map((app) => app.slug),
        )
      ).map((app) => [app.slug, app]),
    );
    const groupSlugs = new Map(
      (await this.groups.findByIds([...new Set([...existing.values()].map((app) => app.owningGroupId))], manager)).map((group) => [group.id, group.slug]),
    );
    const toCreate: Array<{ fields: ApplicationFields; group: string }> = [];
    const toUpdate: Array<{ fields: ApplicationFields; group: string; current: Application }> = [];
    for (const app of plan.applications) {
      const fields: ApplicationFields = {
        slug: app.slug,
        name: app.name,
        description: app.description,
        department: app.department,
        owningGroupId: groupIds.get(app.group)!,
        contacts: app.contacts,
        repositoryUrl: app.repositoryUrl,
      };
      const current = existing.get(app.slug);
      if (!current) toCreate.push({ fields, group: app.group });
      else if (sameApplication(current, fields)) result.applicationsUnchanged += 1;
      else toUpdate.push({ fields, group: app.group, current });
    }
    const created = await this.applications.insertMany(
      manager,
      toCreate.map(({ fields }) => fields),
    );
    created.forEach((app, index) => {
      existing.set(app.slug, app);
      events.push({ ...applicationSubject(app), action: 'APPLICATION_CREATED', after: { ...applicationAuditFields(app, toCreate[index].group) } });
    });
    result.applicationsCreated += created.length;
    const updated = await this.applications.updateMany(
      manager,
      toUpdate.map(({ fields, current }) => ({ ...fields, id: current.id })),
    );
    updated.forEach((app, index) => {
      const { current, group } = toUpdate[index];
      existing.set(app.slug, app);
      for (const change of applicationChanges(applicationAuditFields(current, groupSlugs.get(current.owningGroupId)!), applicationAuditFields(app, group))) {
        events.push({ ...applicationSubject(app), ...change });
      }
    });
    result.applicationsUpdated += updated.length;
    return existing;
  }

  private async applyDeployments(
    manager: EntityManager,
    principal: Principal,
    plan: InventoryPlan,
    applications: Map<string, Application>,
    result: InventoryImportResult,
    events: AuditEntry[],
  ): Promise<void> {
    const { byVersion } = await this.catalog.current();
    const planned = plan.applications.flatMap((app) =>
      app.deployments.map((deployment) => ({
        applicationId: applications.get(app.slug)!.id,
        environment: deployment.environment,
        releaseId: byVersion.get(deployment.runtime)!.id,
        commit: deployment.commit,
        deployedAt: new Date(deployment.deployedAt),
        recordedBy: principal.label,
        overrideReason: null,
      })),
    );
    const inserted = await this.deployments.insertUnrecorded(manager, planned);
    result.deploymentsRecorded = inserted.length;
    result.deploymentsUnchanged = planned.length - inserted.length;
    const appsById = new Map([...applications.values()].map((app) => [app.id, app]));
    for (const deployment of inserted) {
      const fields = { environment: deployment.environment, runtime: deployment.runtimeVersion, commit: deployment.commit, deployedAt: deployment.deployedAt };
      events.push({
        ...applicationSubject(appsById.get(deployment.applicationId)!),
        action: 'DEPLOYMENT_RECORDED',
        after: { deploymentId: deployment.id, ...deploymentAuditFields(fields) },
      });
    }
    const touched = [...new Set(inserted.map((deployment) => deployment.applicationId))];
    await this.deployments.refreshCurrent(manager, touched);
    for (const id of touched) {
      const app = appsById.get(id)!;
      if (app.latestSnapshotId) await this.snapshots.ensureScans(manager, app.id, app.latestSnapshotId);
    }
    await this.factsEvents.changed(
      { applicationIds: touched, kind: 'DEPLOYMENT', ref: null, description: `inventory import by ${principal.label}`, at: this.clock.now() },
      manager,
    );
  }
}
