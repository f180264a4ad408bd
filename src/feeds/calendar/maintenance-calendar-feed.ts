/**
 * `/calendar/maintenance.ics`: the maintenance windows of the coming twelve months, one event per
 * window (a window that covers several environments names them all), in the calendar's own time
 * zone with its VTIMEZONE. UIDs name the rule and the local date, so they stay the same on every
 * request and a changed rule updates the events.
 */
import { addMonths, todayIn, type CalendarDate } from '../../calendar/calendar-date';
import { listRuleOccurrences, windowFor, type MaintenanceCalendar, type MaintenanceKind } from '../../calendar/maintenance-calendar';
import { startOfDayIn } from '../catalog-last-modified';
import type { ICalCalendar } from 'ical-generator';
import { calendarWithTimeZone, compactDate, localDateTime, newCalendar, uidDomainOf } from './ics';

const KIND_NAMES: Record<MaintenanceKind, string> = { OS_MAINTENANCE: 'OS maintenance', TOOLS_UPDATE: 'Platform tool updates' };

/** How far ahead the feed looks. */
export const MAINTENANCE_FEED_MONTHS = 12;

/** The range a feed made `today` covers: from midnight on the calendar's clock, twelve months ahead. */
export function maintenanceFeedRange(calendar: Pick<MaintenanceCalendar, 'timeZone'>, today: CalendarDate): { from: Date; to: Date } {
  return { from: startOfDayIn(today, calendar.timeZone), to: startOfDayIn(addMonths(today, MAINTENANCE_FEED_MONTHS), calendar.timeZone) };
}

/** Adds one event per maintenance window in [from, to) to `ics` (ordered by start, then rule); the caller adds the VTIMEZONE. */
export function addMaintenanceWindows(ics: ICalCalendar, calendar: MaintenanceCalendar, range: { from: Date; to: Date }, publicUrl: string): void {
  const domain = uidDomainOf(publicUrl);
  const events = calendar.rules.flatMap((rule) =>
    listRuleOccurrences(calendar, rule.id, range.from, range.to).map((occurrence) => ({
      rule,
      occurrence,
      window: windowFor(occurrence, rule.environments[0], calendar.timeZone),
    })),
  );
  events.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime() || (a.rule.id < b.rule.id ? -1 : 1));
  for (const { rule, occurrence, window } of events) {
    ics.createEvent({
      id: `maintenance-${rule.id}-${compactDate(window.localDate)}@${domain}`,
      start: localDateTime(window.localDate, window.localStart),
      // A window may run past midnight: its end is read on the clock at its end instant.
      end: localDateTime(todayIn(calendar.timeZone, occurrence.end), window.localEnd),
      timezone: calendar.timeZone,
      summary: `${KIND_NAMES[rule.kind]}: ${rule.environments.join(', ')}`,
      description: rule.description ?? `${KIND_NAMES[rule.kind]} for ${rule.environments.join(', ')}`,
      categories: [{ name: rule.kind }, ...rule.environments.map((environment) => ({ name: environment }))],
      stamp: range.from,
    });
  }
}

export function maintenanceCalendarFeed(calendar: MaintenanceCalendar, options: { today: CalendarDate; publicUrl: string }): string {
  const range = maintenanceFeedRange(calendar, options.today);
  const ics = newCalendar(
    'PyPE maintenance windows',
    `Maintenance windows of the PyPE platform for the next ${MAINTENANCE_FEED_MONTHS} months, in ${calendar.timeZone}`,
  );
  addMaintenanceWindows(ics, calendar, range, options.publicUrl);
  return calendarWithTimeZone(ics, calendar.timeZone, range.from, range.to);
}
