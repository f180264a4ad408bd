import { describe, it, expect } from 'vitest';
import { DEFAULT_MAINTENANCE_CALENDAR, type MaintenanceCalendar } from '../../calendar/maintenance-calendar';
import { computeRolloutSchedule, reachedEnvironments, RolloutScheduleError, type RolloutStep } from './rollout';

const calendar = DEFAULT_MAINTENANCE_CALENDAR;
const at = (iso: string) => new Date(iso);

/** Each environment's start as `ENV localDate localStart = UTC`. */
const summary = (steps: RolloutStep[]) => steps.map((s) => `${s.environment} ${s.window?.localDate} ${s.window?.localStart} = ${s.start.toISOString()}`);
const schedule = (publishedAt: string) => summary(computeRolloutSchedule(at(publishedAt), calendar, []));

describe('computeRolloutSchedule', () => {
  it('sends a release to TEST on the next Thursday and to the rest after the next 4th Tuesday', () => {
    // Published Monday 2026-11-16 (CST, UTC−6).
    expect(schedule('2026-11-16T15:00:00Z')).toEqual([
      'TEST 2026-11-19 07:00 = 2026-11-19T13:00:00.000Z',
      'QUAL 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z', // 4th Tuesday 2026-11-24
      'BETA 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
      'PROD 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
    ]);
  });

  it('returns the windows used, with their rules and ends', () => {
    const [test, qual] = computeRolloutSchedule(at('2026-11-16T15:00:00Z'), calendar, []);
    expect(test).toEqual({
      environment: 'TEST',
      start: at('2026-11-19T13:00:00Z'),
      end: at('2026-11-19T15:00:00Z'),
      window: {
        ruleId: 'test-tools',
        environment: 'TEST',
        kind: 'TOOLS_UPDATE',
        start: at('2026-11-19T13:00:00Z'),
        end: at('2026-11-19T15:00:00Z'),
        timeZone: 'America/Chicago',
        localDate: '2026-11-19',
        localStart: '07:00',
        localEnd: '09:00',
      },
      overridden: false,
      reason: null,
    });
    expect(qual.window).toMatchObject({ ruleId: 'qual-beta-prod-tools', environment: 'QUAL' });
  });

  it('waits for the December 4th Tuesday (2026-12-22) when published just after November’s', () => {
    // Wednesday 2026-11-25: the November maintenance is over, so the Thursday after it does not count.
    expect(schedule('2026-11-25T16:00:00Z')).toEqual([
      'TEST 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
      'QUAL 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
      'BETA 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
      'PROD 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
    ]);
  });

  describe('published on the 4th Tuesday itself (2026-11-24, maintenance 17:00–19:00 CST = 23:00Z)', () => {
    it('before 17:00: QUAL, BETA and PROD follow this maintenance', () => {
      expect(schedule('2026-11-24T22:59:00Z').slice(1)).toEqual([
        'QUAL 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
        'BETA 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
        'PROD 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
      ]);
    });

    it('at 17:00 sharp or later: they wait for next month’s', () => {
      for (const publishedAt of ['2026-11-24T23:00:00Z', '2026-11-24T23:30:00Z', '2026-11-25T02:00:00Z']) {
        expect(schedule(publishedAt)[1]).toBe('QUAL 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z');
      }
    });
  });

  describe('published on a Thursday (2026-11-19, TEST tools window 07:00–09:00 CST)', () => {
    it('before the window: TEST gets it that morning', () => {
      expect(schedule('2026-11-19T12:59:00Z')[0]).toBe('TEST 2026-11-19 07:00 = 2026-11-19T13:00:00.000Z');
    });

    it('during or after the window, or at its very start: TEST waits a week', () => {
      for (const publishedAt of ['2026-11-19T13:00:00Z', '2026-11-19T14:00:00Z', '2026-11-19T18:00:00Z']) {
        expect(schedule(publishedAt)[0]).toBe('TEST 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z');
      }
    });

    it('on the Thursday after the 4th Tuesday during the window: every environment waits', () => {
      expect(schedule('2026-11-26T14:00:00Z')).toEqual([
        'TEST 2026-12-03 07:00 = 2026-12-03T13:00:00.000Z',
        'QUAL 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
        'BETA 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
        'PROD 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
      ]);
    });
  });

  describe('around month and year ends', () => {
    it('crosses into January after the December maintenance (4th Tuesday 2027-01-26)', () => {
      expect(schedule('2026-12-23T15:00:00Z')).toEqual([
        'TEST 2026-12-24 07:00 = 2026-12-24T13:00:00.000Z',
        'QUAL 2027-01-28 07:00 = 2027-01-28T13:00:00.000Z',
        'BETA 2027-01-28 07:00 = 2027-01-28T13:00:00.000Z',
        'PROD 2027-01-28 07:00 = 2027-01-28T13:00:00.000Z',
      ]);
    });

    it('puts the Thursday after a 4th Tuesday of 2029-02-27 on 2029-03-01', () => {
      expect(schedule('2029-02-20T15:00:00Z')[3]).toBe('PROD 2029-03-01 07:00 = 2029-03-01T13:00:00.000Z');
    });

    it('handles a 4th Tuesday on the 28th with its Thursday on the 30th (2026-04-28)', () => {
      expect(schedule('2026-04-27T15:00:00Z')[1]).toBe('QUAL 2026-04-30 07:00 = 2026-04-30T12:00:00.000Z');
    });
  });

  describe('across daylight-saving changes in Chicago', () => {
    it('spring forward (2026-03-08): TEST at 13:00Z before, QUAL at 12:00Z after', () => {
      // Published Monday 2026-03-02 (CST): TEST on 2026-03-05 still in winter time;
      // 4th Tuesday 2026-03-24 17:00 CDT = 22:00Z, tools on 2026-03-26 07:00 CDT = 12:00Z.
      expect(schedule('2026-03-02T18:00:00Z')).toEqual([
        'TEST 2026-03-05 07:00 = 2026-03-05T13:00:00.000Z',
        'QUAL 2026-03-26 07:00 = 2026-03-26T12:00:00.000Z',
        'BETA 2026-03-26 07:00 = 2026-03-26T12:00:00.000Z',
        'PROD 2026-03-26 07:00 = 2026-03-26T12:00:00.000Z',
      ]);
    });

    it('spring forward: the 4th Tuesday gate is 22:00Z in summer, not 23:00Z', () => {
      // 22:30Z on 2026-03-24 is 17:30 CDT: the maintenance has begun, so the release waits for April.
      expect(schedule('2026-03-24T22:30:00Z')[1]).toBe('QUAL 2026-04-30 07:00 = 2026-04-30T12:00:00.000Z');
      expect(schedule('2026-03-24T21:59:00Z')[1]).toBe('QUAL 2026-03-26 07:00 = 2026-03-26T12:00:00.000Z');
    });

    it('fall back (2026-11-01): TEST at 12:00Z before, QUAL at 13:00Z after', () => {
      // Published Wednesday 2026-10-28 (CDT), the day after October's 4th Tuesday.
      expect(schedule('2026-10-28T15:00:00Z')).toEqual([
        'TEST 2026-10-29 07:00 = 2026-10-29T12:00:00.000Z',
        'QUAL 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
        'BETA 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
        'PROD 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z',
      ]);
    });

    it('fall back: the 4th Tuesday gate is 23:00Z in winter, not 22:00Z', () => {
      // 22:30Z on 2026-11-24 is 16:30 CST: the maintenance is still ahead.
      expect(schedule('2026-11-24T22:30:00Z')[1]).toBe('QUAL 2026-11-26 07:00 = 2026-11-26T13:00:00.000Z');
    });

    it('published during the repeated hour itself', () => {
      // 2026-11-01T06:30Z and 07:30Z are both 01:30 on campus.
      expect(schedule('2026-11-01T06:30:00Z')[0]).toBe('TEST 2026-11-05 07:00 = 2026-11-05T13:00:00.000Z');
      expect(schedule('2026-11-01T07:30:00Z')[0]).toBe('TEST 2026-11-05 07:00 = 2026-11-05T13:00:00.000Z');
    });
  });

  describe('overrides', () => {
    const publishedAt = at('2026-11-16T15:00:00Z');

    it('replace one environment’s date and keep the others', () => {
      const steps = computeRolloutSchedule(publishedAt, calendar, [
        { environment: 'PROD', at: at('2026-12-24T13:30:00Z'), reason: 'Thanksgiving: no PROD changes on 2026-11-26' },
      ]);
      expect(steps.map((s) => [s.environment, s.start.toISOString(), s.overridden, s.reason])).toEqual([
        ['TEST', '2026-11-19T13:00:00.000Z', false, null],
        ['QUAL', '2026-11-26T13:00:00.000Z', false, null],
        ['BETA', '2026-11-26T13:00:00.000Z', false, null],
        ['PROD', '2026-12-24T13:30:00.000Z', true, 'Thanksgiving: no PROD changes on 2026-11-26'],
      ]);
      // 13:30Z lies inside PROD's tools window of 2026-12-24, which is reported and bounds the step.
      expect(steps[3].window).toMatchObject({ ruleId: 'qual-beta-prod-tools', localDate: '2026-12-24', environment: 'PROD' });
      expect(steps[3].end.toISOString()).toBe('2026-12-24T15:00:00.000Z');
    });

    it('may fall outside any maintenance window', () => {
      const [test] = computeRolloutSchedule(publishedAt, calendar, [{ environment: 'TEST', at: at('2026-11-17T20:00:00Z'), reason: 'urgent security fix' }]);
      expect(test).toEqual({
        environment: 'TEST',
        start: at('2026-11-17T20:00:00Z'),
        end: at('2026-11-17T20:00:00Z'),
        window: null,
        overridden: true,
        reason: 'urgent security fix',
      });
    });

    it('the last one given for an environment wins', () => {
      const steps = computeRolloutSchedule(publishedAt, calendar, [
        { environment: 'QUAL', at: at('2026-11-20T15:00:00Z'), reason: 'first' },
        { environment: 'QUAL', at: at('2026-11-21T15:00:00Z'), reason: 'second' },
      ]);
      expect([steps[1].start.toISOString(), steps[1].reason]).toEqual(['2026-11-21T15:00:00.000Z', 'second']);
    });

    it('refuses an invalid instant', () => {
      expect(() => computeRolloutSchedule(publishedAt, calendar, [{ environment: 'QUAL', at: at('tomorrow'), reason: 'x' }])).toThrow(RangeError);
      expect(() => computeRolloutSchedule(at('nope'), calendar, [])).toThrow('publishedAt must be a valid instant');
    });
  });

  describe('follows the calendar it is given', () => {
    it('uses changed rules rather than fixed weekdays', () => {
      const changed: MaintenanceCalendar = {
        timeZone: 'America/Chicago',
        rules: [
          {
            id: 'prod-os',
            kind: 'OS_MAINTENANCE',
            environments: ['BETA', 'PROD'],
            recurrence: { type: 'monthly', nth: -1, weekday: 'WEDNESDAY' },
            start: '18:00',
            end: '20:00',
          },
          {
            id: 'test-tools',
            kind: 'TOOLS_UPDATE',
            environments: ['TEST', 'QUAL'],
            recurrence: { type: 'weekly', weekday: 'MONDAY' },
            start: '06:00',
            end: '07:00',
          },
          {
            id: 'prod-tools',
            kind: 'TOOLS_UPDATE',
            environments: ['BETA', 'PROD'],
            recurrence: { type: 'after', rule: 'prod-os', weekday: 'TUESDAY', offsetWeeks: 1 },
            start: '08:00',
            end: '10:00',
          },
        ],
      };
      // Last Wednesday of November 2026 is the 25th; the Tuesday after is 12-01, plus a week: 12-08.
      expect(summary(computeRolloutSchedule(at('2026-11-16T15:00:00Z'), changed, []))).toEqual([
        'TEST 2026-11-23 06:00 = 2026-11-23T12:00:00.000Z',
        'QUAL 2026-11-23 06:00 = 2026-11-23T12:00:00.000Z',
        'BETA 2026-12-08 08:00 = 2026-12-08T14:00:00.000Z',
        'PROD 2026-12-08 08:00 = 2026-12-08T14:00:00.000Z',
      ]);
    });

    it('takes the earliest of several tools rules for an environment', () => {
      const extra: MaintenanceCalendar = {
        ...calendar,
        rules: [
          ...calendar.rules,
          { id: 'qual-weekly', kind: 'TOOLS_UPDATE', environments: ['QUAL'], recurrence: { type: 'weekly', weekday: 'FRIDAY' }, start: '07:00', end: '08:00' },
        ],
      };
      expect(summary(computeRolloutSchedule(at('2026-11-16T15:00:00Z'), extra, []))[1]).toBe('QUAL 2026-11-20 07:00 = 2026-11-20T13:00:00.000Z');
    });

    it('says which environment a calendar cannot reach', () => {
      const noProdTools: MaintenanceCalendar = { ...calendar, rules: calendar.rules.filter((rule) => rule.id !== 'qual-beta-prod-tools') };
      expect(() => computeRolloutSchedule(at('2026-11-16T15:00:00Z'), noProdTools, [])).toThrow(RolloutScheduleError);
      expect(() => computeRolloutSchedule(at('2026-11-16T15:00:00Z'), noProdTools, [])).toThrow('no TOOLS_UPDATE rule for QUAL');
    });

    it('looks beyond the first hundred days for a sparse calendar', () => {
      const yearly: MaintenanceCalendar = {
        ...calendar,
        rules: [
          ...calendar.rules.filter((rule) => rule.id !== 'beta-prod-os' && rule.id !== 'qual-beta-prod-tools'),
          {
            id: 'leap-os',
            kind: 'OS_MAINTENANCE',
            environments: ['PROD'],
            recurrence: { type: 'monthly', nth: 5, weekday: 'MONDAY' },
            start: '17:00',
            end: '19:00',
          },
          {
            id: 'rare-tools',
            kind: 'TOOLS_UPDATE',
            environments: ['QUAL', 'BETA', 'PROD'],
            recurrence: { type: 'after', rule: 'leap-os', weekday: 'THURSDAY', offsetWeeks: 20 },
            start: '07:00',
            end: '09:00',
          },
        ],
      };
      // 5th Monday after 2026-11-16: 2026-11-30; Thursday after: 12-03; plus 20 weeks: 2027-04-22 (CDT).
      expect(summary(computeRolloutSchedule(at('2026-11-16T15:00:00Z'), yearly, []))[3]).toBe('PROD 2027-04-22 07:00 = 2027-04-22T12:00:00.000Z');
    });
  });
});

describe('reachedEnvironments', () => {
  const steps = computeRolloutSchedule(at('2026-11-16T15:00:00Z'), calendar, []);

  it('lists environments whose rollout has begun', () => {
    expect(reachedEnvironments(steps, at('2026-11-16T15:00:00Z'))).toEqual([]);
    expect(reachedEnvironments(steps, at('2026-11-19T12:59:59Z'))).toEqual([]);
    expect(reachedEnvironments(steps, at('2026-11-19T13:00:00Z'))).toEqual(['TEST']);
    expect(reachedEnvironments(steps, at('2026-11-26T13:00:00Z'))).toEqual(['TEST', 'QUAL', 'BETA', 'PROD']);
  });

  it('follows overrides, even one that puts PROD first', () => {
    const early = computeRolloutSchedule(at('2026-11-16T15:00:00Z'), calendar, [{ environment: 'PROD', at: at('2026-11-17T15:00:00Z'), reason: 'hotfix' }]);
    expect(reachedEnvironments(early, at('2026-11-18T00:00:00Z'))).toEqual(['PROD']);
  });
});
