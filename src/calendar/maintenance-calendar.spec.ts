import { describe, it, expect } from 'vitest';
import {
  DEFAULT_MAINTENANCE_CALENDAR,
  InvalidMaintenanceRangeError,
  listMaintenanceWindows,
  type MaintenanceCalendar,
  type MaintenanceWindow,
} from './maintenance-calendar';
import { validateMaintenanceCalendar } from './maintenance-calendar-validation';

const calendar = DEFAULT_MAINTENANCE_CALENDAR;
const at = (iso: string) => new Date(iso);
const brief = (w: MaintenanceWindow) => `${w.environment} ${w.ruleId} ${w.start.toISOString()}–${w.end.toISOString()}`;

describe('DEFAULT_MAINTENANCE_CALENDAR', () => {
  it('is a valid calendar in campus time', () => {
    expect(validateMaintenanceCalendar(calendar)).toEqual([]);
    expect(calendar.timeZone).toBe('America/Chicago');
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(calendar.rules[0].recurrence)).toBe(true);
    expect(() => (calendar.rules as unknown[]).push({})).toThrow(TypeError);
  });

  it('survives a JSON round trip (it is configuration)', () => {
    const copy = JSON.parse(JSON.stringify(calendar)) as MaintenanceCalendar;
    const from = at('2026-11-01T00:00:00Z');
    const to = at('2026-12-01T00:00:00Z');
    expect(listMaintenanceWindows(copy, from, to)).toEqual(listMaintenanceWindows(calendar, from, to));
  });
});

