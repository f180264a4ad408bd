import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRecorder, releaseSubject, type ReleaseAuditEntry } from '../audit/audit.recorder';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock/clock';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { badInput, conflict, forbidden, notFound } from '../common/errors/domain-error';
import { todayIn, type CalendarDate } from '../calendar/calendar-date';
import {
  checkMigrationTarget,
  checkReleaseShape,
  evaluatePolicy,
  meaningfulReason,
  summarizeViolations,
  type LifecyclePolicy,
  type PolicyEvaluation,
} from './domain/lifecycle-policy';
import type { PolicyViolation } from './domain/policy-violation';
import { deriveReleaseStatus, pickRecommendedRelease, type ReleaseStatus } from './domain/release-status';
import { CatalogStore, readCatalog, type CatalogRelease, type CatalogSnapshot } from './catalog.store';
import { findVisibleRelease, readsDrafts } from './draft-visibility';
import { ReleasesRepository, type ReleaseFields } from './releases.repository';
import { auditSnapshotOf, buildCandidate, candidateOf, type ReleaseCandidateFields, type ReleaseFieldsPatch } from './release-candidate';
import type { Track } from './release.entity';
import { ReleaseView } from './release-view';
import { ReleaseEvents, type ReleaseFacts } from './release-events';

export interface ReleaseFilter {
  status?: ReleaseStatus[] | null;
  track?: Track | null;
  on?: CalendarDate | null;
  includeDrafts?: boolean | null;
  pythonVersion?: string | null;
}

export interface OverrideReasonsInput {
  policyOverrideReason?: string | null;
  securityExceptionReason?: string | null;
}

/** Still supported: available and not yet at end of support (DEPRECATED releases are supported, with notice). */
const SUPPORTED_STATUSES: readonly ReleaseStatus[] = ['SUPPORTED', 'DEPRECATED'];

/** A mistake in the data itself, or a policy violation without the reason that would allow it. */
function refuse(blocking: readonly PolicyViolation[]): never {
  const first = blocking[0];
  throw badInput(first.field, summarizeViolations(blocking), {
    violations: blocking.map(({ code, field, message, requires }) => ({ code, field, message, requires })),
  });
}

function recordedReason(parts: { reason?: string | null } & OverrideReasonsInput, evaluation: PolicyEvaluation | null): string | null {
  const lines = [meaningfulReason(parts.reason)];
  const overridden = evaluation?.overridden ?? [];
  if (overridden.some((violation) => violation.requires === 'POLICY_OVERRIDE_REASON')) {
    lines.push(`Policy override: ${meaningfulReason(parts.policyOverrideReason)}`);
  }
  if (overridden.some((violation) => violation.requires === 'SECURITY_EXCEPTION_REASON')) {
    lines.push(`Security exception: ${meaningfulReason(parts.securityExceptionReason)}`);
  }
  const text = lines.filter((line): line is string => line !== null).join('\n');
  return text === '' ? null : text;
}

/** What ReleaseEvents' listeners learn about a release just written. */
function factsOf(id: string, candidate: ReleaseCandidateFields): ReleaseFacts {
  const { version, pythonVersion, track, generalAvailability, endOfSupport, migrationTarget } = candidate;
  return { id, version, pythonVersion, track, generalAvailability, endOfSupport, migrationTarget };
}

@Injectable()
export class ReleasesService {
  constructor(
    private readonly store: CatalogStore,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReleasesRepository,
    private readonly audit: AuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: ReleaseEvents,
  ) {}

  /** Today on campus: the default day every status is computed for. */
  today(): CalendarDate {
    return todayIn(this.config.campusTimeZone, this.clock.now());
  }

  get campusTimeZone(): string {
    return this.config.campusTimeZone;
  }

  /** The status a release had at an instant, judged by the campus calendar day. */
  statusAt(release: { generalAvailability: string; endOfSupport: string }, instant: Date): ReleaseStatus {
    return deriveReleaseStatus(release, todayIn(this.config.campusTimeZone, instant), this.config.policy.noticeMonths);
  }

  get policy(): LifecyclePolicy {
    const { noticeMonths, ltsWindowMonths, stableWindowMonths, toleranceMonths } = this.config.policy;
    return { noticeMonths, windowMonths: { LTS: ltsWindowMonths, STABLE: stableWindowMonths }, toleranceMonths };
  }

  private viewsFor(snapshot: CatalogSnapshot, on: CalendarDate) {
    const noticeMonths = this.config.policy.noticeMonths;
    const published = snapshot.releases.filter((release) => release.state === 'PUBLISHED');
    const recommendedVersion = pickRecommendedRelease(published, on, noticeMonths)?.version ?? null;
    return (release: CatalogRelease) => new ReleaseView(release, { on, noticeMonths, snapshot, recommendedVersion });
  }

