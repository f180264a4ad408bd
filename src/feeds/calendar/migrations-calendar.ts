/**
 * `/calendar/migrations.ics`: the migration deadlines a feed token's owner may see, one all-day
 * event per source release and department (or owning group) on the release's end of support,
 * saying how many apps still have to move, plus the maintenance windows of the coming twelve
 * months. UIDs name the release and the department or group, so the event updates in place as
 * apps finish (or the deadline moves).
 */
import type { CalendarDate } from '../../calendar/calendar-date';
import type { MaintenanceCalendar } from '../../calendar/maintenance-calendar';
import { addMaintenanceWindows, maintenanceFeedRange, MAINTENANCE_FEED_MONTHS } from './maintenance-calendar-feed';
import { calendarWithTimeZone, newCalendar, uidDomainOf } from './ics';

export type DeadlineGrouping = 'DEPARTMENT' | 'GROUP';

export interface CalendarDeadline {
  sourceVersion: string;
  deadline: CalendarDate;
  /** The department, or the owning group's slug. */
  groupedBy: string;
  total: number;
  remaining: number;
}

const GROUPING_NAMES: Record<DeadlineGrouping, string> = { DEPARTMENT: 'department', GROUP: 'group' };

function summaryOf(deadline: CalendarDeadline): string {
  const apps = deadline.total === 1 ? 'app' : 'apps';
  return deadline.remaining === 0
    ? `PyPE ${deadline.sourceVersion} end of support: ${deadline.groupedBy}, all ${deadline.total} ${apps} migrated`
    : `PyPE ${deadline.sourceVersion} end of support: ${deadline.groupedBy}, ${deadline.remaining} of ${deadline.total} ${apps} still to migrate`;
}

export function migrationsCalendar(
  deadlines: readonly CalendarDeadline[],
  maintenance: MaintenanceCalendar,
  options: { by: DeadlineGrouping; today: CalendarDate; publicUrl: string },
): string {
  const ics = newCalendar(
    'PyPE migration deadlines',
    `Migration deadlines by ${GROUPING_NAMES[options.by]}, and the maintenance windows of the next ${MAINTENANCE_FEED_MONTHS} months`,
  );
  const domain = uidDomainOf(options.publicUrl);
  const range = maintenanceFeedRange(maintenance, options.today);
  for (const deadline of deadlines) {
    ics.createEvent({
      id: `migration-deadline-${deadline.sourceVersion}-${options.by.toLowerCase()}-${encodeURIComponent(deadline.groupedBy)}@${domain}`,
      start: deadline.deadline,
      allDay: true,
      summary: summaryOf(deadline),
      description: `Applications of ${GROUPING_NAMES[options.by]} ${deadline.groupedBy} on PyPE ${deadline.sourceVersion} must move before its end of support on ${deadline.deadline}: ${deadline.remaining} of ${deadline.total} not yet completed or waived.`,
      url: `${options.publicUrl}/dashboard`,
      categories: [{ name: 'MIGRATION_DEADLINE' }],
      stamp: range.from,
    });
  }
  addMaintenanceWindows(ics, maintenance, range, options.publicUrl);
  return calendarWithTimeZone(ics, maintenance.timeZone, range.from, range.to);
}
