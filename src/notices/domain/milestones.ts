/**
 * The milestone calculator: which deprecation notice is due for one (application, release) on a
 * campus calendar day. Plain data in, plain data out; the sweep adapts it to the database.
 *
 * A milestone of N days is crossed on the campus day `endOfSupport - N`. On any day the latest
 * milestone crossed (the fewest days left) is the one worth telling people about: after downtime,
 * or when an end of support moves earlier, older crossed milestones that were never recorded are
 * recorded as superseded instead of being sent late in a burst.
 */
import { addDays, compareDates, todayIn, type CalendarDate } from '../../calendar/calendar-date';

/** The platform's default: 8 months, 6 months, 3 months, a month, a week, and the day itself. */
export const DEFAULT_MILESTONES_DAYS: readonly number[] = [240, 180, 90, 30, 7, 0];

/** The campus day on which the milestone `days` before `endOfSupport` is crossed. */
export function milestoneDay(endOfSupport: CalendarDate, days: number): CalendarDate {
  return addDays(endOfSupport, -days);
}

/**
 * The campus calendar day a sweep at `instant` works for. Campus midnight, not UTC's, decides:
 * a sweep at 05:30 UTC on a US winter night still belongs to the previous campus day.
 */
export function sweepDayAt(instant: Date, campusTimeZone: string): CalendarDate {
  return todayIn(campusTimeZone, instant);
}

/** The milestones crossed on or before `asOf`, fewest days (the latest) first. */
export function crossedMilestones(endOfSupport: CalendarDate, milestones: readonly number[], asOf: CalendarDate): number[] {
  return milestones.filter((days) => compareDates(milestoneDay(endOfSupport, days), asOf) <= 0).sort((a, b) => a - b);
}

export interface MilestonePlan {
  /** The milestone to notify now, or null when nothing new was crossed. */
  due: number | null;
  /** Crossed milestones never recorded that `due` (or an already recorded later one) makes stale. */
  superseded: number[];
}

/**
 * What to record for one (application, release) on `asOf`, given the milestones recorded before
 * (sent or superseded). At most one milestone is ever sent per day: the latest crossed.
 */
export function planMilestones(input: {
  endOfSupport: CalendarDate;
  milestones: readonly number[];
  recorded: readonly number[];
  asOf: CalendarDate;
}): MilestonePlan {
  const recorded = new Set(input.recorded);
  const crossed = crossedMilestones(input.endOfSupport, input.milestones, input.asOf);
  if (crossed.length === 0) return { due: null, superseded: [] };
  const [latest, ...older] = crossed;
  const due = recorded.has(latest) ? null : latest;
  return { due, superseded: older.filter((days) => !recorded.has(days)).sort((a, b) => b - a) };
}

/**
 * Whether an unacknowledged milestone notice is due to escalate on `asOf`: only notices at or
 * inside the 30-day milestone (the ones that say the deadline is near), once `escalationDays`
 * have passed since the notice was made without any member of the group acknowledging it.
 */
export const ESCALATING_MILESTONE_DAYS = 30;

export function escalationDue(input: {
  milestoneDays: number;
  notifiedOn: CalendarDate;
  acknowledged: boolean;
  alreadyEscalated: boolean;
  escalationDays: number;
  asOf: CalendarDate;
}): boolean {
  if (input.acknowledged || input.alreadyEscalated || input.milestoneDays > ESCALATING_MILESTONE_DAYS) return false;
  return compareDates(addDays(input.notifiedOn, input.escalationDays), input.asOf) <= 0;
}

/** The day from which a notice made on or before it escalates: the inverse of `escalationDue`'s clock, for queries. */
export function escalationCutoff(asOf: CalendarDate, escalationDays: number): CalendarDate {
  return addDays(asOf, -escalationDays);
}
