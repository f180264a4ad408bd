import { describe, expect, it } from 'vitest';
import { runtimeLifecycleOn } from './runtime-lifecycle';

const release = { generalAvailability: '2019-04-01', endOfSupport: '2022-03-31', migrationTargetVersion: '38.30.0' };

describe('runtimeLifecycleOn', () => {
  it.each([
    ['2019-03-31', 'ANTICIPATED', 1096],
    ['2019-04-01', 'SUPPORTED', 1095],
    ['2021-07-30', 'SUPPORTED', 244],
    ['2021-07-31', 'DEPRECATED', 243],
    ['2022-03-30', 'DEPRECATED', 1],
    ['2022-03-31', 'END_OF_LIFE', 0],
    ['2026-11-22', 'END_OF_LIFE', -1697],
  ])('on %s: %s, %i days until end of support (8 months notice)', (on, status, days) => {
    expect(runtimeLifecycleOn(release, on, 8)).toEqual({
      status,
      generalAvailability: '2019-04-01',
      endOfSupport: '2022-03-31',
      daysUntilEndOfSupport: days,
      migrationTarget: '38.30.0',
    });
  });
});
