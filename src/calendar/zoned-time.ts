/**
 * Wall-clock time in an IANA time zone, computed with `Intl` only (Node ships full ICU).
 *
 * The one non-obvious decision lives in `instantAtWallClock`: local times that do not exist
 * (the hour skipped when clocks spring forward) or exist twice (the hour repeated when they
 * fall back) resolve the way RFC 5545 (iCalendar) and Temporal's `'compatible'` mode do, so the
 * windows we list agree with the iCalendar feeds built from them:
 * - a skipped time moves forward by the length of the gap (02:30 on a spring-forward night
 *   becomes 03:30 daylight time);
 * - a repeated time means its first occurrence (01:30 on a fall-back night is 01:30 daylight
 *   time, an hour before 01:30 standard time).
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// Building a DateTimeFormat costs far more than using one, and `todayIn` runs on every catalog
// read. Zone names may come from users, so the cache is bounded.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 500;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        // h23, not hour12: false, which some ICU versions render as "24" at midnight.
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}; expected an IANA name such as America/Chicago`);
    }
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name (or alias) this runtime's ICU knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// The last reading per zone: "today" is asked for on every catalog read, within the same minute.
const lastReadings = new Map<string, { minuteMs: number; wall: WallClock }>();

function readWallClock(instant: Date, timeZone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    parts[part.type] = part.value;
  }
  const yearOfEra = Number(parts.year);
  return {
    // Years before 1 CE are not calendar dates we store, but keep the arithmetic honest.
    year: parts.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The wall clock in `timeZone` at `instant` (seconds dropped). */
export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const time = instant.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError('wallClockAt needs a valid Date; got Invalid Date');
  }
  // Every zone's offset is a whole number of minutes today, so one reading serves a whole minute.
  const minuteMs = Math.floor(time / MINUTE_MS) * MINUTE_MS;
  const last = lastReadings.get(timeZone);
  if (last?.minuteMs === minuteMs) return { ...last.wall };
  const wall = readWallClock(new Date(minuteMs), timeZone);
  if (lastReadings.size >= MAX_CACHED_ZONES) lastReadings.clear();
  lastReadings.set(timeZone, { minuteMs, wall });
  return { ...wall };
}

function wallClockAsUtcMs(wall: WallClock): number {
  const date = new Date(Date.UTC(2000, wall.month - 1, wall.day, wall.hour, wall.minute));
  date.setUTCFullYear(wall.year); // Date.UTC maps years 0–99 to 1900–1999
  return date.getTime();
}

/** How far the zone's wall clock is ahead of UTC at `utcMs`, in whole minutes' milliseconds. */
function utcOffsetMsAt(utcMs: number, timeZone: string): number {
  const flooredToMinute = Math.floor(utcMs / MINUTE_MS) * MINUTE_MS;
  return wallClockAsUtcMs(wallClockAt(new Date(flooredToMinute), timeZone)) - flooredToMinute;
}

/** How many minutes the wall clock in `timeZone` is ahead of UTC at `instant` (negative west of Greenwich). */
export function utcOffsetMinutesAt(instant: Date, timeZone: string): number {
  return utcOffsetMsAt(instant.getTime(), timeZone) / MINUTE_MS;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall`. Skipped and repeated local
 * times are resolved as described at the top of this file.
 */
export function instantAtWallClock(wall: WallClock, timeZone: string): Date {
  const wallMs = wallClockAsUtcMs(wall);
  // Real zones change offset at most once within a day either side, so the offsets a day
  // before and a day after are the only candidates.
  const offsetBefore = utcOffsetMsAt(wallMs - DAY_MS, timeZone);
  const offsetAfter = utcOffsetMsAt(wallMs + DAY_MS, timeZone);
  if (offsetBefore === offsetAfter) return new Date(wallMs - offsetBefore); // no change nearby
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter((utcMs) => utcMs + utcOffsetMsAt(utcMs, timeZone) === wallMs).sort((a, b) => a - b);
  if (candidates.length > 0) {
    return new Date(candidates[0]); // repeated time: the first occurrence
  }
  // Skipped time: read it with the offset in force before the gap, which lands after the gap.
  return new Date(wallMs - offsetBefore);
}
