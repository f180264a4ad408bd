import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, todayIn, type CalendarDate } from '../calendar/calendar-date';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { conflict } from '../common/errors/domain-error';
import { ImpactService } from '../impact/impact.service';
import { CatalogStore, type CatalogRelease, type CatalogSnapshot } from '../releases/catalog.store';
import { ESCALATING_MILESTONE_DAYS, planMilestones } from './domain/milestones';
import { escalationNotice, milestoneNotice, type NoticeText } from './domain/notice-text';
import { batchesSharingNoRecipient, digestsFor, oversees } from './domain/recipients';
import { LifecycleSweepSteps } from './lifecycle-sweep-steps';
import { NoticeAudienceRepository, type NoticeSubjectApplication } from './notice-audience.repository';
import { NoticeMigrationFacts } from './notice-migration-facts';
import { NoticeChannels, type GroupAnnouncement, type WrittenNotice } from './notice-channels';
import { NoticeRecordsRepository } from './notice-records.repository';
import type { NoticeKind } from './notice-kind';
import type { NoticedApplication } from './notice.entity';
import { NoticesMetrics } from './notices.metrics';
import { NoticesRepository } from './notices.repository';

/** (application, release) pairs one sweep reads at once; past this the sweep refuses before any work. */
export const MAX_SWEEP_PAIRS = 200_000;
/**
 * Applications per transaction (at least): a (release, milestone) with more is notified in
 * several, so memory stays bounded. Applications that share a recipient or an owning group are
 * never split, so each person gets one digest listing all of their applications and each group's
 * webhooks one delivery (see batchesSharingNoRecipient)...
 */
export const SWEEP_BATCH_APPLICATIONS = 500;
/**
 * ...unless more than this many applications of one release are linked by shared recipients (one
 * address on every application, say): they are notified in parts of this many, and the people
 * they share get a digest per part. This bounds one transaction's work whatever the data.
 */
export const MAX_LINKED_APPLICATIONS_PER_BATCH = 5_000;
/** Superseded records are one small row each: written in larger batches. */
const SUPERSEDED_BATCH_APPLICATIONS = 5_000;
/** Escalations handled by one sweep; the rest wait for the next one. */
export const MAX_ESCALATIONS_PER_SWEEP = 20_000;

/** What a sweep did; step counters (for example `migrationsOpened`) are merged in by name. */
export interface LifecycleSweepResult {
  asOf: CalendarDate;
  noticesCreated: number;
  deliveriesQueued: number;
  [counter: string]: number | string;
}

interface Tally {
  noticesCreated: number;
  deliveriesQueued: number;
}

/** Applications of one release that crossed one milestone (or that it supersedes). */
interface MilestoneGroup {
  releaseId: string;
  version: string;
  endOfSupport: CalendarDate;
  milestoneDays: number;
  applicationIds: string[];
  /** The owning group of each application, in the same order (sorted by group). */
  groupIds: string[];
}

function addToGroup(
  groups: Map<string, MilestoneGroup>,
  entry: Omit<MilestoneGroup, 'applicationIds' | 'groupIds'>,
  applicationId: string,
  owningGroupId: string,
): void {
  const key = `${entry.releaseId}|${entry.milestoneDays}`;
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { ...entry, applicationIds: [], groupIds: [] }));
  group.applicationIds.push(applicationId);
  group.groupIds.push(owningGroupId);
}

