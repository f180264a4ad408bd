import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { findVisibleRelease } from '../releases/draft-visibility';
import { notFound } from '../common/errors/domain-error';
import { cursorCodec } from '../common/paging/page-cursor';
import { pageOfRows, type Page, type PageRequest } from '../common/paging/page';
import { readScopeOf } from '../groups/access-policy';
import { AccessService } from '../groups/access.service';
import { SLUG_PATTERN } from '../common/input-rules/slug';
import { CatalogStore, type CatalogRelease } from '../releases/catalog.store';
import type { AdvisoryIndex, Severity } from '../requirements';
import type { Application } from '../applications/application';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ApplicationsService } from '../applications/applications.service';
import { SnapshotScanner, type StoredScanResult } from '../snapshots/snapshot-scanner';
import { SnapshotsRepository } from '../snapshots/snapshots.repository';

/** Entries of (file set, release) results kept per replica; a 5 000-app impact needs 5 000. */
const MAX_CACHED_RESULTS = 50_000;
/** Scans between yields to the event loop, so a long impact run does not stall other requests. */
const SCANS_PER_SLICE = 25;

export const IMPACT_FILTERS = ['ALL', 'WITH_FINDINGS', 'WITH_ERRORS', 'WITHOUT_SNAPSHOT'] as const;
export type ImpactFilter = (typeof IMPACT_FILTERS)[number];

export interface ApplicationImpact {
  application: Application;
  snapshotId: string | null;
  snapshotCommit: string | null;
  result: StoredScanResult | null;
}

export interface FindingCount {
  code: string;
  severity: Severity;
  findings: number;
  applications: number;
}

export interface ReleaseImpactReport {
  release: CatalogRelease;
  totalApplications: number;
  scannedApplications: number;
  applicationsWithoutSnapshot: number;
  erroredApplications: string[];
  warnedApplications: number;
  countsByCode: FindingCount[];
  fromCache: number;
  /** The page of applications matching the filter, by slug. */
  applications: Page<ApplicationImpact>;
}

