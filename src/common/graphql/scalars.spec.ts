import { describe, expect, it } from 'vitest';
import { DateTimeScalar } from './scalars';

describe('DateTime', () => {
  it.each(['2026-11-26T13:00:00Z', '2026-11-26T07:00:00-06:00', '2028-02-29T23:59:59.999Z', '2026-11-26T13:00Z'])('accepts %s', (value) => {
    expect(DateTimeScalar.parseValue(value)).toBeInstanceOf(Date);
  });

  it.each([
    '2027-02-30T00:00:00Z',
    '2027-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26T12:60:00Z',
    '2026-11-26T12:00:60Z',
    '2026-11-26T12:00:00+24:00',
    '2026-11-26T12:00:00',
    '2026-11-26',
  ])('refuses %s instead of rolling it over', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(/real day and time/);
  });
});
