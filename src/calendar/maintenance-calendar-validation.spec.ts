import { describe, it, expect } from 'vitest';
import { DEFAULT_MAINTENANCE_CALENDAR } from './maintenance-calendar';
import { InvalidMaintenanceCalendarError, parseMaintenanceCalendar, validateMaintenanceCalendar } from './maintenance-calendar-validation';

/** A deep copy of the default calendar, typed loosely so a test can break any field of it. */
interface EditableCalendar {
  timeZone: unknown;
  rules: (Record<string, unknown> & { recurrence: Record<string, unknown> })[];
}
const defaults = () => JSON.parse(JSON.stringify(DEFAULT_MAINTENANCE_CALENDAR)) as EditableCalendar;

describe('validateMaintenanceCalendar', () => {
  it('accepts the default calendar', () => {
    expect(validateMaintenanceCalendar(defaults())).toEqual([]);
  });

  it('refuses a calendar that gives some environment no tools-update rule, naming the environments', () => {
    // Releases reach an environment only in its tools-update window: without one, every rollout
    // and deployment there would fail later with NOT_FOUND.
    const calendar = defaults();
    calendar.rules = calendar.rules.filter((rule) => rule.id !== 'qual-beta-prod-tools');
    expect(validateMaintenanceCalendar(calendar)).toEqual([
      {
        path: 'rules',
        message:
          'give no TOOLS_UPDATE rule to QUAL, BETA, PROD; every environment needs one (a release reaches an environment in its tools-update window, so its rollouts and deployments there would fail)',
      },
    ]);
    expect(validateMaintenanceCalendar({ timeZone: 'UTC', rules: [] })).toEqual([
      {
        path: 'rules',
        message: expect.stringContaining('give no TOOLS_UPDATE rule to TEST, QUAL, BETA, PROD;'),
      },
    ]);
    // An OS maintenance rule does not count.
    const osOnly = defaults();
    osOnly.rules = osOnly.rules.map((rule) => (rule.id === 'test-tools' ? { ...rule, kind: 'OS_MAINTENANCE' } : rule));
    expect(validateMaintenanceCalendar(osOnly).map((issue) => issue.message)).toEqual([expect.stringContaining('rule to TEST;')]);
  });

  it('refuses what is not a calendar', () => {
    expect(validateMaintenanceCalendar(null)).toEqual([{ path: '', message: 'must be an object with timeZone and rules' }]);
    expect(validateMaintenanceCalendar({ timeZone: 'Campus/Time', rules: {} })).toEqual([
      { path: 'timeZone', message: 'must be an IANA time zone such as America/Chicago; got "Campus/Time"' },
      { path: 'rules', message: 'must be a list of maintenance rules' },
    ]);
  });

  it('names the path of every bad field of a rule', () => {
    const calendar = defaults();
    calendar.rules[0] = {
      id: 'beta-prod-os',
      kind: 'REBOOT',
      environments: ['BETA', 'STAGING', 'BETA'],
      recurrence: { type: 'monthly', nth: 6, weekday: 'Tuesday' },
      start: '5pm',
      end: '24:00',
      owner: 'ops',
    };
    expect(validateMaintenanceCalendar(calendar)).toEqual([
      { path: 'rules[0].owner', message: 'is not a known field; expected id, kind, environments, recurrence, start, end, description' },
      { path: 'rules[0].kind', message: 'must be one of OS_MAINTENANCE, TOOLS_UPDATE; got "REBOOT"' },
      { path: 'rules[0].environments[1]', message: 'must be one of TEST, QUAL, BETA, PROD; got "STAGING"' },
      { path: 'rules[0].environments[2]', message: 'BETA is listed twice' },
      { path: 'rules[0].start', message: 'must be a 24-hour time HH:MM such as 07:00; got "5pm"' },
      { path: 'rules[0].end', message: 'must be a 24-hour time HH:MM such as 07:00; got "24:00"' },
      { path: 'rules[0].recurrence.weekday', message: 'must be one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY; got "Tuesday"' },
      { path: 'rules[0].recurrence.nth', message: 'must be 1, 2, 3, 4, 5 or -1 (the last in the month); got 6' },
    ]);
  });

  it('checks recurrences by type', () => {
    const calendar = defaults();
    calendar.rules[1].recurrence = { type: 'fortnightly' };
    calendar.rules[2].recurrence = { type: 'weekly', weekday: 'THURSDAY', nth: 1 };
    calendar.rules[3].recurrence = { type: 'after', rule: 'nope', weekday: 'THURSDAY', offsetWeeks: -1 };
    expect(validateMaintenanceCalendar(calendar)).toEqual([
      { path: 'rules[1].recurrence.type', message: 'must be one of weekly, monthly, after; got "fortnightly"' },
      { path: 'rules[2].recurrence.nth', message: 'is not a known field; expected type, weekday' },
      { path: 'rules[3].recurrence.rule', message: 'must be the id of another rule in this calendar; got "nope"' },
      { path: 'rules[3].recurrence.offsetWeeks', message: 'must be a whole number from 0 to 52; got -1' },
    ]);
  });

  it('refuses duplicate ids, equal start and end, and rules that follow themselves', () => {
    const calendar = defaults();
    calendar.rules[1].id = 'beta-prod-os';
    calendar.rules[2].end = calendar.rules[2].start;
    calendar.rules[3].recurrence.rule = 'qual-beta-prod-tools';
    expect(validateMaintenanceCalendar(calendar)).toEqual([
      { path: 'rules[1].id', message: '"beta-prod-os" is used by an earlier rule; ids must be unique' },
      { path: 'rules[2].end', message: 'must differ from start (an end before start means the window runs past midnight)' },
      { path: 'rules[3].recurrence.rule', message: 'must name another rule, not the rule itself' },
    ]);
  });

  it('refuses rules that follow each other in a loop', () => {
    const calendar = defaults();
    calendar.rules[0].recurrence = { type: 'after', rule: 'qual-beta-prod-tools', weekday: 'TUESDAY' };
    expect(validateMaintenanceCalendar(calendar)).toEqual([
      { path: 'rules[0].recurrence.rule', message: 'makes a loop of rules that follow each other: beta-prod-os → qual-beta-prod-tools → beta-prod-os' },
      { path: 'rules[3].recurrence.rule', message: 'makes a loop of rules that follow each other: qual-beta-prod-tools → beta-prod-os → qual-beta-prod-tools' },
    ]);
  });

  it('reports unknown top-level fields without a leading dot', () => {
    expect(validateMaintenanceCalendar({ ...defaults(), zone: 'x' })).toEqual([{ path: 'zone', message: 'is not a known field; expected timeZone, rules' }]);
  });
});

describe('parseMaintenanceCalendar', () => {
  it('returns a valid calendar', () => {
    const calendar = defaults();
    expect(parseMaintenanceCalendar(calendar)).toBe(calendar);
  });

  it('throws every problem at once', () => {
    try {
      parseMaintenanceCalendar({ timeZone: 'Nowhere', rules: [...defaults().rules, null] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidMaintenanceCalendarError);
      expect((error as InvalidMaintenanceCalendarError).issues).toHaveLength(2);
      expect((error as Error).message).toBe(
        'invalid maintenance calendar: timeZone must be an IANA time zone such as America/Chicago; got "Nowhere"; rules[4] must be an object',
      );
    }
  });
});
