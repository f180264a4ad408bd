import { describe, expect, it } from 'vitest';
import { dayWithMostSupported } from './day-with-most-supported';

describe('dayWithMostSupported', () => {
  it('picks the availability day with the most supported releases, the latest on a tie', () => {
    const releases = [
      { generalAvailability: '2017-04-01', endOfSupport: '2020-03-31' },
      { generalAvailability: '2017-12-01', endOfSupport: '2019-03-31' },
      { generalAvailability: '2018-09-01', endOfSupport: '2019-11-30' },
      { generalAvailability: '2019-04-01', endOfSupport: '2022-03-31' },
    ];
    // With 8 months' notice at most two are supported on any of these days; 2019-04-01 is the latest of them.
    expect(dayWithMostSupported(releases, 8)).toBe('2019-04-01');
    // Without notice, three are supported on 2018-09-01 and on 2019-04-01 alike: the later wins.
    expect(dayWithMostSupported(releases, 0)).toBe('2019-04-01');
    expect(dayWithMostSupported(releases.slice(0, 3), 0)).toBe('2018-09-01');
  });

  it('is null without releases or when none is ever supported', () => {
    expect(dayWithMostSupported([], 8)).toBeNull();
    expect(dayWithMostSupported([{ generalAvailability: '2020-01-01', endOfSupport: '2020-02-01' }], 8)).toBeNull();
  });
});
