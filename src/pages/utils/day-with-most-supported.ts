import { compareDates, type CalendarDate } from '../../calendar/calendar-date';
import { deriveReleaseStatus, type ReleaseDates } from '../../releases/domain/release-status';

/**
 * A day to offer when nothing is supported on the day shown: the general availability day on
 * which the most releases were supported (the latest such day when several tie), or null when
 * no release was ever supported.
 */
export function dayWithMostSupported(releases: readonly ReleaseDates[], noticeMonths: number): CalendarDate | null {
  let best: { day: CalendarDate; supported: number } | null = null;
  for (const { generalAvailability: day } of releases) {
    const supported = releases.filter((release) => deriveReleaseStatus(release, day, noticeMonths) === 'SUPPORTED').length;
    if (supported === 0) continue;
    if (best === null || supported > best.supported || (supported === best.supported && compareDates(day, best.day) > 0)) best = { day, supported };
  }
  return best?.day ?? null;
}