  /** Any catalog release (drafts included: callers check visibility) as GraphQL returns it, for today. */
  async viewOf(release: CatalogRelease): Promise<ReleaseView> {
    return this.viewsFor(await this.store.current(), this.today())(release);
  }

  async listReleases(principal: Principal | null, filter: ReleaseFilter): Promise<ReleaseView[]> {
    if (filter.includeDrafts && !readsDrafts(principal)) throw forbidden('Only admins may see draft releases (includeDrafts)');
    const on = filter.on ?? this.today();
    const snapshot = await this.store.current();
    const statuses = filter.status && filter.status.length > 0 ? new Set(filter.status) : null;
    const noticeMonths = this.config.policy.noticeMonths;
    const view = this.viewsFor(snapshot, on);
    const views: ReleaseView[] = [];
    for (const release of snapshot.releases) {
      if (release.state === 'DRAFT' && !filter.includeDrafts) continue;
      if (filter.track && release.track !== filter.track) continue;
      if (filter.pythonVersion && !release.pythonVersion.startsWith(filter.pythonVersion)) continue;
      if (statuses && (release.state === 'DRAFT' || !statuses.has(deriveReleaseStatus(release, on, noticeMonths)))) continue;
      views.push(view(release));
    }
    return views;
  }

  supportedReleases(on?: CalendarDate | null): Promise<ReleaseView[]> {
    return this.listReleases(null, { on, status: [...SUPPORTED_STATUSES] });
  }

  async getRelease(principal: Principal | null, version: string, on?: CalendarDate | null): Promise<ReleaseView | null> {
    const snapshot = await this.store.current();
    const release = findVisibleRelease(snapshot.byVersion, version, principal);
    if (!release) return null;
    return this.viewsFor(snapshot, on ?? this.today())(release);
  }

  async recommendedRelease(on?: CalendarDate | null): Promise<ReleaseView | null> {
    const day = on ?? this.today();
    const snapshot = await this.store.current();
    const published = snapshot.releases.filter((release) => release.state === 'PUBLISHED');
    const recommended = pickRecommendedRelease(published, day, this.config.policy.noticeMonths);
    return recommended ? this.viewsFor(snapshot, day)(recommended) : null;
  }

  /** A published release by version, or NOT_FOUND naming the argument. */
  async requirePublished(version: string, field = 'version'): Promise<CatalogRelease> {
    const snapshot = await this.store.current();
    const release = snapshot.byVersion.get(version.trim());
    if (!release || release.state !== 'PUBLISHED') {
      throw notFound(`No published runtime release ${version}; the catalog lists: ${this.describeVersions(snapshot)}`, { field });
    }
    return release;
  }

  private describeVersions(snapshot: CatalogSnapshot): string {
    const versions = snapshot.releases.filter((release) => release.state === 'PUBLISHED').map((release) => release.version);
    return versions.length === 0 ? '(none)' : versions.join(', ');
  }

  /** What publishing `input` would violate, without changing anything (for review before publishing). */
  async checkPolicy(principal: Principal, input: { version: string } & ReleaseFieldsPatch): Promise<PolicyViolation[]> {
    const snapshot = await this.store.current();
    const existing = snapshot.byVersion.get(input.version.trim()) ?? null;
    const candidate = buildCandidate(input.version, input, existing?.state === 'DRAFT' ? existing : null);
    const previousEndOfSupport = existing?.state === 'PUBLISHED' ? existing.endOfSupport : null;
    return evaluatePolicy(candidate, {
      today: this.today(),
      previousEndOfSupport,
      policy: this.policy,
      migrationTargets: this.migrationEdges(snapshot),
    }).violations;
  }

  // ---- writes -------------------------------------------------------------------------------

  async createDraft(principal: Principal, input: { version: string } & ReleaseFieldsPatch): Promise<ReleaseView> {
    return this.viewAfterWrite(
      await this.write(principal, async (manager, catalog) => {
        this.ensureVersionFree(catalog, input.version);
        const candidate = buildCandidate(input.version, input, null);
        this.checkFacts(candidate, catalog);
        await this.insertRelease(manager, principal, candidate, 'DRAFT', null, catalog);
        return {
          version: candidate.version,
          audit: [{ ...releaseSubject(candidate.version), action: 'DRAFT_CREATED', after: auditSnapshotOf({ ...candidate, state: 'DRAFT' }) }],
        };
      }),
    );
  }

