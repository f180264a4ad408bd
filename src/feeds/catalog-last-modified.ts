/**
 * When a catalog document last changed. Feeds derived from the catalog change when a release is
 * written and, for those that say what holds today (`isEol`, `isMaintained`, a status), at the
 * start of a day on which a release becomes available, enters its notice window or loses support.
 * Pure: no clock (today is passed in).
 */
import { compareDates, type CalendarDate } from '../calendar/calendar-date';
import { instantAtWallClock } from '../calendar/zoned-time';

export interface ReleaseChangeTimes {
  updatedAt: Date;
  publishedAt: Date | null;
  generalAvailability: CalendarDate;
  noticeStart: CalendarDate;
  endOfSupport: CalendarDate;
}

/** Midnight on campus at the start of `date`. */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  return instantAtWallClock({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)), hour: 0, minute: 0 }, timeZone);
}

/** HTTP dates have whole seconds: a validator finer than that would never compare equal. */
const toWholeSeconds = (instant: Date): Date => new Date(Math.floor(instant.getTime() / 1000) * 1000);

/**
 * The latest write of these releases and, with `today`, the latest day boundary (on or before
 * today) on which one of them changed status. The Unix epoch for no releases.
 */
export function catalogLastModified(releases: readonly ReleaseChangeTimes[], options: { today?: CalendarDate; timeZone: string }): Date {
  let latest = 0;
  let latestBoundary: CalendarDate | null = null;
  for (const release of releases) {
    latest = Math.max(latest, release.updatedAt.getTime(), release.publishedAt?.getTime() ?? 0);
    if (options.today === undefined) continue;
    for (const boundary of [release.generalAvailability, release.noticeStart, release.endOfSupport]) {
      if (compareDates(boundary, options.today) <= 0 && (latestBoundary === null || compareDates(boundary, latestBoundary) > 0)) latestBoundary = boundary;
    }
  }
  if (latestBoundary !== null) latest = Math.max(latest, startOfDayIn(latestBoundary, options.timeZone).getTime());
  return toWholeSeconds(new Date(latest));
}
