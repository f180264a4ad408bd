import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationFactsEvents, type ApplicationFactsChanged } from '../applications/application-facts-events';
import { ApplicationsService } from '../applications/applications.service';
import type { Principal } from '../auth/principal';
import { addDays, compareDates, todayIn, type CalendarDate } from '../calendar/calendar-date';
import { instantAtWallClock } from '../calendar/zoned-time';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { badInput, conflict, DomainError, ErrorCode, forbidden, notFound } from '../common/errors/domain-error';
import { canEditApplication, canReadApplication, readScopeOf, readsEveryGroup, type Caller } from '../groups/access-policy';
import { AccessService } from '../groups/access.service';
import { GroupsRepository } from '../groups/groups.repository';
import { CatalogStore, type CatalogRelease, type CatalogSnapshot } from '../releases/catalog.store';
import { noticeStartOf, pickRecommendedRelease } from '../releases/domain/release-status';
import { ReleaseEvents, type EndOfSupportChanged } from '../releases/release-events';
import { LifecycleSweepSteps } from '../notices/lifecycle-sweep-steps';
import { WaiverNoticesService } from '../notices/waiver-notices.service';
import { NoticeMigrationFacts } from '../notices/notice-migration-facts';
import { SnapshotsService } from '../snapshots/snapshots.service';
import { computeBurndown, RATE_WINDOW_DAYS, type Burndown } from './domain/burndown';
import { MIGRATION_RISKS, type MigrationRisk } from './domain/migration-risk';
import { blockersOf, deriveMigrationStatus, isDone, MIGRATION_STATUSES, type Blocker, type MigrationStatus } from './domain/migration-status';
import { defaultTargetOf, opensMigrations, retargetProblem } from './domain/opening';
import { checkWaiverDecision, checkWaiverRequest, type WaiverProblem } from './domain/waiver-rules';
import type { MigrationCursorKey, MigrationQuery, MigrationRow, MigrationSort, MigrationTransition, MigrationWaiver, TransitionCause } from './migration';
import { MigrationsRepository, type MigrationDeadline, type MigrationHead, type StoredFacts } from './migrations.repository';

export interface MigrationFilter {
  release?: string | null;
  department?: string | null;
  group?: string | null;
  status?: readonly MigrationStatus[] | null;
  risk?: readonly MigrationRisk[] | null;
}

export interface MigrationSummary {
  total: number;
  byStatus: Array<{ status: MigrationStatus; count: number }>;
  byRisk: Array<{ risk: MigrationRisk; count: number }>;
}

/** The export reads this many migrations per query: memory stays flat whatever the total. */
export const EXPORT_BATCH_SIZE = 500;
/** Day starts remembered for burndowns: some thirty years of days. */
const MAX_CACHED_DAY_STARTS = 12_000;

/** Most transitions one migration's history returns. */
export const MAX_HISTORY = 500;

const ERROR_SEVERITY = 'ERROR';

function blockersFromScan(findings: StoredFacts['scanFindings']): Blocker[] | null {
  if (findings === null) return null;
  return findings
    .filter((finding) => finding.severity === ERROR_SEVERITY)
    .map((finding) => ({
      code: finding.code,
      file: finding.file ?? null,
      line: finding.line ?? null,
      package: finding.package ?? null,
      message: finding.message,
    }));
}

function refuseProblems(problems: readonly WaiverProblem[]): void {
  const first = problems[0];
  if (!first) return;
  const message = problems.map((problem) => problem.message).join('; ');
  if (first.kind === 'FORBIDDEN') throw new DomainError(ErrorCode.FORBIDDEN, message, { field: first.field });
  if (first.kind === 'CONFLICT') throw conflict(message, { field: first.field });
  throw badInput(first.field, message);
}

/**
 * Migrations: opened by the lifecycle sweep (and when a moved end of support brings a release into
 * its notice window), their status recomputed from the facts inside every transaction that
 * changes them, waivers, and the figures managers read.
 */
