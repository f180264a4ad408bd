import { Inject, Injectable } from '@nestjs/common';
import { isCalendarDate, type CalendarDate } from '../calendar/calendar-date';
import type { Principal } from '../auth/principal';
import { hasAnyRole } from '../auth/principal';
import { Role } from '../auth/role';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { DomainError } from '../common/errors/domain-error';
import { ByteBoundedCache } from '../common/graphql/byte-bounded-cache';
import { ImpactService } from '../impact/impact.service';
import { CatalogStore } from '../releases/catalog.store';
import type { ReleaseView } from '../releases/release-view';
import { ReleasesService } from '../releases/releases.service';
import { RolloutService } from '../releases/rollout.service';
import type { SafeHtml } from './html/html';
import { dayWithMostSupported } from './utils/day-with-most-supported';
import { catalogMain, type CatalogRow } from './views/catalog-page';
import type { ReleasePageData } from './views/release-page';

/** Rendered catalog pages kept per replica: one per (catalog revision, day shown, today). */
const CATALOG_CACHE_BYTES = 8 * 1024 * 1024;
/** Applications with findings listed on a release page; the totals count them all. */
const IMPACT_LIST_LIMIT = 100;

export interface DayChoice {
  day: CalendarDate;
  today: CalendarDate;
  problem: string | null;
}

function toRow(view: ReleaseView): CatalogRow {
  return {
    version: view.version,
    pythonVersion: view.pythonVersion,
    track: view.track,
    status: view.status,
    generalAvailability: view.generalAvailability,
    endOfSupport: view.endOfSupport,
    noticeStart: view.noticeStart,
    recommended: view.recommended,
    migrationTarget: view.migrationTarget?.version ?? null,
  };
}

/** The catalog's pages: `/` (rendered once per catalog revision and day) and `/releases/{version}`. */
@Injectable()
export class CatalogPagesService {
  private readonly rendered = new ByteBoundedCache<SafeHtml>(CATALOG_CACHE_BYTES, (key, value) => 2 * (key.length + value.text.length));

  constructor(
    private readonly releases: ReleasesService,
    private readonly store: CatalogStore,
    private readonly rollout: RolloutService,
    private readonly impact: ImpactService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get campusTimeZone(): string {
    return this.config.campusTimeZone;
  }

  /** The day a page shows: `?on=` when it is a date, today otherwise (saying why). */
  dayOf(on: unknown): DayChoice {
    const today = this.releases.today();
    if (on === undefined || on === '') return { day: today, today, problem: null };
    if (typeof on === 'string' && isCalendarDate(on)) return { day: on, today, problem: null };
    return { day: today, today, problem: 'The date must be a real day written YYYY-MM-DD (for example 2019-06-01); showing today instead.' };
  }

  /** The main part of `/` for a day: from the cache while the catalog and today stay the same. */
  async catalogMain(choice: DayChoice): Promise<SafeHtml> {
    const { revision } = await this.store.current();
    const key = `${revision}|${choice.day}|${choice.today}|${choice.problem === null ? '' : 'bad-date'}`;
    const cached = this.rendered.get(key);
    if (cached) return cached;
    const views = await this.releases.listReleases(null, { on: choice.day });
    const rows = views.map(toRow);
    const anyActive = rows.some((row) => row.status === 'SUPPORTED' || row.status === 'DEPRECATED');
    const main = catalogMain({
      day: choice.day,
      today: choice.today,
      releases: rows,
      supportedOn: anyActive ? null : dayWithMostSupported(views, this.config.policy.noticeMonths),
      dateProblem: choice.problem,
    });
    this.rendered.set(key, main);
    return main;
  }

  /** What `/releases/{version}` shows to this viewer, or null when there is no such release they may see. */
  async releasePage(principal: Principal | null, version: string, choice: DayChoice): Promise<ReleasePageData | null> {
    const view = await this.releases.getRelease(principal, version, choice.day);
    if (!view) return null;
    const release = { ...toRow(view), state: view.state, daysUntilEndOfSupport: view.daysUntilEndOfSupport, notes: view.notes, packages: view.packages };
    let rollout: ReleasePageData['rollout'];
    if (view.state !== 'PUBLISHED') {
      rollout = { unavailable: 'A draft reaches no environment until it is published.' };
    } else {
      try {
        rollout = { steps: await this.rollout.rolloutSchedule(view.version) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rollout = { unavailable: error.message };
      }
    }
    const seesImpact = hasAnyRole(principal, [Role.ADMIN, Role.MANAGER]);
    const impact = seesImpact && principal ? await this.impactSummary(principal, view.version) : null;
    const impactHint = seesImpact ? null : principal ? null : 'Admins and managers who sign in see which of their applications this release would affect.';
    return { release, day: choice.day, timeZone: this.config.campusTimeZone, rollout, impact, impactHint };
  }

  private async impactSummary(principal: Principal, version: string): Promise<ReleasePageData['impact']> {
    const report = await this.impact.releaseImpact(
      principal,
      { version, only: 'WITH_FINDINGS', includeArchived: false },
      { first: IMPACT_LIST_LIMIT, after: null },
    );
    return {
      totalApplications: report.totalApplications,
      scannedApplications: report.scannedApplications,
      applicationsWithoutSnapshot: report.applicationsWithoutSnapshot,
      applicationsWithErrors: report.erroredApplications.length,
      applicationsWithWarnings: report.warnedApplications,
      countsByCode: report.countsByCode,
      applications: report.applications.items.map((impact) => ({
        slug: impact.application.slug,
        name: impact.application.name,
        department: impact.application.department,
        errorCount: impact.result?.errorCount ?? 0,
        warningCount: impact.result?.warningCount ?? 0,
      })),
      moreApplications: Math.max(0, report.applications.totalCount - report.applications.items.length),
    };
  }
}