  async updateDraft(principal: Principal, input: { version: string } & ReleaseFieldsPatch): Promise<ReleaseView> {
    return this.viewAfterWrite(
      await this.write(principal, async (manager, catalog) => {
        const draft = this.requireDraft(catalog, input.version);
        const candidate = buildCandidate(draft.version, input, draft);
        this.checkFacts(candidate, catalog);
        await this.updateRelease(manager, draft, candidate, catalog);
        const before = auditSnapshotOf(candidateOf(draft));
        const after = auditSnapshotOf({ ...candidate, state: 'DRAFT' });
        return { version: draft.version, audit: [{ ...releaseSubject(draft.version), action: 'DRAFT_UPDATED', before, after }] };
      }),
    );
  }

  /** Creates and publishes in one step, or publishes the draft of that version (fields given override the draft's). */
  async publish(principal: Principal, input: { version: string } & ReleaseFieldsPatch & OverrideReasonsInput): Promise<ReleaseView> {
    return this.viewAfterWrite(
      await this.write(principal, async (manager, catalog) => {
        const existing = catalog.byVersion.get(input.version.trim()) ?? null;
        if (existing?.state === 'PUBLISHED') {
          throw conflict(`Release ${existing.version} is already published; use changeEndOfSupport to move its end of support`, { field: 'version' });
        }
        const candidate = buildCandidate(input.version, input, existing);
        this.checkTargetPublished(candidate, catalog);
        const evaluation = evaluatePolicy(
          candidate,
          { today: this.today(), previousEndOfSupport: null, policy: this.policy, migrationTargets: this.migrationEdges(catalog) },
          input,
        );
        if (evaluation.blocking.length > 0) refuse(evaluation.blocking);
        const publishedAt = this.clock.now();
        let id: string;
        if (existing) {
          await this.updateRelease(manager, existing, candidate, catalog, publishedAt);
          id = existing.id;
        } else {
          id = await this.insertRelease(manager, principal, candidate, 'PUBLISHED', publishedAt, catalog);
        }
        await this.events.published({ release: factsOf(id, candidate), by: principal, at: publishedAt }, manager);
        const after = {
          ...auditSnapshotOf({ ...candidate, state: 'PUBLISHED' }),
          overriddenViolations: evaluation.overridden.map((violation) => violation.code),
        };
        const before = existing ? auditSnapshotOf(candidateOf(existing)) : null;
        return {
          version: candidate.version,
          audit: [{ ...releaseSubject(candidate.version), action: 'PUBLISHED', before, after, reason: recordedReason(input, evaluation) }],
        };
      }),
    );
  }

  async changeEndOfSupport(
    principal: Principal,
    input: { version: string; endOfSupport: CalendarDate; reason?: string | null } & OverrideReasonsInput,
  ): Promise<ReleaseView> {
    return this.viewAfterWrite(
      await this.write(principal, async (manager, catalog) => {
        const release = catalog.byVersion.get(input.version.trim());
        if (!release) throw notFound(`No runtime release ${input.version}`, { field: 'version' });
        if (release.state !== 'PUBLISHED') {
          throw badInput('version', `Release ${release.version} is a draft; change its dates with updateReleaseDraft`);
        }
        if (release.endOfSupport === input.endOfSupport) return { version: release.version, audit: [] };
        const candidate = { ...candidateOf(release), endOfSupport: input.endOfSupport };
        const evaluation = evaluatePolicy(candidate, { today: this.today(), previousEndOfSupport: release.endOfSupport, policy: this.policy }, input);
        if (evaluation.blocking.length > 0) refuse(evaluation.blocking);
        await this.repository.setEndOfSupport(manager, release.id, input.endOfSupport);
        await this.events.endOfSupportChanged(
          {
            release: factsOf(release.id, candidate),
            previousEndOfSupport: release.endOfSupport,
            reason: recordedReason(input, evaluation),
            by: principal,
            at: this.clock.now(),
          },
          manager,
        );
        return {
          version: release.version,
          audit: [
            {
              ...releaseSubject(release.version),
              action: 'END_OF_SUPPORT_CHANGED',
              before: { endOfSupport: release.endOfSupport },
              after: { endOfSupport: input.endOfSupport, overriddenViolations: evaluation.overridden.map((violation) => violation.code) },
              reason: recordedReason(input, evaluation),
            },
          ],
        };
      }),
    );
  }

