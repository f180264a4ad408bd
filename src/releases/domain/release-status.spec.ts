import { describe, it, expect } from 'vitest';
import { deriveReleaseStatus, noticeStartOf, pickRecommendedRelease, type RecommendationCandidate } from './release-status';

const NOTICE_MONTHS = 8;

// The 2018 catalog page, with "April 2017 through March 2020" read as GA on the first day of the
// first month and end of support on the first day after the last month.
const catalog: RecommendationCandidate[] = [
  { version: '27.11.0', track: 'LTS', generalAvailability: '2014-06-01', endOfSupport: '2020-01-01' },
  { version: '36.11.0', track: 'LTS', generalAvailability: '2017-04-01', endOfSupport: '2020-04-01' },
  { version: '36.20.0', track: 'STABLE', generalAvailability: '2017-12-01', endOfSupport: '2019-04-01' },
  { version: '37.21.0', track: 'STABLE', generalAvailability: '2018-09-01', endOfSupport: '2019-12-01' },
  { version: '37.22.0', track: 'LTS', generalAvailability: '2019-04-01', endOfSupport: '2022-04-01' },
];
const release = (version: string) => catalog.find((candidate) => candidate.version === version)!;

describe('noticeStartOf', () => {
  it('is end of support minus the notice period, clamped at month ends', () => {
    expect(noticeStartOf('2020-04-01', 8)).toBe('2019-08-01');
    expect(noticeStartOf('2022-10-31', 8)).toBe('2022-02-28');
    expect(noticeStartOf('2020-03-31', 9)).toBe('2019-06-30');
    expect(noticeStartOf('2020-03-31', 0)).toBe('2020-03-31');
  });

  it('refuses a negative or fractional notice period', () => {
    expect(() => noticeStartOf('2020-04-01', -1)).toThrow('noticeMonths must be a whole number');
    expect(() => noticeStartOf('2020-04-01', 7.5)).toThrow('noticeMonths must be a whole number');
  });
});

describe('deriveReleaseStatus', () => {
  const lts = release('36.11.0'); // GA 2017-04-01, notice start 2019-08-01, EOS 2020-04-01

  it.each([
    ['2017-03-31', 'ANTICIPATED'],
    ['2017-04-01', 'SUPPORTED'], // GA day itself
    ['2019-07-31', 'SUPPORTED'],
    ['2019-08-01', 'DEPRECATED'], // notice start is inclusive
    ['2020-03-31', 'DEPRECATED'],
    ['2020-04-01', 'END_OF_LIFE'], // end of support is the first day without support
    ['2030-01-01', 'END_OF_LIFE'],
  ])('36.11.0 on %s is %s', (on, status) => {
    expect(deriveReleaseStatus(lts, on, NOTICE_MONTHS)).toBe(status);
  });

  it('follows the notice period it is given', () => {
    expect(deriveReleaseStatus(lts, '2019-07-15', 9)).toBe('DEPRECATED');
    expect(deriveReleaseStatus(lts, '2019-07-15', 8)).toBe('SUPPORTED');
    expect(deriveReleaseStatus(lts, '2020-03-31', 0)).toBe('SUPPORTED');
  });

  describe('a short-lived release whose notice start comes before its general availability', () => {
    // 6 months of support with 8 months' notice: notice start 2026-05-01 is before GA.
    const shortLived = { generalAvailability: '2026-07-01', endOfSupport: '2027-01-01' };

    it('is ANTICIPATED before general availability', () => {
      expect(deriveReleaseStatus(shortLived, '2026-05-01', NOTICE_MONTHS)).toBe('ANTICIPATED');
      expect(deriveReleaseStatus(shortLived, '2026-06-30', NOTICE_MONTHS)).toBe('ANTICIPATED');
    });

    it('is DEPRECATED from general availability, never SUPPORTED', () => {
      expect(deriveReleaseStatus(shortLived, '2026-07-01', NOTICE_MONTHS)).toBe('DEPRECATED');
      expect(deriveReleaseStatus(shortLived, '2026-12-31', NOTICE_MONTHS)).toBe('DEPRECATED');
      expect(deriveReleaseStatus(shortLived, '2027-01-01', NOTICE_MONTHS)).toBe('END_OF_LIFE');
    });
  });

  it('calls a release END_OF_LIFE once its end of support has passed even if dates are inverted', () => {
    // Publish-time checks refuse such dates; status must still be total and say "not supported".
    const inverted = { generalAvailability: '2026-07-01', endOfSupport: '2026-06-01' };
    expect(deriveReleaseStatus(inverted, '2026-05-31', NOTICE_MONTHS)).toBe('ANTICIPATED');
    expect(deriveReleaseStatus(inverted, '2026-06-15', NOTICE_MONTHS)).toBe('END_OF_LIFE');
  });

  it('reads the 2018 catalog page as it was meant on 2018-10-01', () => {
    const statuses = Object.fromEntries(catalog.map((r) => [r.version, deriveReleaseStatus(r, '2018-10-01', NOTICE_MONTHS)]));
    expect(statuses).toEqual({
      '27.11.0': 'SUPPORTED',
      '36.11.0': 'SUPPORTED',
      '36.20.0': 'DEPRECATED', // notice from 2018-08-01
      '37.21.0': 'SUPPORTED',
      '37.22.0': 'ANTICIPATED',
    });
  });
});

