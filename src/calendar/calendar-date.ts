/**
 * Calendar dates as `'YYYY-MM-DD'` strings: the form PostgreSQL `date` columns come back in and
 * the GraphQL `Date` scalar is written in, so dates cross every layer without conversion and
 * without a time zone that could shift them by a day. Strings in this form sort chronologically.
 */
import { isKnownTimeZone, wallClockAt } from './zoned-time';

/** A real date in the proleptic Gregorian calendar, written `YYYY-MM-DD` (years 0001–9999). */
export type CalendarDate = string;

export class InvalidCalendarDateError extends Error {
  readonly code = 'INVALID_CALENDAR_DATE';

  constructor(
    readonly field: string,
    readonly received: unknown,
    readonly reason: string,
  ) {
    super(`${field} must be a calendar date written YYYY-MM-DD (for example 2026-03-08); ${reason}`);
    this.name = 'InvalidCalendarDateError';
  }
}

const CALENDAR_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The digits of `text` from `start` to `end` as a number, or -1 if any is not a digit. */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The parts of a valid calendar date, or null. Hand-rolled rather than a regular expression:
 * status and policy checks validate dates on every catalog read.
 */
function validPartsOf(text: unknown): DateParts | null {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const year = digitsValue(text, 0, 4);
  const month = digitsValue(text, 5, 7);
  const day = digitsValue(text, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Why `text` is not a calendar date (only called once it is known not to be one). */
function calendarDateProblem(text: unknown): string {
  if (typeof text !== 'string') return `got ${text === null ? 'null' : typeof text}`;
  const match = CALENDAR_DATE_PATTERN.exec(text);
  if (!match) return `got ${JSON.stringify(text)}`;
  const [year, month] = [Number(match[1]), Number(match[2])];
  if (year < 1) return `got ${JSON.stringify(text)}: there is no year 0000`;
  if (month < 1 || month > 12) return `got ${JSON.stringify(text)}: there is no month ${match[2]}`;
  return `got ${JSON.stringify(text)}: ${match[1]}-${match[2]} has ${daysInMonth(year, month)} days`;
}

/** True for real dates only: `2020-02-29` is one, `2019-02-29` and `2019-2-1` are not. */
export function isCalendarDate(text: unknown): text is CalendarDate {
  return validPartsOf(text) !== null;
}

/** `text` as a calendar date, or an `InvalidCalendarDateError` naming `field` and what was expected. */
export function parseCalendarDate(text: unknown, field = 'date'): CalendarDate {
  if (validPartsOf(text) === null) throw new InvalidCalendarDateError(field, text, calendarDateProblem(text));
  return text as CalendarDate;
}

function partsOf(date: CalendarDate): DateParts {
  const parts = validPartsOf(date);
  if (parts === null) throw new InvalidCalendarDateError('date', date, calendarDateProblem(date));
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function formatCalendarDate({ year, month, day }: DateParts): CalendarDate {
  const formatted = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (validPartsOf(formatted) === null) {
    throw new RangeError(`date arithmetic left the supported range (0001–9999): ${calendarDateProblem(formatted)}`);
  }
  return formatted;
}

function requireInteger(value: number, name: string): void {
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be a whole number; got ${value}`);
}

/**
 * `date` moved by `months` calendar months. A day that does not exist in the target month is
 * clamped to its last day, as people count: 2020-03-31 minus one month is 2020-02-29.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  requireInteger(months, 'months');
  const { year, month, day } = partsOf(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatCalendarDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Days since 1970-01-01 (negative before), for day arithmetic that ignores time zones. */
export function epochDayOf(date: CalendarDate): number {
  const { year, month, day } = partsOf(date);
  const utc = new Date(Date.UTC(2000, month - 1, day));
  utc.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return Math.round(utc.getTime() / DAY_MS);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const utc = new Date(epochDay * DAY_MS);
  return formatCalendarDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  requireInteger(days, 'days');
  return fromEpochDay(epochDayOf(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** -1, 0 or 1, for `Array.prototype.sort` and for readable comparisons. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  partsOf(a); // throws, saying what is wrong
  partsOf(b);
  // Fixed-width YYYY-MM-DD strings order exactly like the dates they name.
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface MonthsAndDays {
  months: number;
  days: number;
}

/**
 * The span from `from` to `to` as whole months (counted with `addMonths`, so month ends clamp)
 * plus the days left over. Both parts are negative when `to` is earlier than `from`.
 */
export function monthsAndDaysBetween(from: CalendarDate, to: CalendarDate): MonthsAndDays {
  if (compareDates(to, from) < 0) {
    const { months, days } = monthsAndDaysBetween(to, from);
    return { months: 0 - months, days: 0 - days }; // 0 - x, not -x: no negative zero
  }
  const start = partsOf(from);
  const end = partsOf(to);
  // The month-number difference is right or one too many (when the day of month is not reached).
  let months = (end.year - start.year) * 12 + (end.month - start.month);
  if (compareDates(addMonths(from, months), to) > 0) months -= 1;
  return { months, days: daysBetween(addMonths(from, months), to) };
}

/**
 * Months from `from` to `to`, with the leftover days as a fraction of the month that follows the
 * whole months: 2020-01-15 → 2020-03-01 is 1 + 15/29 months. Exact on whole months, so policy
 * bounds such as "33–39 months" compare the way people read them.
 */
export function monthsBetween(from: CalendarDate, to: CalendarDate): number {
  if (compareDates(to, from) < 0) return 0 - monthsBetween(to, from);
  const { months, days } = monthsAndDaysBetween(from, to);
  if (days === 0) return months;
  const monthStart = addMonths(from, months);
  const monthLength = daysBetween(monthStart, addMonths(from, months + 1));
  return months + days / monthLength;
}

/** "41 months", "35 months and 30 days", "1 month and 1 day": spans written for people. */
export function describeMonthsAndDays({ months, days }: MonthsAndDays): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${Math.abs(count) === 1 ? '' : 's'}`;
  if (days === 0) return plural(months, 'month');
  if (months === 0) return plural(days, 'day');
  return `${plural(months, 'month')} and ${plural(days, 'day')}`;
}

/** True when `timeZone` is an IANA zone name (or alias) this runtime's ICU knows. */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  return typeof timeZone === 'string' && isKnownTimeZone(timeZone);
}

/** The calendar date a wall calendar in `timeZone` shows at the instant `now`. */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const { year, month, day } = wallClockAt(now, timeZone);
  return formatCalendarDate({ year, month, day });
}

/**
 * Today in `timeZone` by the clock `now`, worked out at most once a minute: a date only changes on
 * a minute boundary (every time zone's offset is whole minutes), and caches ask on every request.
 */
export function todayEachMinute(timeZone: string, now: () => Date): () => CalendarDate {
  let memo = { minute: Number.NaN, day: '' };
  return () => {
    const instant = now().getTime();
    const minute = Math.floor(instant / 60_000);
    if (minute !== memo.minute) memo = { minute, day: todayIn(timeZone, new Date(instant)) };
    return memo.day;
  };
}
