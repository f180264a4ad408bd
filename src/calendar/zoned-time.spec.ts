import { describe, it, expect } from 'vitest';
import { instantAtWallClock, wallClockAt } from './zoned-time';

const CHICAGO = 'America/Chicago';

describe('wallClockAt', () => {
  it('reads the campus wall clock in winter (UTC−6) and summer (UTC−5)', () => {
    expect(wallClockAt(new Date('2026-01-27T23:00:00Z'), CHICAGO)).toEqual({ year: 2026, month: 1, day: 27, hour: 17, minute: 0 });
    expect(wallClockAt(new Date('2026-07-28T22:00:00Z'), CHICAGO)).toEqual({ year: 2026, month: 7, day: 28, hour: 17, minute: 0 });
  });

  it('hands out copies, so a caller cannot spoil the next reading', () => {
    const instant = new Date('2026-01-27T23:00:30Z');
    wallClockAt(instant, CHICAGO).hour = 99;
    expect(wallClockAt(instant, CHICAGO).hour).toBe(17);
  });

  it('reads each minute afresh, across zones', () => {
    expect(wallClockAt(new Date('2026-01-27T23:00:59Z'), CHICAGO).minute).toBe(0);
    expect(wallClockAt(new Date('2026-01-27T23:01:00Z'), CHICAGO).minute).toBe(1);
    expect(wallClockAt(new Date('2026-01-27T23:01:00Z'), 'UTC').hour).toBe(23);
    expect(wallClockAt(new Date('2026-01-27T23:01:00Z'), CHICAGO).hour).toBe(17);
  });

  it('shows midnight as hour 0, not 24', () => {
    expect(wallClockAt(new Date('2026-01-01T06:00:00Z'), CHICAGO).hour).toBe(0);
  });
});

describe('instantAtWallClock', () => {
  it('maps 17:00 campus time to 23:00Z in winter and 22:00Z in summer', () => {
    expect(instantAtWallClock({ year: 2026, month: 2, day: 24, hour: 17, minute: 0 }, CHICAGO).toISOString()).toBe('2026-02-24T23:00:00.000Z');
    expect(instantAtWallClock({ year: 2026, month: 3, day: 24, hour: 17, minute: 0 }, CHICAGO).toISOString()).toBe('2026-03-24T22:00:00.000Z');
    expect(instantAtWallClock({ year: 2026, month: 11, day: 24, hour: 17, minute: 0 }, CHICAGO).toISOString()).toBe('2026-11-24T23:00:00.000Z');
  });

  it('handles the day of each change on either side of it', () => {
    // 2026-03-08: clocks jump from 02:00 CST to 03:00 CDT (08:00Z).
    expect(instantAtWallClock({ year: 2026, month: 3, day: 8, hour: 1, minute: 59 }, CHICAGO).toISOString()).toBe('2026-03-08T07:59:00.000Z');
    expect(instantAtWallClock({ year: 2026, month: 3, day: 8, hour: 3, minute: 0 }, CHICAGO).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    // 2026-11-01: clocks fall back from 02:00 CDT to 01:00 CST (07:00Z).
    expect(instantAtWallClock({ year: 2026, month: 11, day: 1, hour: 0, minute: 30 }, CHICAGO).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(instantAtWallClock({ year: 2026, month: 11, day: 1, hour: 2, minute: 0 }, CHICAGO).toISOString()).toBe('2026-11-01T08:00:00.000Z');
  });

  it('moves a skipped time forward by the gap (02:30 on 2026-03-08 is 03:30 CDT)', () => {
    const instant = instantAtWallClock({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, CHICAGO);
    expect(instant.toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(wallClockAt(instant, CHICAGO)).toMatchObject({ hour: 3, minute: 30 });
  });

  it('takes the first of a repeated time (01:30 on 2026-11-01 is 01:30 CDT)', () => {
    expect(instantAtWallClock({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, CHICAGO).toISOString()).toBe('2026-11-01T06:30:00.000Z');
  });

  it('works for zones east of UTC and with half-hour offsets', () => {
    // Europe/Berlin skips 02:00–03:00 on 2026-03-29.
    expect(instantAtWallClock({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantAtWallClock({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantAtWallClock({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
  });

  it('round-trips every hour of a year in Chicago', () => {
    const start = Date.parse('2026-01-01T06:00:00Z');
    for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000) {
      const instant = new Date(t);
      const back = instantAtWallClock(wallClockAt(instant, CHICAGO), CHICAGO);
      // Only the repeated hour of 1 November maps to its earlier occurrence.
      if (back.getTime() !== t) {
        expect(t - back.getTime()).toBe(3_600_000);
        expect(instant.toISOString().slice(0, 13)).toBe('2026-11-01T07');
      }
    }
  });
});
