import { daysBetween, type CalendarDate } from '../../calendar/calendar-date';
import { deriveReleaseStatus } from '../../releases/domain/release-status';
import type { RuntimeLifecycle } from '../../requirements';

/**
 * A catalog release's lifecycle on `on` (the day of the scan, on campus), for the scan's runtime
 * findings: the status by the catalog's one rule (deriveReleaseStatus), never a stored one.
 */
export function runtimeLifecycleOn(
  release: { generalAvailability: CalendarDate; endOfSupport: CalendarDate; migrationTargetVersion: string | null },
  on: CalendarDate,
  noticeMonths: number,
): RuntimeLifecycle {
  return {
    status: deriveReleaseStatus(release, on, noticeMonths),
    generalAvailability: release.generalAvailability,
    endOfSupport: release.endOfSupport,
    daysUntilEndOfSupport: daysBetween(on, release.endOfSupport),
    migrationTarget: release.migrationTargetVersion,
  };
}