/** Impact lists applications by slug (byte order); a cursor holds the last slug read. */
export const BY_SLUG = 'SLUG';
export type ImpactCursorKey = [slug: string];
export const releaseImpactCursor = cursorCodec<typeof BY_SLUG, ImpactCursorKey>('releaseImpact', () => [
  { expected: 'an application slug', accepts: (slug) => SLUG_PATTERN.test(slug) },
]);

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Identifies what a scan result depends on besides the files: the release's content and dates, the
 * advisories, and the day (a release's lifecycle findings change with it).
 */
function releaseFingerprint(release: CatalogRelease, advisoriesToken: number, day: string): string {
  const packages = release.packages.map((pkg) => `${pkg.name}==${pkg.version}`).join(',');
  const lifecycle = `${release.generalAvailability}|${release.endOfSupport}|${release.migrationTargetVersion ?? ''}|${day}`;
  return createHash('sha256').update(`${release.version}|${release.pythonVersion}|${packages}|${advisoriesToken}|${lifecycle}`).digest('hex').slice(0, 32);
}

function matchesFilter(impact: ApplicationImpact, filter: ImpactFilter): boolean {
  switch (filter) {
    case 'WITH_FINDINGS':
      return (impact.result?.findings.length ?? 0) > 0;
    case 'WITH_ERRORS':
      return (impact.result?.errorCount ?? 0) > 0;
    case 'WITHOUT_SNAPSHOT':
      return impact.result === null;
    default:
      return true;
  }
}

/**
 * What a release would do to every application: each application's latest requirements scanned
 * against it. Results are cached per (file set, release content, advisories), so they are reused
 * across applications with identical files and across requests, and drop out as soon as a
 * snapshot, the release or the advisories change (the key changes).
 */
@Injectable()
export class ImpactService {
  private readonly cache = new Map<string, StoredScanResult>();
  private readonly advisoryTokens = new WeakMap<AdvisoryIndex, number>();
  private nextAdvisoryToken = 1;

  constructor(
    private readonly access: AccessService,
    private readonly applications: ApplicationsService,
    private readonly applicationsRepository: ApplicationsRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly catalog: CatalogStore,
    private readonly scanner: SnapshotScanner,
  ) {}

  private tokenOf(index: AdvisoryIndex): number {
    let token = this.advisoryTokens.get(index);
    if (token === undefined) this.advisoryTokens.set(index, (token = this.nextAdvisoryToken++));
    return token;
  }

  private remember(key: string, result: StoredScanResult): void {
    if (this.cache.size >= MAX_CACHED_RESULTS) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, result);
  }

  /** A release to judge against: published, or a draft for admins (the point is to look before publishing). */
  async releaseFor(principal: Principal, version: string, field: string): Promise<CatalogRelease> {
    const { byVersion } = await this.catalog.current();
    const release = findVisibleRelease(byVersion, version, principal);
    if (!release) {
      throw notFound(`No runtime release ${version}`, { field });
    }
    return release;
  }

  /** Scan results for every distinct file set, computing (and caching) those not known yet. */
  private async resultsFor(
    snapshots: Array<{ snapshotId: string; contentHash: string }>,
    release: CatalogRelease,
  ): Promise<{ results: Map<string, StoredScanResult>; fromCache: number }> {
    const advisories = await this.scanner.currentAdvisories();
    const day = this.scanner.today();
    const fingerprint = releaseFingerprint(release, this.tokenOf(advisories), day);
    const results = new Map<string, StoredScanResult>();
    const toScan = new Map<string, string>(); // content hash → a snapshot id holding it
    let fromCache = 0;
    for (const { snapshotId, contentHash } of snapshots) {
      if (results.has(contentHash) || toScan.has(contentHash)) continue;
      const cached = this.cache.get(`${contentHash}|${fingerprint}`);
      if (cached) {
        results.set(contentHash, cached);
        fromCache += 1;
      } else {
        toScan.set(contentHash, snapshotId);
      }
    }
    if (toScan.size > 0) {
      const files = await this.snapshots.filesOfMany([...toScan.values()]);
      let scanned = 0;
      for (const [contentHash, snapshotId] of toScan) {
        const result = this.scanner.scan(files.get(snapshotId) ?? [], release, advisories, day);
        this.remember(`${contentHash}|${fingerprint}`, result);
        results.set(contentHash, result);
        if (++scanned % SCANS_PER_SLICE === 0) await yieldToEventLoop();
      }
    }
    return { results, fromCache };
  }

  /**
   * The errors (blockers) of each snapshot's scan against `release`, by snapshot id, from the same
   * results (and cache) as release impact: what notices say about readiness for a migration target.
   */
  async blockersFor(snapshotIds: readonly string[], release: CatalogRelease): Promise<Map<string, number>> {
    const heads = await this.snapshots.headsByIds(snapshotIds);
    const { results } = await this.resultsFor(
      [...heads.values()].map((head) => ({ snapshotId: head.id, contentHash: head.contentHash })),
      release,
    );
    const blockers = new Map<string, number>();
    for (const head of heads.values()) {
      const result = results.get(head.contentHash);
      if (result) blockers.set(head.id, result.errorCount);
    }
    return blockers;
  }

  async releaseImpact(
    principal: Principal,
    input: { version: string; only: ImpactFilter; includeArchived: boolean },
    request: PageRequest<ImpactCursorKey>,
  ): Promise<ReleaseImpactReport> {
    const release = await this.releaseFor(principal, input.version, 'version');
    const scope = readScopeOf(await this.access.callerFor(principal));
    const apps = await this.applicationsRepository.inScope(scope, input.includeArchived);
    const snapshots = await this.snapshots.headsByIds(apps.flatMap((app) => (app.latestSnapshotId ? [app.latestSnapshotId] : [])));
    const rows = apps.map((app) => ({ app, snapshot: app.latestSnapshotId ? (snapshots.get(app.latestSnapshotId) ?? null) : null }));

    const withSnapshot = rows.flatMap(({ snapshot }) => (snapshot ? [snapshot] : []));
    const { results, fromCache } = await this.resultsFor(
      withSnapshot.map((snapshot) => ({ snapshotId: snapshot.id, contentHash: snapshot.contentHash })),
      release,
    );

    const counts = new Map<string, FindingCount>();
    const erroredApplications: string[] = [];
    let warnedApplications = 0;
    const impacts: ApplicationImpact[] = rows.map(({ app, snapshot }) => {
      const result = snapshot ? (results.get(snapshot.contentHash) ?? null) : null;
      if (result) {
        if (result.errorCount > 0) erroredApplications.push(app.slug);
        if (result.warningCount > 0) warnedApplications += 1;
        const codesHere = new Set<string>();
        for (const finding of result.findings) {
          let count = counts.get(finding.code);
          if (!count) counts.set(finding.code, (count = { code: finding.code, severity: finding.severity, findings: 0, applications: 0 }));
          count.findings += 1;
          if (!codesHere.has(finding.code)) {
            codesHere.add(finding.code);
            count.applications += 1;
          }
        }
      }
      return { application: app, snapshotId: snapshot?.id ?? null, snapshotCommit: snapshot?.commit ?? null, result };
    });

    const matching = impacts.filter((impact) => matchesFilter(impact, input.only));
    const after = request.after?.[0];
    const start = after === undefined ? 0 : matching.findIndex((impact) => impact.application.slug > after);
    const page = pageOfRows(start < 0 ? [] : matching.slice(start, start + request.first + 1), request, matching.length);
    const severityRank: Record<string, number> = { ERROR: 0, WARNING: 1, INFO: 2 };
    return {
      release,
      totalApplications: rows.length,
      scannedApplications: withSnapshot.length,
      applicationsWithoutSnapshot: rows.length - withSnapshot.length,
      erroredApplications,
      warnedApplications,
      countsByCode: [...counts.values()].sort(
        (a, b) => severityRank[a.severity] - severityRank[b.severity] || b.applications - a.applications || a.code.localeCompare(b.code),
      ),
      fromCache,
      applications: page,
    };
  }

  /** One application against a target release: ready when nothing of severity ERROR would appear. */
  async appReadiness(principal: Principal, slug: string, targetVersion: string): Promise<ApplicationImpact & { release: CatalogRelease }> {
    const { app } = await this.applications.getReadable(principal, slug);
    const release = await this.releaseFor(principal, targetVersion, 'target');
    const snapshot = app.latestSnapshotId ? ((await this.snapshots.byIds([app.latestSnapshotId])).get(app.latestSnapshotId) ?? null) : null;
    if (!snapshot) return { application: app, snapshotId: null, snapshotCommit: null, result: null, release };
    const { results } = await this.resultsFor([{ snapshotId: snapshot.id, contentHash: snapshot.contentHash }], release);
    return { application: app, snapshotId: snapshot.id, snapshotCommit: snapshot.commit, result: results.get(snapshot.contentHash) ?? null, release };
  }

  get cachedResults(): number {
    return this.cache.size;
  }
}
