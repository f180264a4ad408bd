/**
 * On which local calendar dates a maintenance rule falls. Pure date arithmetic: clock times and
 * time zones are applied afterwards, in `maintenance-calendar.ts`.
 */
import { addDays, compareDates, daysInMonth, epochDayOf, formatCalendarDate, type CalendarDate } from './calendar-date';
import type { MaintenanceCalendar, MaintenanceRule, Weekday } from './maintenance-calendar';

// Index = JavaScript's day number (Sunday 0), so the order here is not the order people list days.
const WEEKDAY_BY_DAY_NUMBER: readonly Weekday[] = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

function dayNumberOf(weekday: Weekday): number {
  return WEEKDAY_BY_DAY_NUMBER.indexOf(weekday);
}

export function weekdayOf(date: CalendarDate): Weekday {
  // 1970-01-01 was a Thursday (day number 4).
  return WEEKDAY_BY_DAY_NUMBER[(((epochDayOf(date) + 4) % 7) + 7) % 7];
}

/** The first `weekday` strictly after `date` (a Tuesday's next Tuesday is a week later). */
export function firstWeekdayAfter(date: CalendarDate, weekday: Weekday): CalendarDate {
  const ahead = (dayNumberOf(weekday) - dayNumberOf(weekdayOf(date)) + 7) % 7;
  return addDays(date, ahead === 0 ? 7 : ahead);
}

/** The nth `weekday` of a month (nth -1 = the last), or null when the month has no such day. */
export function nthWeekdayOfMonth(year: number, month: number, nth: number, weekday: Weekday): CalendarDate | null {
  const first = formatCalendarDate({ year, month, day: 1 });
  const firstMatch = 1 + ((dayNumberOf(weekday) - dayNumberOf(weekdayOf(first)) + 7) % 7);
  const matches: number[] = [];
  for (let day = firstMatch; day <= daysInMonth(year, month); day += 7) matches.push(day);
  const day = nth === -1 ? matches[matches.length - 1] : matches[nth - 1];
  return day === undefined ? null : formatCalendarDate({ year, month, day });
}

/** One date a rule falls on, and for an `after` rule the date of the occurrence it follows. */
export interface OccurrenceDate {
  localDate: CalendarDate;
  anchor: OccurrenceDate | null;
}

function isWithin(date: CalendarDate, first: CalendarDate, last: CalendarDate): boolean {
  return compareDates(date, first) >= 0 && compareDates(date, last) <= 0;
}

function weeklyDates(weekday: Weekday, first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (let date = firstWeekdayAfter(addDays(first, -1), weekday); compareDates(date, last) <= 0; date = addDays(date, 7)) {
    dates.push(date);
  }
  return dates;
}

function monthlyDates(nth: number, weekday: Weekday, first: CalendarDate, last: CalendarDate): CalendarDate[] {
  const monthIndexOf = (date: CalendarDate) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const dates: CalendarDate[] = [];
  for (let monthIndex = monthIndexOf(first); monthIndex <= monthIndexOf(last); monthIndex += 1) {
    const date = nthWeekdayOfMonth(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, nth, weekday);
    if (date !== null && isWithin(date, first, last)) dates.push(date);
  }
  return dates;
}

/**
 * Every date from `first` to `last` (inclusive) on which `rule` falls. An `after` rule falls on
 * the first `weekday` after each occurrence of its anchor rule, plus `offsetWeeks` weeks.
 */
export function occurrenceDates(
  calendar: MaintenanceCalendar,
  rule: MaintenanceRule,
  first: CalendarDate,
  last: CalendarDate,
  following: ReadonlySet<string> = new Set(),
): OccurrenceDate[] {
  const recurrence = rule.recurrence;
  switch (recurrence.type) {
    case 'weekly':
      return weeklyDates(recurrence.weekday, first, last).map((localDate) => ({ localDate, anchor: null }));
    case 'monthly':
      return monthlyDates(recurrence.nth, recurrence.weekday, first, last).map((localDate) => ({ localDate, anchor: null }));
    case 'after': {
      const anchorRule = calendar.rules.find((candidate) => candidate.id === recurrence.rule);
      if (anchorRule === undefined) throw new Error(`maintenance rule ${rule.id} follows unknown rule ${recurrence.rule}`);
      if (following.has(rule.id)) throw new Error(`maintenance rules follow each other in a loop: ${[...following, rule.id].join(' → ')}`);
      const offsetDays = 7 * (recurrence.offsetWeeks ?? 0);
      // An anchor up to a week (plus the offset) before `first` can still land inside the range.
      const anchors = occurrenceDates(calendar, anchorRule, addDays(first, -7 - offsetDays), last, new Set([...following, rule.id]));
      return anchors
        .map((anchor) => ({ localDate: addDays(firstWeekdayAfter(anchor.localDate, recurrence.weekday), offsetDays), anchor }))
        .filter((occurrence) => isWithin(occurrence.localDate, first, last));
    }
  }
}
