import { describe, it, expect } from 'vitest';
import { firstWeekdayAfter, nthWeekdayOfMonth, occurrenceDates, weekdayOf } from './maintenance-recurrence';
import { DEFAULT_MAINTENANCE_CALENDAR, type MaintenanceCalendar, type MaintenanceRule } from './maintenance-calendar';

const rule = (id: string) => DEFAULT_MAINTENANCE_CALENDAR.rules.find((candidate) => candidate.id === id)!;
const datesOf = (calendar: MaintenanceCalendar, r: MaintenanceRule, first: string, last: string) =>
  occurrenceDates(calendar, r, first, last).map((occurrence) => occurrence.localDate);

describe('weekdayOf', () => {
  it.each([
    ['1970-01-01', 'THURSDAY'],
    ['2026-11-24', 'TUESDAY'],
    ['2026-11-26', 'THURSDAY'],
    ['2000-02-29', 'TUESDAY'],
    ['1969-12-31', 'WEDNESDAY'],
  ])('%s is a %s', (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('firstWeekdayAfter', () => {
  it('is strictly after the date', () => {
    expect(firstWeekdayAfter('2026-11-24', 'THURSDAY')).toBe('2026-11-26');
    expect(firstWeekdayAfter('2026-11-26', 'THURSDAY')).toBe('2026-12-03');
    expect(firstWeekdayAfter('2029-02-27', 'THURSDAY')).toBe('2029-03-01');
  });
});

describe('nthWeekdayOfMonth', () => {
  it.each([
    [2026, 1, 4, '2026-01-27'],
    [2026, 2, 4, '2026-02-24'],
    [2026, 3, 4, '2026-03-24'],
    [2026, 9, 4, '2026-09-22'],
    [2026, 11, 4, '2026-11-24'],
    [2026, 12, 4, '2026-12-22'],
    [2027, 6, 4, '2027-06-22'],
    [2026, 12, 1, '2026-12-01'], // the month starts on a Tuesday
    [2026, 3, -1, '2026-03-31'],
    [2026, 3, 5, '2026-03-31'],
  ])('Tuesday %i/%i #%i is %s', (year, month, nth, expected) => {
    expect(nthWeekdayOfMonth(year, month, nth, 'TUESDAY')).toBe(expected);
  });

  it('is null for a 5th weekday the month does not have', () => {
    expect(nthWeekdayOfMonth(2026, 2, 5, 'TUESDAY')).toBeNull();
  });
});

describe('occurrenceDates', () => {
  it('lists the 4th Tuesdays of a year', () => {
    expect(datesOf(DEFAULT_MAINTENANCE_CALENDAR, rule('beta-prod-os'), '2026-01-01', '2026-12-31')).toEqual([
      '2026-01-27',
      '2026-02-24',
      '2026-03-24',
      '2026-04-28',
      '2026-05-26',
      '2026-06-23',
      '2026-07-28',
      '2026-08-25',
      '2026-09-22',
      '2026-10-27',
      '2026-11-24',
      '2026-12-22',
    ]);
  });

  it('includes both ends of the range', () => {
    expect(datesOf(DEFAULT_MAINTENANCE_CALENDAR, rule('test-tools'), '2026-11-26', '2026-12-10')).toEqual(['2026-11-26', '2026-12-03', '2026-12-10']);
    expect(datesOf(DEFAULT_MAINTENANCE_CALENDAR, rule('beta-prod-os'), '2026-11-25', '2026-12-21')).toEqual([]);
  });

  it('puts the tools update on the Thursday after each 4th Tuesday, across month ends', () => {
    const occurrences = occurrenceDates(DEFAULT_MAINTENANCE_CALENDAR, rule('qual-beta-prod-tools'), '2029-02-01', '2029-03-31');
    expect(occurrences.map((o) => [o.anchor?.localDate, o.localDate])).toEqual([
      ['2029-02-27', '2029-03-01'],
      ['2029-03-27', '2029-03-29'],
    ]);
  });

  it('finds a following occurrence whose anchor lies before the range', () => {
    expect(datesOf(DEFAULT_MAINTENANCE_CALENDAR, rule('qual-beta-prod-tools'), '2026-11-25', '2026-11-30')).toEqual(['2026-11-26']);
  });

  it('applies offsetWeeks', () => {
    const calendar: MaintenanceCalendar = {
      ...DEFAULT_MAINTENANCE_CALENDAR,
      rules: [
        ...DEFAULT_MAINTENANCE_CALENDAR.rules,
        { ...rule('qual-beta-prod-tools'), id: 'late', recurrence: { type: 'after', rule: 'beta-prod-os', weekday: 'THURSDAY', offsetWeeks: 2 } },
      ],
    };
    expect(datesOf(calendar, calendar.rules[4], '2026-12-01', '2026-12-31')).toEqual(['2026-12-10']); // 2026-11-26 + 2 weeks
  });

  it('refuses an after-rule whose anchor is missing or loops', () => {
    const broken: MaintenanceRule = { ...rule('qual-beta-prod-tools'), recurrence: { type: 'after', rule: 'gone', weekday: 'THURSDAY' } };
    expect(() => occurrenceDates({ ...DEFAULT_MAINTENANCE_CALENDAR, rules: [broken] }, broken, '2026-01-01', '2026-02-01')).toThrow(
      'follows unknown rule gone',
    );
    const a: MaintenanceRule = { ...broken, id: 'a', recurrence: { type: 'after', rule: 'b', weekday: 'MONDAY' } };
    const b: MaintenanceRule = { ...broken, id: 'b', recurrence: { type: 'after', rule: 'a', weekday: 'MONDAY' } };
    expect(() => occurrenceDates({ timeZone: 'UTC', rules: [a, b] }, a, '2026-01-01', '2026-02-01')).toThrow('loop: a → b → a');
  });
});
