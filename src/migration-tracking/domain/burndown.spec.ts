import { describe, expect, it } from 'vitest';
import { computeBurndown } from './burndown';

const range = { noticeStart: '2018-07-31', deadline: '2019-03-31', today: '2018-09-11' };

describe('computeBurndown', () => {
  it('counts remaining at each week start from the recorded days, up to today', () => {
    const days = [
      { day: '2018-07-31', opened: 10, done: 0 },
      { day: '2018-08-08', opened: 0, done: 2 },
      { day: '2018-08-20', opened: 1, done: 3 },
      { day: '2018-09-05', opened: 0, done: -1 },
    ];
    const burndown = computeBurndown(days, range);
    expect(burndown.points).toEqual([
      { weekStart: '2018-07-31', remaining: 0 },
      { weekStart: '2018-08-07', remaining: 10 },
      { weekStart: '2018-08-14', remaining: 8 },
      { weekStart: '2018-08-21', remaining: 6 },
      { weekStart: '2018-08-28', remaining: 6 },
      { weekStart: '2018-09-04', remaining: 6 },
      { weekStart: '2018-09-11', remaining: 7 },
    ]);
    expect(burndown.remaining).toBe(7);
  });

  it('forecasts from the net completions of the last 28 days and says whether that beats the deadline', () => {
    // Net 4 done in the 28 days up to today (3 + 2, one reopened): 1 a week, so the 6 left take 6 weeks.
    const days = [
      { day: '2018-07-31', opened: 10, done: 0 },
      { day: '2018-08-20', opened: 0, done: 3 },
      { day: '2018-09-01', opened: 0, done: 2 },
      { day: '2018-09-05', opened: 0, done: -1 },
    ];
    const burndown = computeBurndown(days, range);
    expect(burndown.weeklyRate).toBe(1);
    expect(burndown.remaining).toBe(6);
    expect(burndown.forecastCompletion).toBe('2018-10-23');
    expect(burndown.onTrack).toBe(true);
    const slow = computeBurndown(
      [
        { day: '2018-07-31', opened: 100, done: 0 },
        { day: '2018-09-10', opened: 0, done: 1 },
      ],
      range,
    );
    expect(slow.forecastCompletion).toBe('2026-04-14');
    expect(slow.onTrack).toBe(false);
  });

  it('has no forecast without progress, and is on track once nothing remains', () => {
    expect(computeBurndown([{ day: '2018-07-31', opened: 3, done: 0 }], range)).toMatchObject({ forecastCompletion: null, onTrack: false, weeklyRate: 0 });
    expect(
      computeBurndown(
        [
          { day: '2018-07-31', opened: 2, done: 0 },
          { day: '2018-08-02', opened: 0, done: 2 },
        ],
        range,
      ),
    ).toMatchObject({
      remaining: 0,
      forecastCompletion: '2018-08-02',
      onTrack: true,
    });
  });
});
