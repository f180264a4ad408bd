import { describe, expect, it } from 'vitest';
import { catalogLastModified, startOfDayIn } from './catalog-last-modified';

const release = {
  updatedAt: new Date('2018-01-10T12:00:00.250Z'),
  publishedAt: new Date('2018-01-10T12:00:00Z'),
  generalAvailability: '2018-09-01',
  noticeStart: '2019-03-31',
  endOfSupport: '2019-11-30',
};

describe('catalogLastModified', () => {
  it('is the latest write, to the second, when nothing depends on the day', () => {
    expect(catalogLastModified([release], { timeZone: 'America/Chicago' }).toISOString()).toBe('2018-01-10T12:00:00.000Z');
  });

  it('moves to the start of the last day (on campus) on which a release changed status', () => {
    expect(catalogLastModified([release], { today: '2018-08-31', timeZone: 'America/Chicago' }).toISOString()).toBe('2018-01-10T12:00:00.000Z');
    // General availability on 2018-09-01: midnight in Chicago (daylight time) is 05:00 UTC.
    expect(catalogLastModified([release], { today: '2018-10-01', timeZone: 'America/Chicago' }).toISOString()).toBe('2018-09-01T05:00:00.000Z');
    expect(catalogLastModified([release], { today: '2020-01-01', timeZone: 'America/Chicago' }).toISOString()).toBe('2019-11-30T06:00:00.000Z');
  });

  it('is the epoch for an empty catalog', () => {
    expect(catalogLastModified([], { today: '2020-01-01', timeZone: 'UTC' }).getTime()).toBe(0);
  });

  it('finds midnight on campus', () => {
    expect(startOfDayIn('2026-01-15', 'America/Chicago').toISOString()).toBe('2026-01-15T06:00:00.000Z');
  });
});
