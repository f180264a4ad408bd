/**
 * The burndown of a release's migrations, from the recorded transitions (not from today's state):
 * how many remained (not completed or waived) at the start of each week from the notice start to
 * the deadline, and when the recent pace would finish the rest.
 */
import { addDays, compareDates, type CalendarDate } from '../../calendar/calendar-date';

/**
 * What the transitions of one campus day did: migrations opened (not already done), and migrations
 * done net of reopenings (a move into COMPLETED or WAIVED counts +1, a move out of them -1).
 */
export interface DayOfTransitions {
  day: CalendarDate;
  opened: number;
  done: number;
}

export interface BurndownPoint {
  weekStart: CalendarDate;
  remaining: number;
}

export interface Burndown {
  points: BurndownPoint[];
  remaining: number;
  /** Migrations done per week over the last RATE_WINDOW_DAYS (net of reopenings). */
  weeklyRate: number;
  forecastCompletion: CalendarDate | null;
  onTrack: boolean;
}

/** How far back the completion rate looks. */
export const RATE_WINDOW_DAYS = 28;

/** Opened minus done over the days up to and including `day`. */
function remainingAfter(sorted: readonly DayOfTransitions[], day: CalendarDate): number {
  let total = 0;
  for (const entry of sorted) {
    if (compareDates(entry.day, day) > 0) break;
    total += entry.opened - entry.done;
  }
  return total;
}

function doneBetween(sorted: readonly DayOfTransitions[], afterDay: CalendarDate, upToDay: CalendarDate): number {
  return sorted
    .filter((entry) => compareDates(entry.day, afterDay) > 0 && compareDates(entry.day, upToDay) <= 0)
    .reduce((total, entry) => total + entry.done, 0);
}

/**
 * Points every 7 days from the notice start up to the deadline, none past today (the future is the
 * forecast's business); a point counts the transitions of the days before its week starts. The
 * forecast divides what remains by the net completions per week of the last 28 days: no progress,
 * no forecast (and not on track, unless nothing remains). On track: the forecast falls before the
 * deadline.
 */
export function computeBurndown(
  days: readonly DayOfTransitions[],
  range: { noticeStart: CalendarDate; deadline: CalendarDate; today: CalendarDate },
): Burndown {
  const sorted = [...days].sort((a, b) => compareDates(a.day, b.day));
  const points: BurndownPoint[] = [];
  for (
    let weekStart = range.noticeStart;
    compareDates(weekStart, range.deadline) <= 0 && compareDates(weekStart, range.today) <= 0;
    weekStart = addDays(weekStart, 7)
  ) {
    points.push({ weekStart, remaining: remainingAfter(sorted, addDays(weekStart, -1)) });
  }
  const remaining = remainingAfter(sorted, range.today);
  const weeklyRate = (doneBetween(sorted, addDays(range.today, -RATE_WINDOW_DAYS), range.today) * 7) / RATE_WINDOW_DAYS;
  if (remaining <= 0) {
    const lastDone = sorted.filter((entry) => entry.done > 0).at(-1)?.day ?? null;
    return { points, remaining: 0, weeklyRate, forecastCompletion: lastDone, onTrack: true };
  }
  if (weeklyRate <= 0) return { points, remaining, weeklyRate: 0, forecastCompletion: null, onTrack: false };
  const forecastCompletion = addDays(range.today, Math.ceil((remaining / weeklyRate) * 7));
  return { points, remaining, weeklyRate, forecastCompletion, onTrack: compareDates(forecastCompletion, range.deadline) < 0 };
}
