import { describe, expect, it } from 'vitest';
import { crossedMilestones, DEFAULT_MILESTONES_DAYS, escalationDue, milestoneDay, planMilestones, sweepDayAt } from './milestones';

const EOS = '2020-03-31';
const plan = (asOf: string, recorded: number[] = [], endOfSupport = EOS, milestones = DEFAULT_MILESTONES_DAYS) =>
  planMilestones({ endOfSupport, milestones, recorded, asOf });

describe('milestoneDay', () => {
  it('counts calendar days back from the end of support, across month ends and leap days', () => {
    expect(milestoneDay(EOS, 0)).toBe('2020-03-31');
    expect(milestoneDay(EOS, 7)).toBe('2020-03-24');
    expect(milestoneDay(EOS, 30)).toBe('2020-03-01');
    expect(milestoneDay(EOS, 31)).toBe('2020-02-29');
    expect(milestoneDay(EOS, 240)).toBe('2019-08-04');
  });
});

describe('crossedMilestones', () => {
  it('is empty before the first milestone and lists the latest first', () => {
    expect(crossedMilestones(EOS, DEFAULT_MILESTONES_DAYS, '2019-08-03')).toEqual([]);
    expect(crossedMilestones(EOS, DEFAULT_MILESTONES_DAYS, '2019-08-04')).toEqual([240]);
    expect(crossedMilestones(EOS, DEFAULT_MILESTONES_DAYS, '2020-03-24')).toEqual([7, 30, 90, 180, 240]);
    expect(crossedMilestones(EOS, DEFAULT_MILESTONES_DAYS, '2021-01-01')).toEqual([0, 7, 30, 90, 180, 240]);
  });
});

describe('planMilestones', () => {
  it('sends nothing before a milestone is crossed', () => {
    expect(plan('2019-08-03')).toEqual({ due: null, superseded: [] });
  });

  it('sends a milestone on the day it is crossed, and not again once recorded', () => {
    expect(plan('2019-08-04')).toEqual({ due: 240, superseded: [] });
    expect(plan('2019-08-05', [240])).toEqual({ due: null, superseded: [] });
    expect(plan('2019-10-02', [240])).toEqual({ due: null, superseded: [] });
    expect(plan('2019-10-03', [240])).toEqual({ due: 180, superseded: [] });
  });

  it('sends the day-of milestone on the end of support itself', () => {
    expect(plan('2020-03-30', [240, 180, 90, 30, 7])).toEqual({ due: null, superseded: [] });
    expect(plan('2020-03-31', [240, 180, 90, 30, 7])).toEqual({ due: 0, superseded: [] });
  });

  it('catches up after downtime with the latest milestone only and supersedes the missed ones', () => {
    // Down from before the 90-day milestone until after the 7-day one.
    expect(plan('2020-03-25', [240, 180])).toEqual({ due: 7, superseded: [90, 30] });
    // A first sweep long after end of support: one notice, never six.
    expect(plan('2020-06-01')).toEqual({ due: 0, superseded: [240, 180, 90, 30, 7] });
  });

  it('supersedes crossed milestones never recorded even when the latest one already was', () => {
    expect(plan('2020-03-02', [30])).toEqual({ due: null, superseded: [240, 180, 90] });
  });

  it('follows an end of support moved earlier: the milestones now crossed collapse into one notice', () => {
    // 240 was sent for 2020-03-31; end of support moves to 2019-11-15.
    expect(plan('2019-09-01', [240], '2019-11-15')).toEqual({ due: 90, superseded: [180] });
  });

  it('follows an end of support moved later: sent milestones are not repeated, the rest follow the new date', () => {
    const recorded = [240, 180, 90];
    expect(plan('2020-03-01', recorded, '2020-09-30')).toEqual({ due: null, superseded: [] });
    expect(plan('2020-08-31', recorded, '2020-09-30')).toEqual({ due: 30, superseded: [] });
  });

  it('uses the configured milestones', () => {
    expect(plan('2020-03-21', [], EOS, [14, 10, 0])).toEqual({ due: 10, superseded: [14] });
  });
});