describe('pickRecommendedRelease', () => {
  it('recommends 36.11.0 for new Python 3 work before 37.22.0 is available', () => {
    expect(pickRecommendedRelease(catalog, '2018-10-01', NOTICE_MONTHS)?.version).toBe('36.11.0');
  });

  it('recommends 37.22.0 once it is available', () => {
    expect(pickRecommendedRelease(catalog, '2019-04-01', NOTICE_MONTHS)?.version).toBe('37.22.0');
  });

  it('never recommends a STABLE release, even the newest supported one', () => {
    const onlyStable = catalog.filter((r) => r.track === 'STABLE');
    expect(pickRecommendedRelease(onlyStable, '2018-10-01', NOTICE_MONTHS)).toBeNull();
  });

  it('returns null when no LTS release is SUPPORTED (deprecated ones are not recommended)', () => {
    expect(pickRecommendedRelease(catalog, '2021-08-01', NOTICE_MONTHS)).toBeNull();
    expect(pickRecommendedRelease([], '2021-08-01', NOTICE_MONTHS)).toBeNull();
  });

  it('ranks by semantic version, not by text', () => {
    const dates = { generalAvailability: '2026-01-01', endOfSupport: '2029-01-01' };
    const releases: RecommendationCandidate[] = [
      { version: '39.9.0', track: 'LTS', ...dates },
      { version: '310.1.0', track: 'LTS', ...dates },
      { version: '39.10.0', track: 'LTS', ...dates },
    ];
    expect(pickRecommendedRelease(releases, '2026-06-01', NOTICE_MONTHS)?.version).toBe('310.1.0');
    expect(pickRecommendedRelease(releases.slice(0, 1).concat(releases[2]), '2026-06-01', NOTICE_MONTHS)?.version).toBe('39.10.0');
  });

  it('returns the caller’s own object, so extra fields come back', () => {
    const releases = [{ ...release('36.11.0'), id: 'abc' }];
    expect(pickRecommendedRelease(releases, '2018-01-01', NOTICE_MONTHS)).toBe(releases[0]);
  });

  it('skips versions that are not semver', () => {
    const releases: RecommendationCandidate[] = [{ ...release('37.22.0'), version: 'latest' }, release('36.11.0')];
    expect(pickRecommendedRelease(releases, '2019-06-01', NOTICE_MONTHS)?.version).toBe('36.11.0');
  });
});
