/**
 * The maintenance calendar as data, so operations can change it in configuration, and the windows
 * it produces as instants. Rules are written in the calendar's wall-clock time (campus time,
 * America/Chicago); each window is converted to UTC on its own date, so a 17:00 window is 23:00Z
 * in winter and 22:00Z in summer.
 *
 * Local times that a daylight-saving change skips or repeats resolve as in iCalendar (RFC 5545):
 * a skipped time moves forward by the gap, a repeated time means its first occurrence (see
 * `zoned-time.ts`). `localDate`, `localStart` and `localEnd` of a window are read back from its
 * instants, so they always show what a clock on campus shows, even for a moved time.
 */
import { addDays, todayIn, type CalendarDate } from './calendar-date';
import { compareEnvironments, type Environment } from './environment';
import { occurrenceDates, type OccurrenceDate } from './maintenance-recurrence';
import { instantAtWallClock, wallClockAt, type WallClock } from './zoned-time';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MAINTENANCE_KINDS = ['OS_MAINTENANCE', 'TOOLS_UPDATE'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

/** `nth` 1–5 counts from the start of the month; -1 is the last such weekday of the month. */
export type MonthlyNth = 1 | 2 | 3 | 4 | 5 | -1;

export type Recurrence =
  | { type: 'weekly'; weekday: Weekday }
  /** Months without a 5th such weekday have no occurrence of an `nth: 5` rule. */
  | { type: 'monthly'; nth: MonthlyNth; weekday: Weekday }
  /** The first `weekday` strictly after each occurrence of rule `rule`, plus `offsetWeeks` weeks. */
  | { type: 'after'; rule: string; weekday: Weekday; offsetWeeks?: number };

/** Wall-clock time `HH:MM`, 24-hour. */
export type LocalTime = string;

export interface MaintenanceRule {
  id: string;
  kind: MaintenanceKind;
  environments: Environment[];
  recurrence: Recurrence;
  start: LocalTime;
  /** At or before `start` means the window runs past midnight into the next day. */
  end: LocalTime;
  description?: string;
}

export interface MaintenanceCalendar {
  /** IANA zone the rules' times are written in. */
  timeZone: string;
  rules: MaintenanceRule[];
}

export interface MaintenanceWindow {
  ruleId: string;
  environment: Environment;
  kind: MaintenanceKind;
  start: Date;
  end: Date;
  timeZone: string;
  localDate: CalendarDate;
  localStart: LocalTime;
  localEnd: LocalTime;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** PRODUCT.md's calendar, from the service level agreement. Frozen: copy it to change it. */
export const DEFAULT_MAINTENANCE_CALENDAR: MaintenanceCalendar = deepFreeze({
  timeZone: 'America/Chicago',
  rules: [
    {
      id: 'beta-prod-os',
      kind: 'OS_MAINTENANCE',
      environments: ['BETA', 'PROD'],
      recurrence: { type: 'monthly', nth: 4, weekday: 'TUESDAY' },
      start: '17:00',
      end: '19:00',
      description: 'OS maintenance for BETA and PROD on the 4th Tuesday of each month',
    },
    {
      id: 'test-qual-os',
      kind: 'OS_MAINTENANCE',
      environments: ['TEST', 'QUAL'],
      recurrence: { type: 'monthly', nth: 1, weekday: 'TUESDAY' },
      start: '11:00',
      end: '13:00',
      description: 'OS maintenance for TEST and QUAL on the 1st Tuesday of each month',
    },
    {
      id: 'test-tools',
      kind: 'TOOLS_UPDATE',
      environments: ['TEST'],
      recurrence: { type: 'weekly', weekday: 'THURSDAY' },
      start: '07:00',
      end: '09:00',
      description: 'Platform tool updates to TEST every Thursday',
    },
    {
      id: 'qual-beta-prod-tools',
      kind: 'TOOLS_UPDATE',
      environments: ['QUAL', 'BETA', 'PROD'],
      recurrence: { type: 'after', rule: 'beta-prod-os', weekday: 'THURSDAY' },
      start: '07:00',
      end: '09:00',
      description: 'Platform tool updates to QUAL, BETA and PROD on the Thursday after the BETA/PROD OS maintenance',
    },
  ],
});

/** Two years, counting a leap day: enough for any calendar page or feed, small enough to be cheap. */
export const MAX_MAINTENANCE_RANGE_DAYS = 731;

export class InvalidMaintenanceRangeError extends Error {
  readonly code = 'INVALID_MAINTENANCE_RANGE';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidMaintenanceRangeError';
  }
}

function assertRange(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new InvalidMaintenanceRangeError('from and to must be valid instants');
  }
  if (to.getTime() < from.getTime()) {
    throw new InvalidMaintenanceRangeError(`to (${to.toISOString()}) must not be before from (${from.toISOString()})`);
  }
  if (to.getTime() - from.getTime() > MAX_MAINTENANCE_RANGE_DAYS * 86_400_000) {
    throw new InvalidMaintenanceRangeError(
      `a range of maintenance windows may span at most ${MAX_MAINTENANCE_RANGE_DAYS} days (two years); ` +
        `${from.toISOString()} to ${to.toISOString()} is longer: ask for a shorter range`,
    );
  }
}

