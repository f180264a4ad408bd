import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { daysFromCivil, formatUtcInstant, utcMillis } from './utc-instant';

const MIN = Date.parse('0000-01-01T00:00:00.000Z');
const MAX = Date.parse('9999-12-31T23:59:59.999Z');

describe('utc-instant', () => {
  it('agrees with Date on known dates', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(utcMillis(2024, 2, 29, 23, 59, 59, 999)).toBe(Date.parse('2024-02-29T23:59:59.999Z'));
    expect(formatUtcInstant(Date.parse('0001-01-01T00:00:00Z'))).toBe('0001-01-01T00:00:00.000Z');
  });

  it('formats every instant of years 0000–9999 as toISOString does, and reads it back', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (ms) => {
        const date = new Date(ms);
        expect(formatUtcInstant(ms)).toBe(date.toISOString());
        expect(
          utcMillis(
            date.getUTCFullYear(),
            date.getUTCMonth() + 1,
            date.getUTCDate(),
            date.getUTCHours(),
            date.getUTCMinutes(),
            date.getUTCSeconds(),
            date.getUTCMilliseconds(),
          ),
        ).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
});