describe('listMaintenanceWindows', () => {
  it('lists November 2026 for every environment in order', () => {
    const windows = listMaintenanceWindows(calendar, at('2026-11-01T06:00:00Z'), at('2026-12-01T06:00:00Z'));
    expect(windows.map(brief)).toEqual([
      'TEST test-qual-os 2026-11-03T17:00:00.000Z–2026-11-03T19:00:00.000Z',
      'QUAL test-qual-os 2026-11-03T17:00:00.000Z–2026-11-03T19:00:00.000Z',
      'TEST test-tools 2026-11-05T13:00:00.000Z–2026-11-05T15:00:00.000Z',
      'TEST test-tools 2026-11-12T13:00:00.000Z–2026-11-12T15:00:00.000Z',
      'TEST test-tools 2026-11-19T13:00:00.000Z–2026-11-19T15:00:00.000Z',
      'BETA beta-prod-os 2026-11-24T23:00:00.000Z–2026-11-25T01:00:00.000Z',
      'PROD beta-prod-os 2026-11-24T23:00:00.000Z–2026-11-25T01:00:00.000Z',
      'TEST test-tools 2026-11-26T13:00:00.000Z–2026-11-26T15:00:00.000Z',
      'QUAL qual-beta-prod-tools 2026-11-26T13:00:00.000Z–2026-11-26T15:00:00.000Z',
      'BETA qual-beta-prod-tools 2026-11-26T13:00:00.000Z–2026-11-26T15:00:00.000Z',
      'PROD qual-beta-prod-tools 2026-11-26T13:00:00.000Z–2026-11-26T15:00:00.000Z',
    ]);
  });

  it('gives each window its campus-time fields', () => {
    const [window] = listMaintenanceWindows(calendar, at('2026-12-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), 'PROD').filter(
      (w) => w.kind === 'OS_MAINTENANCE',
    );
    expect(window).toEqual({
      ruleId: 'beta-prod-os',
      environment: 'PROD',
      kind: 'OS_MAINTENANCE',
      start: at('2026-12-22T23:00:00Z'),
      end: at('2026-12-23T01:00:00Z'),
      timeZone: 'America/Chicago',
      localDate: '2026-12-22', // the UTC date of the end is the 23rd; campus time is what counts
      localStart: '17:00',
      localEnd: '19:00',
    });
  });

  it('filters by environment', () => {
    const windows = listMaintenanceWindows(calendar, at('2026-11-01T06:00:00Z'), at('2026-12-01T06:00:00Z'), 'QUAL');
    expect(windows.map((w) => `${w.ruleId} ${w.localDate}`)).toEqual(['test-qual-os 2026-11-03', 'qual-beta-prod-tools 2026-11-26']);
  });

  describe('across the change to daylight time (2026-03-08)', () => {
    const windows = listMaintenanceWindows(calendar, at('2026-02-20T00:00:00Z'), at('2026-04-10T00:00:00Z'), 'PROD');

    it('keeps 17:00 campus time: 23:00Z in February, 22:00Z in March', () => {
      expect(windows.filter((w) => w.kind === 'OS_MAINTENANCE').map((w) => [w.localDate, w.start.toISOString(), w.localStart])).toEqual([
        ['2026-02-24', '2026-02-24T23:00:00.000Z', '17:00'],
        ['2026-03-24', '2026-03-24T22:00:00.000Z', '17:00'],
      ]);
    });

    it('moves the Thursday 07:00 window from 13:00Z to 12:00Z', () => {
      const tests = listMaintenanceWindows(calendar, at('2026-03-01T00:00:00Z'), at('2026-03-15T00:00:00Z'), 'TEST').filter((w) => w.ruleId === 'test-tools');
      expect(tests.map((w) => [w.localDate, w.start.toISOString(), w.localStart])).toEqual([
        ['2026-03-05', '2026-03-05T13:00:00.000Z', '07:00'],
        ['2026-03-12', '2026-03-12T12:00:00.000Z', '07:00'],
      ]);
    });
  });

  describe('across the change back to standard time (2026-11-01)', () => {
    it('keeps 17:00 campus time: 22:00Z in October, 23:00Z in November', () => {
      const windows = listMaintenanceWindows(calendar, at('2026-10-20T00:00:00Z'), at('2026-11-30T00:00:00Z'), 'BETA').filter(
        (w) => w.kind === 'OS_MAINTENANCE',
      );
      expect(windows.map((w) => [w.localDate, w.start.toISOString(), w.end.toISOString()])).toEqual([
        ['2026-10-27', '2026-10-27T22:00:00.000Z', '2026-10-28T00:00:00.000Z'],
        ['2026-11-24', '2026-11-24T23:00:00.000Z', '2026-11-25T01:00:00.000Z'],
      ]);
    });

    it('moves the Thursday 07:00 window from 12:00Z to 13:00Z', () => {
      const windows = listMaintenanceWindows(calendar, at('2026-10-28T00:00:00Z'), at('2026-11-06T00:00:00Z'), 'TEST').filter((w) => w.ruleId === 'test-tools');
      expect(windows.map((w) => w.start.toISOString())).toEqual(['2026-10-29T12:00:00.000Z', '2026-11-05T13:00:00.000Z']);
    });
  });

  describe('a window at the very hour the clocks change', () => {
    const nightly: MaintenanceCalendar = {
      timeZone: 'America/Chicago',
      rules: [
        { id: 'sunday-night', kind: 'OS_MAINTENANCE', environments: ['TEST'], recurrence: { type: 'weekly', weekday: 'SUNDAY' }, start: '01:30', end: '02:30' },
      ],
    };
    const onDay = (day: string) =>
      listMaintenanceWindows(nightly, at(`${day}T00:00:00Z`), at(`${day}T23:59:00Z`)).map((w) => [
        w.start.toISOString(),
        w.end.toISOString(),
        w.localStart,
        w.localEnd,
      ]);

    it('ends at 03:30 daylight time when 02:30 does not exist (one hour long)', () => {
      expect(onDay('2026-03-08')).toEqual([['2026-03-08T07:30:00.000Z', '2026-03-08T08:30:00.000Z', '01:30', '03:30']]);
    });

    it('starts at the first 01:30 when 01:30 happens twice (two hours long)', () => {
      expect(onDay('2026-11-01')).toEqual([['2026-11-01T06:30:00.000Z', '2026-11-01T08:30:00.000Z', '01:30', '02:30']]);
    });
  });

  it('runs a window past midnight when end is before start', () => {
    const overnight: MaintenanceCalendar = {
      timeZone: 'America/Chicago',
      rules: [
        {
          id: 'overnight',
          kind: 'OS_MAINTENANCE',
          environments: ['PROD'],
          recurrence: { type: 'monthly', nth: -1, weekday: 'SATURDAY' },
          start: '22:00',
          end: '02:00',
        },
      ],
    };
    const windows = listMaintenanceWindows(overnight, at('2026-11-01T00:00:00Z'), at('2026-12-01T00:00:00Z'));
    expect(windows.map((w) => [w.localDate, w.start.toISOString(), w.end.toISOString(), w.localStart, w.localEnd])).toEqual([
      // Still running when the range starts; the clocks fall back during it, so it lasts five hours.
      ['2026-10-31', '2026-11-01T03:00:00.000Z', '2026-11-01T08:00:00.000Z', '22:00', '02:00'],
      ['2026-11-28', '2026-11-29T04:00:00.000Z', '2026-11-29T08:00:00.000Z', '22:00', '02:00'],
    ]);
  });

  it('includes windows overlapping the range and excludes those touching it from outside', () => {
    const during = listMaintenanceWindows(calendar, at('2026-11-24T23:30:00Z'), at('2026-11-24T23:45:00Z'));
    expect(during.map((w) => w.environment)).toEqual(['BETA', 'PROD']);
    expect(listMaintenanceWindows(calendar, at('2026-11-25T01:00:00Z'), at('2026-11-26T13:00:00Z'))).toEqual([]); // [from, to)
    expect(listMaintenanceWindows(calendar, at('2026-11-24T23:00:00Z'), at('2026-11-24T23:00:00Z'))).toEqual([]);
  });

  it('uses the time zone of the calendar', () => {
    const berlin: MaintenanceCalendar = { ...calendar, timeZone: 'Europe/Berlin' };
    const [window] = listMaintenanceWindows(berlin, at('2026-11-24T00:00:00Z'), at('2026-11-25T00:00:00Z'), 'PROD');
    expect([window.start.toISOString(), window.timeZone]).toEqual(['2026-11-24T16:00:00.000Z', 'Europe/Berlin']);
  });

  it('bounds the range to two years', () => {
    expect(listMaintenanceWindows(calendar, at('2026-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z'), 'PROD')).toHaveLength(48); // 24 months × (OS + tools)
    expect(() => listMaintenanceWindows(calendar, at('2026-01-01T00:00:00Z'), at('2028-01-03T00:00:00Z'))).toThrow(InvalidMaintenanceRangeError);
    expect(() => listMaintenanceWindows(calendar, at('2026-01-01T00:00:00Z'), at('2028-01-03T00:00:00Z'))).toThrow('at most 731 days (two years)');
  });

  it('refuses a reversed or invalid range', () => {
    expect(() => listMaintenanceWindows(calendar, at('2026-02-01T00:00:00Z'), at('2026-01-01T00:00:00Z'))).toThrow('must not be before from');
    expect(() => listMaintenanceWindows(calendar, at('soon'), at('2026-01-01T00:00:00Z'))).toThrow('valid instants');
  });
});
