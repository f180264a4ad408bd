import { daysInMonth, isCalendarDate } from '../../calendar/calendar-date';
import { instantAtWallClock } from '../../calendar/zoned-time';
import { invalid, valid, type Checked } from '../../common/input-rules/checked';
import { showValue } from '../../common/input-rules/show-value';
import { formatUtcInstant, utcMillis } from './utc-instant';

// RFC 3339 with the common spreadsheet variations: a space for the "T", seconds optional,
// a comma before the fraction, one space before the zone, and offsets written +HH, +HHMM or +HH:MM.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? ?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;
const WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/;
// A deployment recorded right after it happened, by a machine whose clock runs a little ahead,
// is not a deployment in the future.
const CLOCK_SKEW_MS = 5 * 60_000;

export interface DeployedAtContext {
  label: string;
  /** Where a date without a time means midnight. */
  timeZone: string;
  /** Instants after this (plus clock skew) are refused; null accepts any. */
  now: Date | null;
  /**
   * Midnights already worked out, by date. Finding one asks ICU for the zone's offset several
   * times, the slowest step of a large import, while a file's deployments share few dates.
   */
  midnights?: Map<string, number>;
}

function parseOffsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function instantOf(match: RegExpExecArray): number | null {
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  // Milliseconds are what the database keeps; finer digits are dropped, not rounded up a second.
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  const offset = parseOffsetMinutes(match[8]);
  const realDate = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!realDate || hour > 23 || minute > 59 || second > 59 || offset === null) return null;
  return utcMillis(year, month, day, hour, minute, second, millis) - offset * 60_000;
}

function midnightOf(date: string, { timeZone, midnights }: DeployedAtContext): number {
  const known = midnights?.get(date);
  if (known !== undefined) return known;
  const [year, month, day] = date.split('-').map(Number);
  const midnight = instantAtWallClock({ year, month, day, hour: 0, minute: 0 }, timeZone).getTime();
  midnights?.set(date, midnight);
  return midnight;
}

/**
 * When a deployment happened, as a UTC ISO string. An instant must carry its zone (`Z` or an
 * offset): a bare local time is ambiguous across daylight-saving changes and between the admin's
 * laptop and the server. A bare date is a common spreadsheet entry and means 00:00 on that day
 * in the given (campus) time zone.
 */
export function checkDeployedAt(text: string, context: DeployedAtContext): Checked<string> {
  const value = text.trim();
  const { label } = context;
  if (value === '') return invalid(`${label} is required`);
  let millis: number | null;
  const match = INSTANT.exec(value);
  if (match !== null) {
    millis = instantOf(match);
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    millis = isCalendarDate(value) ? midnightOf(value, context) : null;
  } else if (WITHOUT_ZONE.test(value)) {
    return invalid(
      `${label} ${showValue(value)} has no time zone; add Z or an offset such as -06:00, or give only the date (YYYY-MM-DD, midnight ${context.timeZone})`,
    );
  } else {
    millis = null;
  }
  if (millis === null) {
    return invalid(
      `${label} must be an ISO 8601 date-time with a zone (2024-03-01T14:30:00Z, 2024-03-01T08:30-06:00) or a date YYYY-MM-DD; got ${showValue(value)}` +
        ' (format the column as text if your spreadsheet rewrites dates)',
    );
  }
  if (context.now !== null && millis > context.now.getTime() + CLOCK_SKEW_MS) {
    return invalid(`${label} ${showValue(value)} is in the future (now is ${context.now.toISOString()})`);
  }
  return valid(formatUtcInstant(millis));
}
