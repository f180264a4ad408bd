import { daysBetween, type CalendarDate } from '../calendar/calendar-date';
import { deriveReleaseStatus } from './domain/release-status';
import type { CatalogRelease, CatalogSnapshot } from './catalog.store';
import type { ReleasePackageModel, ReleaseStateEnum, ReleaseStatusEnum, RuntimeReleaseModel, TrackEnum } from './release.models';

/** What a query fixes for every release it returns: the day asked about and the catalog it reads. */
export interface ReleaseViewContext {
  on: CalendarDate;
  noticeMonths: number;
  snapshot: CatalogSnapshot;
  recommendedVersion: string | null;
}

/**
 * A release as GraphQL returns it. Status and the other derived fields are computed for the
 * query's day; the migration target is built only if the query asks for it.
 */
export class ReleaseView implements RuntimeReleaseModel {
  readonly version: string;
  readonly pythonVersion: string;
  readonly track: TrackEnum;
  readonly state: ReleaseStateEnum;
  readonly status: ReleaseStatusEnum;
  readonly generalAvailability: string;
  readonly endOfSupport: string;
  readonly noticeStart: string;
  readonly packages: ReleasePackageModel[];
  readonly notes: string | null;
  readonly recommended: boolean;
  readonly publishedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;

  constructor(
    private readonly release: CatalogRelease,
    private readonly context: ReleaseViewContext,
  ) {
    this.version = release.version;
    this.pythonVersion = release.pythonVersion;
    this.track = release.track;
    this.state = release.state;
    this.status = deriveReleaseStatus(release, context.on, context.noticeMonths);
    this.generalAvailability = release.generalAvailability;
    this.endOfSupport = release.endOfSupport;
    this.noticeStart = release.noticeStart;
    this.packages = release.packages as ReleasePackageModel[];
    this.notes = release.notes;
    this.recommended = release.version === context.recommendedVersion;
    this.publishedAt = release.publishedAt;
    this.createdAt = release.createdAt;
    this.updatedAt = release.updatedAt;
  }

  get daysUntilEndOfSupport(): number {
    return daysBetween(this.context.on, this.release.endOfSupport);
  }

  get migrationTarget(): ReleaseView | null {
    const version = this.release.migrationTargetVersion;
    const target = version === null ? undefined : this.context.snapshot.byVersion.get(version);
    return target ? new ReleaseView(target, this.context) : null;
  }
}
