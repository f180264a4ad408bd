import { Inject, Injectable } from '@nestjs/common';
import type { CalendarDate } from '../calendar/calendar-date';
import type { AppConfig } from '../common/config/app-config';
import { APP_CONFIG } from '../common/config/config.module';
import { notFound } from '../common/errors/domain-error';
import type { CatalogRelease, CatalogSnapshot } from '../releases/catalog.store';
import { CatalogResponseCache, type CatalogDocument } from '../releases/catalog-response-cache';
import { catalogLastModified, startOfDayIn } from './catalog-last-modified';
import { ICS_CONTENT_TYPE } from './calendar/ics';
import { maintenanceCalendarFeed } from './calendar/maintenance-calendar-feed';
import { releasesCalendar } from './calendar/releases-calendar';
import { cycleV0, latestRelease, PRODUCT_NAME, productReleaseResponse, productResponse, RELEASE_NAME, type EndoflifeContext } from './endoflife/endoflife-api';

const JSON_TYPE = 'application/json; charset=utf-8';

const published = (snapshot: CatalogSnapshot): CatalogRelease[] => snapshot.releases.filter((release) => release.state === 'PUBLISHED');

const noSuchRelease = (name: string) => notFound(`No published release ${JSON.stringify(name)} of ${PRODUCT_NAME}`, { field: 'release' });

/**
 * The public catalog feeds. Each is rendered once per catalog revision and day on campus and kept
 * in the catalog cache (CatalogResponseCache), so serving one costs about what a trivial request
 * costs. Drafts never appear, whoever asks.
 */
@Injectable()
export class CatalogFeedsService {
  constructor(
    private readonly cache: CatalogResponseCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `generated_at` is the moment the answer's content was fixed: the catalog's last change or the
   * start of today on campus, whichever is later. Not the render time, so every replica renders
   * the same bytes (the same ETag, so a 304 from any replica) for the same catalog and day.
   */
  private context(today: CalendarDate, releases: readonly CatalogRelease[]): EndoflifeContext {
    const generatedAt = new Date(Math.max(this.lastModified(releases, today).getTime(), startOfDayIn(today, this.config.campusTimeZone).getTime()));
    return { today, noticeMonths: this.config.policy.noticeMonths, publicUrl: this.config.publicUrl, generatedAt };
  }

  private lastModified(releases: readonly CatalogRelease[], today?: CalendarDate): Date {
    return catalogLastModified(releases, { today, timeZone: this.config.campusTimeZone });
  }

  private async found(document: CatalogDocument | null, name: string): Promise<CatalogDocument> {
    if (document === null) throw noSuchRelease(name);
    return document;
  }

  /** endoflife.date v1 `/products/pype/`: the product with every published release. */
  async productV1(): Promise<CatalogDocument> {
    const document = await this.cache.document('endoflife-v1-product', (snapshot, today) => {
      const releases = published(snapshot);
      return {
        body: JSON.stringify(productResponse(releases, { ...this.context(today, releases), lastModified: this.lastModified(releases, today) })),
        contentType: JSON_TYPE,
        lastModified: this.lastModified(releases, today),
      };
    });
    return this.found(document, PRODUCT_NAME);
  }

  /** endoflife.date v1 `/products/pype/releases/{name}`, `latest` included. */
  async releaseV1(name: string): Promise<CatalogDocument> {
    if (name !== 'latest' && !RELEASE_NAME.test(name)) throw noSuchRelease(name);
    const document = await this.cache.document(`endoflife-v1-release:${name}`, (snapshot, today) => {
      const releases = published(snapshot);
      const release = name === 'latest' ? latestRelease(releases, today) : releases.find((candidate) => candidate.version === name);
      if (!release) return null;
      return {
        body: JSON.stringify(productReleaseResponse(release, this.context(today, releases))),
        contentType: JSON_TYPE,
        lastModified: this.lastModified([release], today),
      };
    });
    return this.found(document, name);
  }

  /** endoflife.date v0 `/api/pype.json`: every published release as a cycle. Nothing in it depends on the day. */
  async cyclesV0(): Promise<CatalogDocument> {
    const document = await this.cache.document('endoflife-v0-cycles', (snapshot) => {
      const releases = published(snapshot);
      return {
        body: JSON.stringify(releases.map((release) => cycleV0(release, this.config.publicUrl))),
        contentType: JSON_TYPE,
        lastModified: this.lastModified(releases),
      };
    });
    return this.found(document, PRODUCT_NAME);
  }

  /** endoflife.date v0 `/api/pype/{cycle}.json`. */
  async cycleV0(name: string): Promise<CatalogDocument> {
    if (!RELEASE_NAME.test(name)) throw noSuchRelease(name);
    const document = await this.cache.document(`endoflife-v0-cycle:${name}`, (snapshot) => {
      const release = published(snapshot).find((candidate) => candidate.version === name);
      if (!release) return null;
      return { body: JSON.stringify(cycleV0(release, this.config.publicUrl)), contentType: JSON_TYPE, lastModified: this.lastModified([release]) };
    });
    return this.found(document, name);
  }

  /** `/calendar/releases.ics`: general availability, notice start and end of support of every published release. */
  async releasesCalendar(): Promise<CatalogDocument> {
    const document = await this.cache.document('calendar-releases', (snapshot) => {
      const releases = published(snapshot);
      return {
        body: releasesCalendar(releases, { publicUrl: this.config.publicUrl }),
        contentType: ICS_CONTENT_TYPE,
        lastModified: this.lastModified(releases),
      };
    });
    return this.found(document, PRODUCT_NAME);
  }

  /** `/calendar/maintenance.ics`: the next twelve months of maintenance windows; it changes with the day, not the catalog. */
  async maintenanceCalendar(): Promise<CatalogDocument> {
    const calendar = this.config.maintenanceCalendar;
    const document = await this.cache.document('calendar-maintenance', (_snapshot, today) => ({
      body: maintenanceCalendarFeed(calendar, { today, publicUrl: this.config.publicUrl }),
      contentType: ICS_CONTENT_TYPE,
      lastModified: startOfDayIn(today, calendar.timeZone),
    }));
    return this.found(document, 'maintenance');
  }
}