@Injectable()
export class MigrationsService implements OnModuleInit {
  private readonly dayStartCache = new Map<CalendarDate, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly migrations: MigrationsRepository,
    private readonly catalog: CatalogStore,
    private readonly access: AccessService,
    private readonly groups: GroupsRepository,
    private readonly applications: ApplicationsService,
    private readonly snapshots: SnapshotsService,
    private readonly factsEvents: ApplicationFactsEvents,
    private readonly releaseEvents: ReleaseEvents,
    private readonly sweepSteps: LifecycleSweepSteps,
    private readonly waiverNotices: WaiverNoticesService,
    private readonly noticeMigrations: NoticeMigrationFacts,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.factsEvents.onChanged((event, manager) => this.onFactsChanged(event, manager));
    this.releaseEvents.onEndOfSupportChanged((event, manager) => this.onEndOfSupportChanged(event, manager));
    this.noticeMigrations.provide((applicationIds, releaseId, manager) => this.migrations.noticeFacts(manager, applicationIds, releaseId));
    this.noticeMigrations.provideRiskyMigrations((departments, asOf, perDepartment, manager) =>
      this.migrations.riskyOfDepartments(manager, departments, asOf, this.config.migrations.atRiskDays, perDepartment),
    );
    this.sweepSteps.register({
      name: 'migrations',
      run: async (asOf, manager) => {
        const migrationsOpened = await this.openDueMigrations(asOf, manager);
        const expired = await this.expireWaivers(asOf, manager);
        // The owning groups hear of it in the same transaction, so a waiver expires and is told once.
        const told = await this.waiverNotices.notifyWaiversExpired(
          manager,
          expired.map(({ waiver, wasApproved, applicationId, sourceVersion }) => ({
            applicationId,
            sourceVersion,
            expiresOn: waiver.expiresOn,
            reason: waiver.reason,
            wasApproved,
          })),
        );
        return { migrationsOpened, waiversExpired: expired.length, ...told };
      },
    });
  }

  today(): CalendarDate {
    return todayIn(this.config.campusTimeZone, this.clock.now());
  }

  // ---- opening ------------------------------------------------------------------------------------

  /**
   * Opens a migration for every application that runs a published release in its notice window
   * (or past its end of support) and has none off it yet. Idempotent: the lifecycle sweep step.
   */
  async openDueMigrations(asOf: CalendarDate, manager: EntityManager): Promise<number> {
    const catalog = await this.catalog.current();
    let opened = 0;
    for (const release of catalog.releases) {
      if (release.state !== 'PUBLISHED' || !opensMigrations(release, asOf)) continue;
      opened += await this.openOff(
        manager,
        catalog,
        { id: release.id, version: release.version, migrationTargetVersion: release.migrationTargetVersion },
        asOf,
      );
    }
    return opened;
  }

  /** A moved end of support that brings the release into its notice window opens its migrations at once. */
  private async onEndOfSupportChanged(event: EndOfSupportChanged, manager: EntityManager): Promise<void> {
    const asOf = todayIn(this.config.campusTimeZone, event.at);
    if (!opensMigrations({ noticeStart: noticeStartOf(event.release.endOfSupport, this.config.policy.noticeMonths) }, asOf)) return;
    const catalog = await this.catalog.current();
    await this.openOff(manager, catalog, { id: event.release.id, version: event.release.version, migrationTargetVersion: event.release.migrationTarget }, asOf);
  }

  private async openOff(
    manager: EntityManager,
    catalog: CatalogSnapshot,
    release: { id: string; version: string; migrationTargetVersion: string | null },
    asOf: CalendarDate,
  ): Promise<number> {
    const targetVersion = defaultTargetOf(release, this.recommendedVersion(catalog, asOf));
    const target = targetVersion === null ? undefined : catalog.byVersion.get(targetVersion);
    // Without a published target there is nowhere to move to yet; the next sweep tries again.
    if (!target || target.state !== 'PUBLISHED') return 0;
    const at = this.clock.now();
    const ids = await this.migrations.openMissing(manager, { sourceReleaseId: release.id, targetReleaseId: target.id, openedBy: 'lifecycle sweep', at });
    await this.recompute(manager, ids, { kind: 'OPENED', ref: null, text: `opened by the lifecycle sweep: ${release.version} reached its notice start`, at });
    return ids.length;
  }

  private recommendedVersion(catalog: CatalogSnapshot, on: CalendarDate): string | null {
    const published = catalog.releases.filter((release) => release.state === 'PUBLISHED');
    return pickRecommendedRelease(published, on, this.config.policy.noticeMonths)?.version ?? null;
  }

  /** By hand (admins and members of the owning group): a migration of the application off a release it runs. */
  async openByHand(principal: Principal, input: { application: string; from: string; to?: string | null }): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const app = await this.applications.getEditable(
        principal,
        input.application,
        manager,
        'application',
        canEditApplication,
        (slug) => `Only members of the group that owns ${slug} (and admins) may open its migrations`,
      );
      const catalog = await this.catalog.current();
      const source = catalog.byVersion.get(input.from.trim());
      if (!source || source.state !== 'PUBLISHED') throw badInput('from', `from: no published runtime release ${input.from}`);
      const today = this.today();
      const target = this.checkedTarget(catalog, source.version, input.to ?? defaultTargetOf(source, this.recommendedVersion(catalog, today)), today, 'to');
      if (await this.migrations.idOf(manager, app.id, source.id))
        throw conflict(`${app.slug} already has a migration off ${source.version}`, { field: 'from' });
      const at = this.clock.now();
      const [id] = await this.migrations.openMissing(manager, {
        sourceReleaseId: source.id,
        targetReleaseId: target.id,
        openedBy: principal.label,
        at,
        applicationIds: [app.id],
      });
      if (id === undefined) throw badInput('from', `${app.slug} runs ${source.version} in no environment; there is nothing to migrate off`);
      await this.recompute(manager, [id], { kind: 'OPENED', ref: principal.label, text: `opened by ${principal.label}`, at });
      return id;
    });
  }

  private checkedTarget(catalog: CatalogSnapshot, sourceVersion: string, to: string | null, today: CalendarDate, field: string): CatalogRelease {
    if (to === null) throw badInput(field, `${field}: ${sourceVersion} has no migration target and no release is recommended; name one`);
    const target = catalog.byVersion.get(to.trim()) ?? null;
    const problem = retargetProblem(sourceVersion, target, to, today);
    if (problem !== null || target === null) throw badInput(field, problem ?? `${field}: no runtime release ${to}`);
    return target;
  }

  // ---- recomputing --------------------------------------------------------------------------------

  /** Derives the status of these migrations from the facts and records every change with its cause. */
  async recompute(manager: EntityManager, migrationIds: readonly string[], cause: TransitionCause): Promise<void> {
    const facts = await this.migrations.lockFacts(manager, migrationIds);
    const changes = facts.flatMap((fact) => {
      const scanBlockers = blockersFromScan(fact.scanFindings);
      const derivationFacts = {
        sourceVersion: fact.sourceVersion,
        targetVersion: fact.targetVersion,
        running: fact.running,
        latestScanAgainstTarget: scanBlockers === null ? null : { blockers: scanBlockers },
        declaration: fact.declaration,
        waived: fact.waived,
      };
      const status = deriveMigrationStatus(derivationFacts);
      const blockers = blockersOf(derivationFacts);
      return [{ id: fact.id, previousStatus: fact.recorded ? fact.status : null, status, blockers }];
    });
    await this.migrations.applyChanges(manager, changes, cause);
  }

  private async onFactsChanged(event: ApplicationFactsChanged, manager: EntityManager): Promise<void> {
    const ids = await this.migrations.idsOfApplications(manager, event.applicationIds);
    if (ids.length === 0) return;
    if (event.kind === 'SCAN' && event.ref !== null) {
      // Requirements submitted during a migration are scanned against its target: that scan is the work's first evidence, and its errors are the blockers.
      await this.snapshots.ensureScansAgainst(manager, event.ref, await this.migrations.targetIdsOf(manager, ids));
    }
    await this.recompute(manager, ids, { kind: event.kind, ref: event.ref, text: event.description, at: event.at });
  }

  // ---- members and admins ---------------------------------------------------------------------------

  /** The migration for a change by an admin or a member of the owning group: NOT_FOUND for those who cannot see it. */
  private async editable(
    principal: Principal,
    manager: EntityManager,
    migrationId: string,
    field = 'migration',
  ): Promise<{ head: MigrationHead; caller: Caller }> {
    const [head, caller] = await Promise.all([this.migrations.lockHead(manager, migrationId), this.access.callerFor(principal, manager)]);
    if (!head || !canReadApplication(caller, head)) throw notFound(`No migration ${migrationId} that you can see`, { field });
    if (!canEditApplication(caller, head)) throw forbidden(`Only members of the group that owns ${head.slug} (and admins) may change its migration`);
    return { head, caller };
  }

  async retarget(principal: Principal, input: { migration: string; to: string }): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const { head } = await this.editable(principal, manager, input.migration);
      const catalog = await this.catalog.current();
      const target = this.checkedTarget(catalog, head.sourceVersion, input.to, this.today(), 'to');
      if (target.version === head.targetVersion) return head.id;
      await this.migrations.setTarget(manager, head.id, target.id);
      await this.recompute(manager, [head.id], {
        kind: 'PERSON',
        ref: principal.label,
        text: `retargeted from ${head.targetVersion} to ${target.version} by ${principal.label}`,
        at: this.clock.now(),
      });
      return head.id;
    });
  }

  /** A member says work started, or that it is blocked and why; saying started again lifts a declared block. */
  async declare(principal: Principal, input: { migration: string; kind: 'STARTED' | 'BLOCKED'; reason?: string | null }): Promise<string> {
    const reason = input.reason?.trim() || null;
    if (input.kind === 'BLOCKED' && (reason === null || reason.length < 3))
      throw badInput('reason', 'reason must say what blocks the migration (at least 3 characters)');
    return this.dataSource.transaction(async (manager) => {
      const { head } = await this.editable(principal, manager, input.migration);
      const at = this.clock.now();
      await this.migrations.insertDeclaration(manager, { migrationId: head.id, kind: input.kind, reason, by: principal.label, at });
      const text = input.kind === 'STARTED' ? `${principal.label} said work started` : `${principal.label} said it is blocked: ${reason}`;
      await this.recompute(manager, [head.id], { kind: 'PERSON', ref: principal.label, text, at });
      return head.id;
    });
  }

  async requestWaiver(principal: Principal, input: { migration: string; reason: string; expiresOn: CalendarDate }): Promise<MigrationWaiver> {
    return this.dataSource.transaction(async (manager) => {
      const { head } = await this.editable(principal, manager, input.migration);
      const open = await this.migrations.openWaiverOf(manager, head.id);
      refuseProblems(
        checkWaiverRequest(input, {
          today: this.today(),
          deadline: head.deadline,
          maxDaysPastDeadline: this.config.migrations.waiverMaxDays,
          migrationDone: isDone(head.status),
          hasOpenWaiver: open !== null,
        }),
      );
      return this.migrations.insertWaiver(manager, {
        migrationId: head.id,
        reason: input.reason.trim(),
        expiresOn: input.expiresOn,
        requestedBy: principal.label,
        at: this.clock.now(),
      });
    });
  }

  /** Admins only (the resolver checks the role); never one's own request; a decision is final. */
  async decideWaiver(principal: Principal, input: { waiver: string; approve: boolean; reason: string }): Promise<MigrationWaiver> {
    return this.dataSource.transaction(async (manager) => {
      const waiver = await this.migrations.lockWaiver(manager, input.waiver);
      if (!waiver) throw notFound(`No waiver ${input.waiver}`, { field: 'waiver' });
      refuseProblems(checkWaiverDecision(waiver, { decidedBy: principal.label, reason: input.reason, today: this.today() }));
      const at = this.clock.now();
      const decided = await this.migrations.decideWaiver(manager, {
        waiverId: waiver.id,
        approve: input.approve,
        by: principal.label,
        reason: input.reason.trim(),
        at,
      });
      if (input.approve) {
        await this.recompute(manager, [waiver.migrationId], {
          kind: 'WAIVER',
          ref: waiver.id,
          text: `waiver until ${waiver.expiresOn} approved by ${principal.label}`,
          at,
        });
      }
      return decided;
    });
  }

  /** Waivers past their last day expire; their migrations go back to what the facts say. Part of the sweep. */
  async expireWaivers(
    asOf: CalendarDate,
    manager: EntityManager,
  ): Promise<
    Array<{ waiver: MigrationWaiver; wasApproved: boolean; applicationId: string; applicationSlug: string; owningGroupId: string; sourceVersion: string }>
  > {
    const expired = await this.migrations.expireWaivers(manager, asOf);
    const at = this.clock.now();
    for (const waiver of expired.filter((entry) => entry.wasApproved)) {
      await this.recompute(manager, [waiver.migrationId], { kind: 'WAIVER', ref: waiver.id, text: `waiver expired after ${waiver.expiresOn}`, at });
    }
    return expired.map(({ wasApproved, applicationId, applicationSlug, owningGroupId, sourceVersion, ...waiver }) => ({
      waiver,
      wasApproved,
      applicationId,
      applicationSlug,
      owningGroupId,
      sourceVersion,
    }));
  }

  // ---- reading ------------------------------------------------------------------------------------------

  /** The caller's query: release, department and group checked (unknown ones are refused, naming the field). */
  async queryFor(principal: Principal, filter: MigrationFilter, fieldPrefix = 'filter.'): Promise<MigrationQuery> {
    const caller = await this.access.callerFor(principal);
    const scope = readScopeOf(caller);
    const query: MigrationQuery = { scope, today: this.today(), atRiskDays: this.config.migrations.atRiskDays };
    if (filter.release) {
      const release = (await this.catalog.current()).byVersion.get(filter.release.trim());
      if (!release || release.state !== 'PUBLISHED')
        throw badInput(`${fieldPrefix}release`, `${fieldPrefix}release: no published runtime release ${filter.release}`);
      query.sourceReleaseId = release.id;
    }
    if (filter.department) {
      const department = filter.department.trim();
      if (!(await this.migrations.departmentKnown(scope, department))) {
        throw badInput(`${fieldPrefix}department`, `${fieldPrefix}department: no application you can see is in department ${department}`);
      }
      query.department = department;
    }
    if (filter.group) {
      const group = await this.groups.findBySlug(filter.group.trim());
      if (!group || !(readsEveryGroup(caller) || caller.memberOf.has(group.id))) {
        throw badInput(`${fieldPrefix}group`, `${fieldPrefix}group: no group ${filter.group}`);
      }
      query.owningGroupId = group.id;
    }
    if (filter.status) query.statuses = checkedValues(filter.status, MIGRATION_STATUSES, `${fieldPrefix}status`);
    if (filter.risk) query.risks = checkedValues(filter.risk, MIGRATION_RISKS, `${fieldPrefix}risk`);
    return query;
  }

  list(query: MigrationQuery, order: { sort: MigrationSort; descending: boolean }, request: { first: number; after: MigrationCursorKey | null }) {
    return this.migrations.page(query, order, request);
  }

  async summary(principal: Principal, release: string, department: string | null): Promise<MigrationSummary> {
    const query = await this.queryFor(principal, { release, department }, '');
    const counts = await this.migrations.counts(query);
    const byStatus = new Map<MigrationStatus, number>(MIGRATION_STATUSES.map((status) => [status, 0]));
    const byRisk = new Map<MigrationRisk, number>(MIGRATION_RISKS.map((risk) => [risk, 0]));
    let total = 0;
    for (const row of counts) {
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
      byRisk.set(row.risk, (byRisk.get(row.risk) ?? 0) + row.count);
      total += row.count;
    }
    return {
      total,
      byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
      byRisk: [...byRisk].map(([risk, count]) => ({ risk, count })),
    };
  }

  /** Counts by department, status and risk of the caller's migrations from a release (the dashboard page). */
  async countsByDepartment(principal: Principal, release: string) {
    return this.migrations.countsByDepartment(await this.queryFor(principal, { release }, ''));
  }

  async burndown(principal: Principal, release: string, department: string | null): Promise<Burndown & { noticeStart: CalendarDate; deadline: CalendarDate }> {
    const query = await this.queryFor(principal, { release, department }, '');
    const source = (await this.catalog.current()).byVersion.get(release.trim())!;
    // From the notice start (or the rate's window, if that starts earlier) to today.
    const windowStart = addDays(query.today, -RATE_WINDOW_DAYS);
    const from = compareDates(source.noticeStart, windowStart) < 0 ? source.noticeStart : windowStart;
    const days = await this.migrations.transitionDays(query, { firstDay: from, dayStarts: this.dayStarts(from, query.today) });
    return {
      ...computeBurndown(days, { noticeStart: source.noticeStart, deadline: source.endOfSupport, today: query.today }),
      noticeStart: source.noticeStart,
      deadline: source.endOfSupport,
    };
  }

  /** When each campus day from `from` to `to` starts, in epoch seconds (remembered: a day's start never moves). */
  private dayStarts(from: CalendarDate, to: CalendarDate): number[] {
    const starts: number[] = [];
    for (let day = from; compareDates(day, to) <= 0; day = addDays(day, 1)) {
      let start = this.dayStartCache.get(day);
      if (start === undefined) {
        const [year, month, date] = day.split('-').map(Number);
        start = instantAtWallClock({ year, month, day: date, hour: 0, minute: 0 }, this.config.campusTimeZone).getTime() / 1000;
        if (this.dayStartCache.size < MAX_CACHED_DAY_STARTS) this.dayStartCache.set(day, start);
      }
      starts.push(start);
    }
    return starts;
  }

  /** Every migration of the query in application order, in batches with their latest waivers (the CSV export streams these). */
  async *batches(query: MigrationQuery): AsyncGenerator<Array<{ row: MigrationRow; waiver: MigrationWaiver | null }>> {
    for await (const rows of this.migrations.stream(query, EXPORT_BATCH_SIZE)) {
      const waivers = await this.migrations.latestWaivers(rows.map((row) => row.id));
      yield rows.map((row) => ({ row, waiver: waivers.get(row.id) ?? null }));
    }
  }

  /** A migration after a change its caller was allowed to make. */
  async row(migrationId: string): Promise<MigrationRow> {
    const [row] = await this.migrations.rowsByIds([migrationId], this.today(), this.config.migrations.atRiskDays);
    if (!row) throw notFound(`No migration ${migrationId}`, { field: 'migration' });
    return row;
  }

  /**
   * The deadlines the caller may see, per source release and department (or owning group), with
   * how many migrations remain: what the migrations iCalendar feed lists. `department` or `group`
   * narrows it (unknown ones are refused like the list's filters).
   */
  async deadlines(
    principal: Principal,
    options: { by: 'DEPARTMENT' | 'GROUP'; department?: string | null; group?: string | null },
  ): Promise<MigrationDeadline[]> {
    const query = await this.queryFor(principal, { department: options.department, group: options.group }, '');
    return this.migrations.deadlines(query, options.by);
  }

  /** The migrations of an application the caller was allowed to read (the application page). */
  ofApplication(applicationId: string): Promise<MigrationRow[]> {
    return this.migrations.ofApplication(applicationId, this.today(), this.config.migrations.atRiskDays);
  }

  latestWaivers(migrationIds: readonly string[]): Promise<Map<string, MigrationWaiver>> {
    return this.migrations.latestWaivers(migrationIds);
  }

  histories(migrationIds: readonly string[], last: number): Promise<Map<string, MigrationTransition[]>> {
    return this.migrations.histories(migrationIds, Math.min(last, MAX_HISTORY));
  }
}

function checkedValues<T extends string>(values: readonly string[], known: readonly T[], field: string): T[] {
  const unknown = values.filter((value) => !(known as readonly string[]).includes(value));
  if (unknown.length > 0) throw badInput(field, `${field}: unknown value ${unknown.join(', ')}; expected one of ${known.join(', ')}`);
  return values as T[];
}
