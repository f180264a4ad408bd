/**
 * An iCalendar VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, built from the runtime's own zone
 * data (Intl), so feeds need no time zone library. Each offset change in the range becomes its
 * own STANDARD or DAYLIGHT sub-component with the exact DTSTART, instead of a recurrence rule:
 * correct for any zone and for years in which the rules changed.
 */
import { utcOffsetMinutesAt, wallClockAt } from './zoned-time';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface OffsetTransition {
  /** The first instant of the new offset. */
  at: Date;
  offsetFromMinutes: number;
  offsetToMinutes: number;
}

/** The first instant in (low, high] at which the offset differs from the one at `low` (which it does at `high`). */
function firstChange(lowMs: number, highMs: number, timeZone: string): number {
  const before = utcOffsetMinutesAt(new Date(lowMs), timeZone);
  let low = lowMs;
  let high = highMs;
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (utcOffsetMinutesAt(new Date(middle), timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** Every change of the zone's UTC offset in [from, to), found day by day and then to the minute. */
export function offsetTransitions(timeZone: string, from: Date, to: Date): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let previousMs = from.getTime();
  let previousOffset = utcOffsetMinutesAt(from, timeZone);
  // Changes are months apart in every real zone: a daily look cannot step over two of them.
  for (let ms = previousMs + DAY_MS; ms < to.getTime() + DAY_MS; ms += DAY_MS) {
    const probeMs = Math.min(ms, to.getTime());
    const offset = utcOffsetMinutesAt(new Date(probeMs), timeZone);
    if (offset !== previousOffset) {
      const at = firstChange(previousMs, probeMs, timeZone);
      transitions.push({ at: new Date(at), offsetFromMinutes: previousOffset, offsetToMinutes: offset });
      previousOffset = offset;
    }
    previousMs = probeMs;
    if (probeMs === to.getTime()) break;
  }
  return transitions;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `-0500`, `+0530`. */
export function formatUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
}

/** The zone's abbreviation at an instant (CST, CDT), or the offset where the runtime knows none. */
function abbreviationAt(instant: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName');
  return part?.value ?? formatUtcOffset(utcOffsetMinutesAt(instant, timeZone));
}

/** DTSTART of a sub-component: the local time, in the offset before the change, at which the change happens. */
function localStart(transition: OffsetTransition): string {
  const wall = new Date(transition.at.getTime() + transition.offsetFromMinutes * 60_000);
  return `${pad(wall.getUTCFullYear(), 4)}${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}${pad(wall.getUTCMinutes())}00`;
}

function subComponent(kind: 'STANDARD' | 'DAYLIGHT', start: string, fromMinutes: number, toMinutes: number, name: string): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${formatUtcOffset(fromMinutes)}`,
    `TZOFFSETTO:${formatUtcOffset(toMinutes)}`,
    `TZNAME:${name}`,
    `END:${kind}`,
  ];
}

/**
 * A VTIMEZONE covering [from, to) (CRLF line ends, no trailing line break). The offset in force at
 * `from` is stated from the last change before it (looked for up to a year back), so every time
 * in the range resolves.
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string {
  const yearBefore = new Date(from.getTime() - 366 * DAY_MS);
  const earlier = offsetTransitions(timeZone, yearBefore, from);
  const transitions = [...earlier.slice(-1), ...offsetTransitions(timeZone, from, to)];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (transitions.length === 0) {
    // No change near the range: one standard time from the start of the range's previous year.
    const offset = utcOffsetMinutesAt(from, timeZone);
    const start = `${pad(wallClockAt(yearBefore, timeZone).year, 4)}0101T000000`;
    lines.push(...subComponent('STANDARD', start, offset, offset, abbreviationAt(from, timeZone)));
  }
  for (const transition of transitions) {
    const kind = transition.offsetToMinutes > transition.offsetFromMinutes ? 'DAYLIGHT' : 'STANDARD';
    const name = abbreviationAt(new Date(transition.at.getTime() + HOUR_MS), timeZone);
    lines.push(...subComponent(kind, localStart(transition), transition.offsetFromMinutes, transition.offsetToMinutes, name));
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