function wallClockOn(date: CalendarDate, time: LocalTime): WallClock {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
    hour: Number(time.slice(0, 2)),
    minute: Number(time.slice(3, 5)),
  };
}

function formatLocalTime({ hour, minute }: WallClock): LocalTime {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** One occurrence of a rule, as instants, before it is fanned out to environments. */
export interface RuleOccurrence {
  rule: MaintenanceRule;
  start: Date;
  end: Date;
  /** For an `after` rule, the occurrence of the rule it follows. */
  anchor: RuleOccurrence | null;
}

function ruleById(calendar: MaintenanceCalendar, ruleId: string): MaintenanceRule {
  const rule = calendar.rules.find((candidate) => candidate.id === ruleId);
  if (rule === undefined) throw new Error(`the maintenance calendar has no rule ${ruleId}`);
  return rule;
}

function toRuleOccurrence(calendar: MaintenanceCalendar, rule: MaintenanceRule, occurrence: OccurrenceDate): RuleOccurrence {
  const runsPastMidnight = rule.end <= rule.start; // fixed-width HH:MM strings compare as times
  const endDate = runsPastMidnight ? addDays(occurrence.localDate, 1) : occurrence.localDate;
  const anchorRule = rule.recurrence.type === 'after' ? ruleById(calendar, rule.recurrence.rule) : null;
  return {
    rule,
    start: instantAtWallClock(wallClockOn(occurrence.localDate, rule.start), calendar.timeZone),
    end: instantAtWallClock(wallClockOn(endDate, rule.end), calendar.timeZone),
    anchor: occurrence.anchor && anchorRule ? toRuleOccurrence(calendar, anchorRule, occurrence.anchor) : null,
  };
}

function overlaps(occurrence: { start: Date; end: Date }, from: Date, to: Date): boolean {
  return occurrence.start.getTime() < to.getTime() && occurrence.end.getTime() > from.getTime();
}

/** Occurrences of one rule that overlap [from, to), ordered by start. */
export function listRuleOccurrences(calendar: MaintenanceCalendar, ruleId: string, from: Date, to: Date): RuleOccurrence[] {
  assertRange(from, to);
  const rule = ruleById(calendar, ruleId);
  // A window starts on its local date and ends at most a day later, so the day before `from`
  // is the earliest date whose window can still be running at `from`.
  const firstDate = addDays(todayIn(calendar.timeZone, from), -1);
  const lastDate = todayIn(calendar.timeZone, to);
  return occurrenceDates(calendar, rule, firstDate, lastDate)
    .map((occurrence) => toRuleOccurrence(calendar, rule, occurrence))
    .filter((occurrence) => overlaps(occurrence, from, to))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The window of `occurrence` for one environment, with its campus-time fields. */
export function windowFor(occurrence: RuleOccurrence, environment: Environment, timeZone: string): MaintenanceWindow {
  const localStart = wallClockAt(occurrence.start, timeZone);
  return {
    ruleId: occurrence.rule.id,
    environment,
    kind: occurrence.rule.kind,
    start: occurrence.start,
    end: occurrence.end,
    timeZone,
    localDate: todayIn(timeZone, occurrence.start),
    localStart: formatLocalTime(localStart),
    localEnd: formatLocalTime(wallClockAt(occurrence.end, timeZone)),
  };
}

/**
 * Every maintenance window overlapping [from, to), one per environment a rule covers (only
 * `environment`'s when given), ordered by start, then environment, then rule. The range may
 * span at most two years.
 */
export function listMaintenanceWindows(calendar: MaintenanceCalendar, from: Date, to: Date, environment?: Environment): MaintenanceWindow[] {
  assertRange(from, to);
  const windows: MaintenanceWindow[] = [];
  for (const rule of calendar.rules) {
    const environments = rule.environments.filter((candidate) => environment === undefined || candidate === environment);
    if (environments.length === 0) continue;
    for (const occurrence of listRuleOccurrences(calendar, rule.id, from, to)) {
      for (const covered of environments) windows.push(windowFor(occurrence, covered, calendar.timeZone));
    }
  }
  return windows.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() || compareEnvironments(a.environment, b.environment) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
