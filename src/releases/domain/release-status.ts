/**
 * A release's status is derived from its dates and the day asked about, never stored, so it
 * cannot go stale.
 */
import { parse as parseSemver, compare as compareSemver } from 'semver';
import { addMonths, compareDates, type CalendarDate } from '../../calendar/calendar-date';
import type { ReleaseTrack } from './release-track';

export const RELEASE_STATUSES = ['ANTICIPATED', 'SUPPORTED', 'DEPRECATED', 'END_OF_LIFE'] as const;

export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export interface ReleaseDates {
  generalAvailability: CalendarDate;
  endOfSupport: CalendarDate;
}

/** The first day of the deprecation notice window: end of support minus the notice period. */
export function noticeStartOf(endOfSupport: CalendarDate, noticeMonths: number): CalendarDate {
  if (!Number.isInteger(noticeMonths) || noticeMonths < 0) {
    throw new RangeError(`noticeMonths must be a whole number of months, 0 or more; got ${noticeMonths}`);
  }
  return addMonths(endOfSupport, -noticeMonths);
}

/**
 * The status of a release on the calendar date `on`:
 * - END_OF_LIFE from endOfSupport on (checked first: once support has ended nothing else matters);
 * - ANTICIPATED before generalAvailability;
 * - DEPRECATED from the notice start (inclusive) until endOfSupport (exclusive). A short-lived
 *   release whose notice start falls before its general availability is DEPRECATED from the day it
 *   becomes available: it is already inside the window in which users are told to move on;
 * - SUPPORTED otherwise.
 */
export function deriveReleaseStatus(dates: ReleaseDates, on: CalendarDate, noticeMonths: number): ReleaseStatus {
  if (compareDates(on, dates.endOfSupport) >= 0) return 'END_OF_LIFE';
  if (compareDates(on, dates.generalAvailability) < 0) return 'ANTICIPATED';
  if (compareDates(on, noticeStartOf(dates.endOfSupport, noticeMonths)) >= 0) return 'DEPRECATED';
  return 'SUPPORTED';
}

export interface RecommendationCandidate extends ReleaseDates {
  version: string;
  track: ReleaseTrack;
}

/**
 * The release to recommend for new work on `on`: the newest LTS release (by the semantic
 * version of `version`) that is SUPPORTED that day, or null. Releases whose version is not
 * semver cannot be ranked and are skipped; publish-time checks keep them out of the catalog.
 */
export function pickRecommendedRelease<R extends RecommendationCandidate>(releases: readonly R[], on: CalendarDate, noticeMonths: number): R | null {
  let recommended: R | null = null;
  for (const release of releases) {
    if (release.track !== 'LTS' || parseSemver(release.version) === null) continue;
    if (deriveReleaseStatus(release, on, noticeMonths) !== 'SUPPORTED') continue;
    if (recommended === null || compareSemver(release.version, recommended.version) > 0) recommended = release;
  }
  return recommended;
}