  async withdrawDraft(principal: Principal, version: string): Promise<string> {
    let withdrawn = '';
    await this.write(principal, async (manager, catalog) => {
      const draft = this.requireDraft(catalog, version);
      const dependents = catalog.releases.filter((release) => release.migrationTargetVersion === draft.version);
      if (dependents.length > 0) {
        throw conflict(
          `Draft ${draft.version} is the migration target of ${dependents.map((release) => release.version).join(', ')}; point those elsewhere first`,
          { field: 'version' },
        );
      }
      await this.repository.delete(manager, draft.id);
      withdrawn = draft.version;
      return { version: null, audit: [{ ...releaseSubject(draft.version), action: 'DRAFT_WITHDRAWN', before: auditSnapshotOf(candidateOf(draft)) }] };
    });
    return withdrawn;
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * Every catalog write: serialised by the revision row lock, read against the committed
   * catalog, audited, and announced to every replica when (and only if) it commits.
   */
  private async write(
    principal: Principal,
    work: (manager: EntityManager, catalog: CatalogSnapshot) => Promise<{ version: string | null; audit: ReleaseAuditEntry[] }>,
  ): Promise<string | null> {
    let revision = 0;
    const { version } = await this.dataSource.transaction(async (manager) => {
      revision = await this.repository.bumpRevision(manager);
      const catalog = await readCatalog(this.repository, manager, this.config.policy.noticeMonths);
      const outcome = await work(manager, catalog);
      await this.audit.record(manager, principal, outcome.audit);
      await this.repository.announceRevision(manager, revision);
      return outcome;
    });
    this.store.noteRevision(revision);
    return version;
  }

  /** The release as it stands after a write this replica just committed. */
  private async viewAfterWrite(version: string | null): Promise<ReleaseView> {
    const snapshot = await this.store.current();
    const release = version === null ? undefined : snapshot.byVersion.get(version);
    if (!release) throw new Error(`Release ${version} vanished right after it was written`);
    return this.viewsFor(snapshot, this.today())(release);
  }

  private ensureVersionFree(catalog: CatalogSnapshot, version: string): void {
    const existing = catalog.byVersion.get(version.trim());
    if (existing) {
      throw conflict(`Release ${existing.version} already exists (${existing.state.toLowerCase()}); choose another version`, {
        field: 'version',
      });
    }
  }

  private requireDraft(catalog: CatalogSnapshot, version: string): CatalogRelease {
    const release = catalog.byVersion.get(version.trim());
    if (!release) throw notFound(`No draft release ${version}`, { field: 'version' });
    if (release.state !== 'DRAFT') {
      throw conflict(`Release ${release.version} is published and can no longer be edited as a draft`, { field: 'version' });
    }
    return release;
  }

  private migrationEdges(catalog: CatalogSnapshot): Map<string, string | null> {
    return new Map(catalog.releases.map((release) => [release.version, release.migrationTargetVersion]));
  }

  /** What must hold even for a draft: well-formed fields and a migration target that exists without a cycle. */
  private checkFacts(candidate: ReleaseCandidateFields, catalog: CatalogSnapshot): void {
    const violations = [...checkReleaseShape(candidate), ...checkMigrationTarget(this.migrationEdges(catalog), candidate.version, candidate.migrationTarget)];
    if (violations.length > 0) refuse(violations);
  }

  /** A published release must not send apps to a release they cannot see yet. */
  private checkTargetPublished(candidate: ReleaseCandidateFields, catalog: CatalogSnapshot): void {
    const target = candidate.migrationTarget === null ? undefined : catalog.byVersion.get(candidate.migrationTarget);
    if (target && target.state !== 'PUBLISHED') {
      throw badInput('migrationTarget', `migrationTarget ${target.version} is still a draft; publish it first`);
    }
  }

  /** What a write stores of the candidate: its migration target by id. */
  private fieldsOf(candidate: ReleaseCandidateFields, catalog: CatalogSnapshot): ReleaseFields {
    const target = candidate.migrationTarget === null ? undefined : catalog.byVersion.get(candidate.migrationTarget);
    return {
      pythonVersion: candidate.pythonVersion,
      track: candidate.track,
      generalAvailability: candidate.generalAvailability,
      endOfSupport: candidate.endOfSupport,
      migrationTargetId: target?.id ?? null,
      notes: candidate.notes,
      packages: candidate.packages,
    };
  }

  private async insertRelease(
    manager: EntityManager,
    principal: Principal,
    candidate: ReleaseCandidateFields,
    state: 'DRAFT' | 'PUBLISHED',
    publishedAt: Date | null,
    catalog: CatalogSnapshot,
  ): Promise<string> {
    return this.repository.insert(manager, {
      ...this.fieldsOf(candidate, catalog),
      version: candidate.version,
      state,
      publishedAt,
      createdBy: principal.label,
    });
  }

  private async updateRelease(
    manager: EntityManager,
    existing: CatalogRelease,
    candidate: ReleaseCandidateFields,
    catalog: CatalogSnapshot,
    publishedAt?: Date,
  ): Promise<void> {
    await this.repository.update(manager, existing.id, {
      ...this.fieldsOf(candidate, catalog),
      state: publishedAt ? 'PUBLISHED' : existing.state,
      publishedAt: publishedAt ?? existing.publishedAt,
    });
  }
}