describe('sweepDayAt (campus time decides the day)', () => {
  const CHICAGO = 'America/Chicago';

  it('takes the campus date, not the UTC date', () => {
    // 05:30 UTC on 24 March 2020 is 00:30 CDT on the 24th; 04:30 UTC is still the 23rd on campus.
    expect(sweepDayAt(new Date('2020-03-24T05:30:00Z'), CHICAGO)).toBe('2020-03-24');
    expect(sweepDayAt(new Date('2020-03-24T04:30:00Z'), CHICAGO)).toBe('2020-03-23');
    expect(plan(sweepDayAt(new Date('2020-03-24T04:30:00Z'), CHICAGO), [240, 180, 90, 30])).toEqual({ due: null, superseded: [] });
    expect(plan(sweepDayAt(new Date('2020-03-24T05:30:00Z'), CHICAGO), [240, 180, 90, 30])).toEqual({ due: 7, superseded: [] });
  });

  it('is right on the nights clocks change', () => {
    // Spring forward (8 March 2020): campus midnight is 06:00 UTC, a minute before is still the 7th.
    expect(sweepDayAt(new Date('2020-03-08T05:59:00Z'), CHICAGO)).toBe('2020-03-07');
    expect(sweepDayAt(new Date('2020-03-08T06:00:00Z'), CHICAGO)).toBe('2020-03-08');
    // After the change the offset is -5: midnight of the 9th is 05:00 UTC.
    expect(sweepDayAt(new Date('2020-03-09T04:59:00Z'), CHICAGO)).toBe('2020-03-08');
    expect(sweepDayAt(new Date('2020-03-09T05:00:00Z'), CHICAGO)).toBe('2020-03-09');
    // Fall back (1 November 2020): midnight of the 1st is 05:00 UTC (CDT), of the 2nd 06:00 UTC (CST).
    expect(sweepDayAt(new Date('2020-11-01T04:59:00Z'), CHICAGO)).toBe('2020-10-31');
    expect(sweepDayAt(new Date('2020-11-01T05:00:00Z'), CHICAGO)).toBe('2020-11-01');
    expect(sweepDayAt(new Date('2020-11-02T05:30:00Z'), CHICAGO)).toBe('2020-11-01');
    expect(sweepDayAt(new Date('2020-11-02T06:00:00Z'), CHICAGO)).toBe('2020-11-02');
  });

  it('crosses a milestone falling on a DST day exactly at campus midnight', () => {
    // The 7-day milestone of an end of support on 2020-03-15 is 2020-03-08, the spring-forward day.
    const endOfSupport = '2020-03-15';
    const recorded = [240, 180, 90, 30];
    expect(plan(sweepDayAt(new Date('2020-03-08T05:59:00Z'), CHICAGO), recorded, endOfSupport).due).toBeNull();
    expect(plan(sweepDayAt(new Date('2020-03-08T06:00:00Z'), CHICAGO), recorded, endOfSupport).due).toBe(7);
  });

  it('works in a zone east of UTC too', () => {
    expect(sweepDayAt(new Date('2020-03-23T23:30:00Z'), 'Pacific/Auckland')).toBe('2020-03-24');
  });
});

describe('escalationDue', () => {
  const base = { milestoneDays: 30, notifiedOn: '2020-03-01', acknowledged: false, alreadyEscalated: false, escalationDays: 7 };

  it('escalates a 30-day or later milestone left unacknowledged for the escalation period', () => {
    expect(escalationDue({ ...base, asOf: '2020-03-07' })).toBe(false);
    expect(escalationDue({ ...base, asOf: '2020-03-08' })).toBe(true);
    expect(escalationDue({ ...base, milestoneDays: 7, asOf: '2020-03-08' })).toBe(true);
    expect(escalationDue({ ...base, milestoneDays: 0, asOf: '2020-04-30' })).toBe(true);
  });

  it('never escalates earlier milestones, acknowledged notices, or twice', () => {
    expect(escalationDue({ ...base, milestoneDays: 90, asOf: '2020-06-01' })).toBe(false);
    expect(escalationDue({ ...base, acknowledged: true, asOf: '2020-06-01' })).toBe(false);
    expect(escalationDue({ ...base, alreadyEscalated: true, asOf: '2020-06-01' })).toBe(false);
  });
});