/** The applications in batches of at least `size`, cut only where the owning group changes. */
function batchesOf(group: MilestoneGroup, size: number): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  group.applicationIds.forEach((applicationId, index) => {
    if (current.length >= size && group.groupIds[index] !== group.groupIds[index - 1]) {
      batches.push(current);
      current = [];
    }
    current.push(applicationId);
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The daily lifecycle sweep: milestone notices that are due and not yet recorded, escalations
 * that are due, then the steps other modules registered. One sweep at a time across replicas
 * (an advisory lock); every notice is keyed so that even a concurrent sweep doubles nothing.
 */
@Injectable()
export class LifecycleSweepService {
  private readonly logger = new Logger(LifecycleSweepService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: NoticeRecordsRepository,
    private readonly audience: NoticeAudienceRepository,
    private readonly notices: NoticesRepository,
    private readonly catalog: CatalogStore,
    private readonly impact: ImpactService,
    private readonly steps: LifecycleSweepSteps,
    private readonly channels: NoticeChannels,
    private readonly migrationFacts: NoticeMigrationFacts,
    private readonly metrics: NoticesMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Today on campus: the day a sweep works for unless told otherwise. */
  today(): CalendarDate {
    return todayIn(this.config.campusTimeZone, this.clock.now());
  }

  async run(asOf?: CalendarDate | null): Promise<LifecycleSweepResult> {
    const day = asOf ?? this.today();
    const started = performance.now();
    const result = await this.records.withSweepLock(async () => {
      const tally: Tally = { noticesCreated: 0, deliveriesQueued: 0 };
      await this.sweepMilestones(day, tally);
      await this.sweepEscalations(day, tally);
      const counters = await this.runSteps(day);
      // Steps that make notices (expired waivers) count them under the same names.
      return {
        ...counters,
        asOf: day,
        noticesCreated: tally.noticesCreated + (counters.noticesCreated ?? 0),
        deliveriesQueued: tally.deliveriesQueued + (counters.deliveriesQueued ?? 0),
      };
    });
    this.metrics.sweepFinished(this.clock.now(), (performance.now() - started) / 1000);
    this.logger.log(`Lifecycle sweep for ${day}: ${result.noticesCreated} notices, ${result.deliveriesQueued} deliveries queued`);
    return result;
  }

  private async sweepMilestones(asOf: CalendarDate, tally: Tally): Promise<void> {
    const milestones = this.config.notices.milestonesDays;
    // A release whose largest milestone is not crossed needs no look at all.
    const cutoff = addDays(asOf, milestones[0]);
    const pairs = await this.records.countCandidates(cutoff);
    if (pairs > MAX_SWEEP_PAIRS) {
      throw conflict(`The sweep would look at ${pairs} (application, release) pairs, more than the ${MAX_SWEEP_PAIRS} one sweep handles`, { field: 'asOf' });
    }
    const due = new Map<string, MilestoneGroup>();
    const superseded = new Map<string, MilestoneGroup>();
    for (const candidate of await this.records.candidates(cutoff)) {
      const plan = planMilestones({ endOfSupport: candidate.endOfSupport, milestones, recorded: candidate.recorded, asOf });
      const release = { releaseId: candidate.releaseId, version: candidate.version, endOfSupport: candidate.endOfSupport };
      if (plan.due !== null) addToGroup(due, { ...release, milestoneDays: plan.due }, candidate.applicationId, candidate.owningGroupId);
      for (const days of plan.superseded) addToGroup(superseded, { ...release, milestoneDays: days }, candidate.applicationId, candidate.owningGroupId);
    }
    for (const group of superseded.values()) {
      for (const applicationIds of batchesOf(group, SUPERSEDED_BATCH_APPLICATIONS)) {
        await this.dataSource.transaction((manager) => this.records.record(manager, { ...group, status: 'SUPERSEDED', recordedOn: asOf }, applicationIds));
      }
    }
    const catalog = await this.catalog.current();
    for (const group of due.values()) {
      const recipients = await this.audience.recipientEmails(group.applicationIds);
      // The owning group links its applications too: its webhooks hear of them in one delivery.
      const batches = batchesSharingNoRecipient(
        group.applicationIds.map((id, index) => ({ id, emails: [...(recipients.get(id) ?? []), `group:${group.groupIds[index]}`] })),
        SWEEP_BATCH_APPLICATIONS,
        MAX_LINKED_APPLICATIONS_PER_BATCH,
      );
      for (const applicationIds of batches) {
        const done = await this.notifyMilestone(asOf, catalog, group, applicationIds);
        tally.noticesCreated += done.noticesCreated;
        tally.deliveriesQueued += done.deliveriesQueued;
      }
    }
  }

  /** The migration target of a release, as the catalog knows it. */
  private targetOf(catalog: CatalogSnapshot, version: string): CatalogRelease | null {
    const target = catalog.byVersion.get(version)?.migrationTargetVersion;
    return target ? (catalog.byVersion.get(target) ?? null) : null;
  }

  /**
   * The applications as notices list them: environments on the release, readiness for the target
   * (errors of the latest snapshot's scan against it, from the impact analysis), a link.
   */
  async listed(
    apps: readonly NoticeSubjectApplication[],
    target: CatalogRelease | null,
    releaseId: string,
    manager: EntityManager | null = null,
  ): Promise<Map<string, NoticedApplication>> {
    const snapshotIds = apps.flatMap((app) => (app.latestSnapshotId ? [app.latestSnapshotId] : []));
    const blockers = target && snapshotIds.length > 0 ? await this.impact.blockersFor(snapshotIds, target) : new Map<string, number>();
    const migrations = await this.migrationFacts.of(
      apps.map((app) => app.id),
      releaseId,
      manager,
    );
    return new Map(
      apps.map((app) => [
        app.id,
        {
          id: app.id,
          slug: app.slug,
          name: app.name,
          department: app.department,
          groupId: app.groupId,
          group: app.groupSlug,
          environments: app.environments,
          blockers: app.latestSnapshotId ? (blockers.get(app.latestSnapshotId) ?? null) : null,
          url: `${this.config.publicUrl}/apps/${app.slug}`,
          migration: migrations.get(app.id) ?? null,
        },
      ]),
    );
  }

  /**
   * Records the milestone for these applications and, for those this sweep recorded first, makes
   * each person's digest and queues its deliveries, all in one transaction.
   */
  private async notifyMilestone(asOf: CalendarDate, catalog: CatalogSnapshot, group: MilestoneGroup, applicationIds: string[]): Promise<Tally> {
    const target = this.targetOf(catalog, group.version);
    const apps = await this.audience.applications(null, applicationIds, group.releaseId);
    const listed = await this.listed(apps, target, group.releaseId);
    const describe = (noticed: readonly NoticedApplication[]): NoticeText =>
      milestoneNotice({ ...group, migrationTarget: target?.version ?? null, applications: noticed });
    return this.dataSource.transaction(async (manager) => {
      const recorded = new Set(await this.records.record(manager, { ...group, status: 'SENT', recordedOn: asOf }, applicationIds));
      const fresh = apps.filter((app) => recorded.has(app.id));
      return this.writeDigests(manager, 'MILESTONE', fresh, listed, {
        release: { id: group.releaseId, version: group.version, endOfSupport: group.endOfSupport, migrationTarget: target?.version ?? null },
        milestoneDays: group.milestoneDays,
        describe,
      });
    });
  }

  /**
   * One notice per person (digest) or per person and app, written and handed to the channels;
   * the groups' webhooks hear of every application once.
   */
  async writeDigests(
    manager: EntityManager,
    kind: NoticeKind,
    apps: readonly NoticeSubjectApplication[],
    listed: ReadonlyMap<string, NoticedApplication>,
    about: {
      release: { id: string; version: string; endOfSupport: CalendarDate; migrationTarget: string | null };
      milestoneDays: number | null;
      describe: (applications: readonly NoticedApplication[]) => NoticeText;
    },
  ): Promise<Tally> {
    const noticedOf = (app: NoticeSubjectApplication) => listed.get(app.id)!;
    const digests = digestsFor(apps, (app) => app.people);
    const createdAt = this.clock.now();
    const drafts = digests.map(({ person, applications }) => {
      const noticed = applications.map(noticedOf);
      return { person, noticed, text: about.describe(noticed) };
    });
    const ids = await this.notices.insertMany(
      manager,
      drafts.map(({ person, noticed, text }) => ({
        kind,
        recipientEmail: person.email,
        userId: person.userId,
        releaseId: about.release.id,
        releaseVersion: about.release.version,
        milestoneDays: about.milestoneDays,
        deadline: about.release.endOfSupport,
        subject: text.subject,
        bodyText: text.text,
        bodyHtml: text.html,
        applications: noticed,
        createdAt,
      })),
    );
    const written: WrittenNotice[] = drafts.map((draft, index) => ({ id: ids[index], person: draft.person, text: draft.text }));
    const announcement: GroupAnnouncement = {
      kind,
      release: { version: about.release.version, endOfSupport: about.release.endOfSupport, migrationTarget: about.release.migrationTarget },
      milestoneDays: about.milestoneDays,
      applications: apps.map(noticedOf),
      textFor: about.describe,
    };
    const deliveriesQueued = await this.channels.deliver(manager, written, announcement);
    this.metrics.noticesCreated(kind, ids.length);
    return { noticesCreated: ids.length, deliveriesQueued };
  }

  /**
   * Near milestones (30 days or fewer) that nobody in the owning group acknowledged within the
   * escalation period go, once, to the managers of the applications' departments.
   */
  private async sweepEscalations(asOf: CalendarDate, tally: Tally): Promise<void> {
    const { escalationDays } = this.config.notices;
    const candidates = await this.records.escalationCandidates(addDays(asOf, -escalationDays), ESCALATING_MILESTONE_DAYS, MAX_ESCALATIONS_PER_SWEEP);
    if (candidates.length === 0) return;
    const catalog = await this.catalog.current();
    const groups = new Map<string, { releaseId: string; milestoneDays: number; records: typeof candidates }>();
    for (const candidate of candidates) {
      const key = `${candidate.releaseId}|${candidate.milestoneDays}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { releaseId: candidate.releaseId, milestoneDays: candidate.milestoneDays, records: [] }));
      group.records.push(candidate);
    }
    for (const group of groups.values()) {
      const release = catalog.releases.find((candidate) => candidate.id === group.releaseId);
      if (!release) continue;
      const target = this.targetOf(catalog, release.version);
      const apps = await this.audience.applications(
        null,
        group.records.map((record) => record.applicationId),
        group.releaseId,
      );
      const listed = await this.listed(apps, target, group.releaseId);
      const done = await this.dataSource.transaction(async (manager) => {
        const marked = new Set(
          await this.records.markEscalated(
            manager,
            group.records.map((record) => record.recordId),
            this.clock.now(),
          ),
        );
        const escalated = new Set(group.records.filter((record) => marked.has(record.recordId)).map((record) => record.applicationId));
        const managers = await this.audience.managers(manager);
        // Each escalated application goes to every manager who oversees its department.
        const withManagers = apps
          .filter((app) => escalated.has(app.id))
          .map((app) => ({ ...app, people: managers.filter((entry) => oversees(entry.departments, app.department)).map((entry) => entry.person) }));
        const unwatched = [...new Set(withManagers.filter((app) => app.people.length === 0).map((app) => app.department))].sort();
        if (unwatched.length > 0) {
          // Nobody to escalate to: say so where operators look, rather than escalate into the void unseen.
          this.logger.warn(
            `${release.version} at ${group.milestoneDays} days: no manager oversees ${unwatched.join(', ')}; their unacknowledged notices were marked escalated with nobody told (give a manager these departments, or every department)`,
          );
        }
        // Managers also see what else is slipping in these departments: their at-risk and overdue migrations.
        const risky = await this.migrationFacts.riskyMigrationsOfDepartments([...new Set(withManagers.map((app) => app.department))].sort(), asOf, manager);
        return this.writeDigests(manager, 'ESCALATION', withManagers, listed, {
          release: { id: release.id, version: release.version, endOfSupport: release.endOfSupport, migrationTarget: target?.version ?? null },
          milestoneDays: group.milestoneDays,
          describe: (noticed) =>
            escalationNotice({
              version: release.version,
              endOfSupport: release.endOfSupport,
              milestoneDays: group.milestoneDays,
              migrationTarget: target?.version ?? null,
              escalationDays,
              applications: noticed,
              riskyMigrations: risky.filter((entry) => noticed.some((app) => app.department === entry.department)),
            }),
        });
      });
      tally.noticesCreated += done.noticesCreated;
      tally.deliveriesQueued += done.deliveriesQueued;
    }
  }

  /** The registered steps, one transaction each; their counters by name. */
  private async runSteps(asOf: CalendarDate): Promise<Record<string, number>> {
    const counters: Record<string, number> = {};
    for (const step of this.steps.list()) {
      const counted = await this.dataSource.transaction((manager) => step.run(asOf, manager));
      for (const [name, value] of Object.entries(counted)) counters[name] = (counters[name] ?? 0) + value;
    }
    return counters;
  }
}
