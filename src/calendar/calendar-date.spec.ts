import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  describeMonthsAndDays,
  InvalidCalendarDateError,
  isCalendarDate,
  isValidTimeZone,
  monthsAndDaysBetween,
  monthsBetween,
  parseCalendarDate,
  todayIn,
} from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2020-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });

  it.each([
    '2019-02-29', // not a leap year
    '1900-02-29', // century, not divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '2026-1-01',
    '2026-01-1',
    '20260101',
    ' 2026-01-01',
    '2026-01-01T00:00:00Z',
    '',
  ])('rejects %j', (text) => {
    expect(isCalendarDate(text)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isCalendarDate(null)).toBe(false);
    expect(isCalendarDate(new Date())).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('agrees with the Gregorian calendar of Date for every day of 400 years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1600, max: 1999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const viaDate = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(isCalendarDate(text)).toBe(viaDate);
      }),
    );
  });
});

describe('parseCalendarDate', () => {
  it('returns a valid date unchanged', () => {
    expect(parseCalendarDate('2026-03-08')).toBe('2026-03-08');
  });

  it('says which field was wrong, what was expected and why', () => {
    expect(() => parseCalendarDate('2019-02-29', 'endOfSupport')).toThrow(
      'endOfSupport must be a calendar date written YYYY-MM-DD (for example 2026-03-08); got "2019-02-29": 2019-02 has 28 days',
    );
    expect(() => parseCalendarDate('03/08/2026', 'on')).toThrow(/^on must be .* got "03\/08\/2026"$/);
    expect(() => parseCalendarDate('2026-13-01')).toThrow('there is no month 13');
  });

  it('throws a typed error with a stable code', () => {
    try {
      parseCalendarDate(undefined, 'generalAvailability');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCalendarDateError);
      expect(error).toMatchObject({ code: 'INVALID_CALENDAR_DATE', field: 'generalAvailability' });
      expect((error as Error).message).toContain('got undefined');
    }
  });
});

describe('addMonths', () => {
  it.each([
    ['2020-03-31', -1, '2020-02-29'],
    ['2021-03-31', -1, '2021-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2020-01-31', 2, '2020-03-31'],
    ['2020-03-31', -8, '2019-07-31'],
    ['2022-03-31', -8, '2021-07-31'],
    ['2022-10-31', -8, '2022-02-28'],
    ['2017-04-01', 36, '2020-04-01'],
    ['2026-11-22', 8, '2027-07-22'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-06-30', 0, '2026-06-30'],
  ])('%s %+d months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses fractional months and invalid dates', () => {
    expect(() => addMonths('2026-01-01', 1.5)).toThrow('months must be a whole number');
    expect(() => addMonths('2026-02-30', 1)).toThrow(InvalidCalendarDateError);
  });

  it('refuses to leave years 0001–9999', () => {
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2020-02-28', 1, '2020-02-29'],
    ['2019-02-28', 1, '2019-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-07', 2, '2026-03-09'], // across the DST change: calendar days know nothing of clocks
    ['0050-01-01', 31, '0050-02-01'], // years below 100 are not read as 19xx
  ])('%s %+d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it('round-trips for any day offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        expect(daysBetween('2000-01-01', addDays('2000-01-01', days))).toBe(days);
      }),
    );
  });
});

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(['2027-01-01', '2019-12-31', '2020-02-29'].sort(compareDates)).toEqual(['2019-12-31', '2020-02-29', '2027-01-01']);
  });

  it('refuses malformed input rather than comparing strings', () => {
    expect(() => compareDates('2026-1-1', '2026-01-01')).toThrow(InvalidCalendarDateError);
  });
});

describe('monthsBetween and monthsAndDaysBetween', () => {
  it.each([
    ['2017-04-01', '2020-04-01', 36, 0],
    ['2017-04-01', '2020-03-31', 35, 30],
    ['2020-01-31', '2020-02-29', 1, 0], // clamped month end counts as a whole month
    ['2020-01-31', '2020-02-28', 0, 28],
    ['2026-05-10', '2026-05-10', 0, 0],
  ])('%s → %s is %d months and %d days', (from, to, months, days) => {
    expect(monthsAndDaysBetween(from, to)).toEqual({ months, days });
  });

  it('is negative when the end comes first', () => {
    expect(monthsAndDaysBetween('2020-04-01', '2017-04-01')).toEqual({ months: -36, days: 0 });
    expect(monthsBetween('2020-04-01', '2017-04-01')).toBe(-36);
  });

  it('gives leftover days as a fraction of the following month', () => {
    expect(monthsBetween('2020-01-15', '2020-03-01')).toBeCloseTo(1 + 15 / 29, 10);
    expect(monthsBetween('2017-04-01', '2020-03-31')).toBeCloseTo(35 + 30 / 31, 10);
    expect(monthsBetween('2019-04-01', '2022-03-31')).toBeLessThan(36);
  });

  it('is exact on whole months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 3000 }), (months, dayOffset) => {
        const from = addDays('2000-01-01', dayOffset);
        expect(monthsBetween(from, addMonths(from, months))).toBe(months);
      }),
    );
  });

  it('describes spans for people', () => {
    expect(describeMonthsAndDays({ months: 41, days: 0 })).toBe('41 months');
    expect(describeMonthsAndDays({ months: 1, days: 1 })).toBe('1 month and 1 day');
    expect(describeMonthsAndDays({ months: 0, days: 12 })).toBe('12 days');
  });
});

describe('isValidTimeZone', () => {
  it.each(['America/Chicago', 'UTC', 'Europe/Berlin', 'Asia/Kolkata'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['', ' ', 'Mars/Olympus_Mons', 'America/Chicag0', null, 42])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe('todayIn', () => {
  it('is the date on campus, not in UTC', () => {
    // 03:30Z on 1 March is still the evening of 28 February in Chicago (UTC−6).
    expect(todayIn('America/Chicago', new Date('2026-03-01T03:30:00Z'))).toBe('2026-02-28');
    expect(todayIn('UTC', new Date('2026-03-01T03:30:00Z'))).toBe('2026-03-01');
    expect(todayIn('Asia/Tokyo', new Date('2026-02-28T15:00:00Z'))).toBe('2026-03-01');
  });

  it('turns over at local midnight in summer and in winter', () => {
    expect(todayIn('America/Chicago', new Date('2026-07-01T04:59:59Z'))).toBe('2026-06-30');
    expect(todayIn('America/Chicago', new Date('2026-07-01T05:00:00Z'))).toBe('2026-07-01');
    expect(todayIn('America/Chicago', new Date('2026-01-01T05:59:59Z'))).toBe('2025-12-31');
    expect(todayIn('America/Chicago', new Date('2026-01-01T06:00:00Z'))).toBe('2026-01-01');
  });

  it('refuses unknown zones and invalid instants', () => {
    expect(() => todayIn('Campus/Time', new Date())).toThrow('unknown time zone "Campus/Time"');
    expect(() => todayIn('UTC', new Date('nope'))).toThrow('Invalid Date');
  });
});
