/**
 * The catalog as endoflife.date publishes products, so tools that read endoflife.date read PyPE:
 * API v1 (OpenAPI 1.1.0: `ProductResponse`, `ProductReleaseResponse`) and the older v0 (`cycle`
 * objects). Pure: the caller passes the published releases, today and the service's public URL.
 *
 * How PyPE's lifecycle maps onto endoflife.date's phases:
 * - a release is a release cycle; its version is the cycle's `name` (v0 `cycle`), and it is its
 *   own latest version (PyPE ships no patch releases inside a release);
 * - `releaseDate` is general availability, `eolFrom` (v0 `eol`) the end of support;
 * - the end of active support (`eoasFrom`, v0 `support`) is the notice start: from then on the
 *   release is DEPRECATED and apps are told to move;
 * - `isLts` from the track; LTS applies from the release date, so `ltsFrom` is null (as the
 *   specification asks);
 * - PyPE has no extended support and is not hardware. Every field of the schema is still sent, so
 *   clients that read them find them: `isEoes` and `eoesFrom` are null (the specification's "not
 *   eligible for extended support"), `isDiscontinued` false and `discontinuedFrom` null.
 */
import { compareDates, type CalendarDate } from '../../calendar/calendar-date';
import { deriveReleaseStatus } from '../../releases/domain/release-status';

/** The schema version endoflife.date's generator writes into every v1 answer. */
export const ENDOFLIFE_SCHEMA_VERSION = '1.1.0';
export const PRODUCT_NAME = 'pype';

export interface EndoflifeRelease {
  version: string;
  pythonVersion: string;
  track: 'LTS' | 'STABLE';
  generalAvailability: CalendarDate;
  noticeStart: CalendarDate;
  endOfSupport: CalendarDate;
  migrationTargetVersion: string | null;
}

export interface EndoflifeContext {
  today: CalendarDate;
  noticeMonths: number;
  /** Absolute base URL of this service, without a trailing slash. */
  publicUrl: string;
  /** When this answer was made (`generated_at`). */
  generatedAt: Date;
}

export interface ProductVersion {
  name: string;
  date: string | null;
  link: string | null;
}

export interface ProductRelease {
  name: string;
  codename: string | null;
  label: string;
  releaseDate: string;
  isLts: boolean;
  ltsFrom: string | null;
  isEoas: boolean;
  eoasFrom: string | null;
  isEol: boolean;
  eolFrom: string | null;
  isEoes: boolean | null;
  eoesFrom: string | null;
  isDiscontinued: boolean;
  discontinuedFrom: string | null;
  isMaintained: boolean;
  latest: ProductVersion | null;
  custom: Record<string, string | null> | null;
}

export interface ProductDetails {
  name: string;
  label: string;
  aliases: string[];
  category: string;
  tags: string[];
  versionCommand: string | null;
  identifiers: Array<{ id: string; type: string }>;
  labels: { eoas: string | null; discontinued: string | null; eol: string; eoes: string | null };
  links: { icon: string | null; html: string; releasePolicy: string | null };
  releases: ProductRelease[];
}

export interface ProductResponse {
  schema_version: string;
  generated_at: string;
  last_modified: string;
  result: ProductDetails;
}

export interface ProductReleaseResponse {
  schema_version: string;
  generated_at: string;
  result: ProductRelease;
}

/** A v0 release cycle (endoflife.date's `/api/{product}.json` items). */
export interface CycleV0 {
  cycle: string;
  releaseDate: string;
  eol: string;
  latest: string;
  latestReleaseDate: string;
  lts: boolean;
  support: string;
  link: string;
}

/** On or after `date`, counting today: the phase that ends on `date` is over. */
const reached = (date: CalendarDate, today: CalendarDate): boolean => compareDates(today, date) >= 0;

export const releasePageUrl = (publicUrl: string, version: string): string => `${publicUrl}/releases/${encodeURIComponent(version)}`;

export function productRelease(release: EndoflifeRelease, context: EndoflifeContext): ProductRelease {
  const isEol = reached(release.endOfSupport, context.today);
  return {
    name: release.version,
    codename: null,
    label: release.track === 'LTS' ? `${release.version} (LTS)` : release.version,
    releaseDate: release.generalAvailability,
    isLts: release.track === 'LTS',
    ltsFrom: null,
    isEoas: reached(release.noticeStart, context.today),
    eoasFrom: release.noticeStart,
    isEol,
    eolFrom: release.endOfSupport,
    isEoes: null,
    eoesFrom: null,
    isDiscontinued: false,
    discontinuedFrom: null,
    isMaintained: !isEol,
    latest: { name: release.version, date: release.generalAvailability, link: releasePageUrl(context.publicUrl, release.version) },
    custom: {
      pythonVersion: release.pythonVersion,
      track: release.track,
      status: deriveReleaseStatus(release, context.today, context.noticeMonths),
      migrationTarget: release.migrationTargetVersion,
    },
  };
}

/** `releases` newest first, as the catalog lists them. */
export function productResponse(releases: readonly EndoflifeRelease[], context: EndoflifeContext & { lastModified: Date }): ProductResponse {
  return {
    schema_version: ENDOFLIFE_SCHEMA_VERSION,
    generated_at: context.generatedAt.toISOString(),
    last_modified: context.lastModified.toISOString(),
    result: {
      name: PRODUCT_NAME,
      label: 'PyPE',
      aliases: [],
      category: 'service',
      tags: ['python', 'service'],
      versionCommand: null,
      identifiers: [],
      labels: { eoas: 'Supported', discontinued: null, eol: 'Deprecated', eoes: null },
      links: { icon: null, html: `${context.publicUrl}/`, releasePolicy: null },
      releases: releases.map((release) => productRelease(release, context)),
    },
  };
}

export function productReleaseResponse(release: EndoflifeRelease, context: EndoflifeContext): ProductReleaseResponse {
  return { schema_version: ENDOFLIFE_SCHEMA_VERSION, generated_at: context.generatedAt.toISOString(), result: productRelease(release, context) };
}

/**
 * The release `/releases/latest` answers: the newest generally available release (endoflife.date's
 * latest cycle is the newest one released), else the newest announced one; null for an empty catalog.
 * `releases` newest first.
 */
export function latestRelease<R extends Pick<EndoflifeRelease, 'generalAvailability'>>(releases: readonly R[], today: CalendarDate): R | null {
  return releases.find((release) => reached(release.generalAvailability, today)) ?? releases[0] ?? null;
}

export function cycleV0(release: EndoflifeRelease, publicUrl: string): CycleV0 {
  return {
    cycle: release.version,
    releaseDate: release.generalAvailability,
    eol: release.endOfSupport,
    latest: release.version,
    latestReleaseDate: release.generalAvailability,
    lts: release.track === 'LTS',
    support: release.noticeStart,
    link: releasePageUrl(publicUrl, release.version),
  };
}

/**
 * Release names as they may appear in a path: a version such as 36.11.0 (letters for pre-releases).
 * Anything else is answered 404 without looking further.
 */
export const RELEASE_NAME = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;
