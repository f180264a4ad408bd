import { describe, it, expect } from 'vitest';
import {
  checkLifecycleWindow,
  checkNoticePeriod,
  DEFAULT_LIFECYCLE_POLICY,
  evaluatePolicy,
  meaningfulReason,
  summarizeViolations,
  validateLifecyclePolicy,
  type LifecyclePolicy,
  type ReleaseCandidate,
} from './lifecycle-policy';

const policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY;
const TODAY = '2026-11-22';

describe('DEFAULT_LIFECYCLE_POLICY', () => {
  it('holds the seeds’ numbers and is valid', () => {
    expect(DEFAULT_LIFECYCLE_POLICY).toEqual({ noticeMonths: 8, windowMonths: { LTS: 36, STABLE: 16 }, toleranceMonths: 3 });
    expect(validateLifecyclePolicy(DEFAULT_LIFECYCLE_POLICY)).toEqual([]);
  });
});

describe('validateLifecyclePolicy', () => {
  it('names each bad field', () => {
    expect(validateLifecyclePolicy({ noticeMonths: -1, windowMonths: { LTS: 36, STABLE: 2.5, BETA: 3 }, toleranceMonths: '3', extra: 1 })).toEqual([
      { path: 'noticeMonths', message: 'must be a whole number of months, 0 or more; got -1' },
      { path: 'toleranceMonths', message: 'must be a whole number of months, 0 or more; got "3"' },
      { path: 'windowMonths.STABLE', message: 'must be a whole number of months, 1 or more; got 2.5' },
      { path: 'windowMonths.BETA', message: 'is not a track; tracks are LTS and STABLE' },
      { path: 'extra', message: 'is not a policy setting' },
    ]);
  });

  it('refuses a tolerance as long as a window and a missing window', () => {
    expect(validateLifecyclePolicy({ noticeMonths: 8, windowMonths: { LTS: 36, STABLE: 3 }, toleranceMonths: 3 })).toEqual([
      { path: 'windowMonths.STABLE', message: 'must be longer than toleranceMonths (3); got 3' },
    ]);
    expect(validateLifecyclePolicy({ noticeMonths: 8, windowMonths: { LTS: 36 }, toleranceMonths: 3 })).toEqual([
      { path: 'windowMonths.STABLE', message: 'must be a whole number of months, 1 or more; got undefined' },
    ]);
    expect(validateLifecyclePolicy([])).toHaveLength(1);
  });
});

describe('checkLifecycleWindow', () => {
  it.each([
    ['LTS', '2019-04-01', '2022-04-01'], // 36 months
    ['LTS', '2019-04-01', '2022-01-01'], // 33 months: lower bound inclusive
    ['LTS', '2019-04-01', '2022-07-01'], // 39 months: upper bound inclusive
    ['LTS', '2017-04-01', '2020-03-31'], // 35 months and 30 days
    ['STABLE', '2018-09-01', '2019-12-01'], // 37.21.0: 15 months
    ['STABLE', '2017-12-01', '2019-04-01'], // 36.20.0: 16 months
  ])('accepts a %s window from %s to %s', (track, generalAvailability, endOfSupport) => {
    expect(checkLifecycleWindow({ track, generalAvailability, endOfSupport }, policy)).toEqual([]);
  });

  it('asks for a reason when a window is too long, with the numbers', () => {
    expect(checkLifecycleWindow({ track: 'LTS', generalAvailability: '2019-04-01', endOfSupport: '2022-09-01' }, policy)).toEqual([
      {
        code: 'LIFECYCLE_TOO_LONG',
        field: 'endOfSupport',
        message: 'the LTS window is 41 months (2019-04-01 to 2022-09-01); policy allows 33–39 months; give policyOverrideReason to publish anyway',
        requires: 'POLICY_OVERRIDE_REASON',
      },
    ]);
  });

  it('counts a single day beyond the bound', () => {
    const [violation] = checkLifecycleWindow({ track: 'LTS', generalAvailability: '2019-04-01', endOfSupport: '2022-07-02' }, policy);
    expect(violation.code).toBe('LIFECYCLE_TOO_LONG');
    expect(violation.message).toContain('the LTS window is 39 months and 1 day');
  });

  it('asks for a reason when a window is too short', () => {
    const [violation] = checkLifecycleWindow({ track: 'STABLE', generalAvailability: '2026-01-15', endOfSupport: '2027-01-01' }, policy);
    expect(violation).toMatchObject({ code: 'LIFECYCLE_TOO_SHORT', requires: 'POLICY_OVERRIDE_REASON' });
    expect(violation.message).toBe(
      'the STABLE window is 11 months and 17 days (2026-01-15 to 2027-01-01); policy allows 13–19 months; give policyOverrideReason to publish anyway',
    );
  });

  it('follows a configured policy', () => {
    const strict = { ...policy, windowMonths: { LTS: 24, STABLE: 12 }, toleranceMonths: 0 };
    expect(checkLifecycleWindow({ track: 'LTS', generalAvailability: '2026-01-01', endOfSupport: '2028-01-01' }, strict)).toEqual([]);
    expect(checkLifecycleWindow({ track: 'LTS', generalAvailability: '2026-01-01', endOfSupport: '2028-01-02' }, strict)).toHaveLength(1);
  });

  it('leaves malformed input to the shape check', () => {
    expect(checkLifecycleWindow({ track: 'NIGHTLY', generalAvailability: '2026-01-01', endOfSupport: '2036-01-01' }, policy)).toEqual([]);
    expect(checkLifecycleWindow({ track: 'LTS', generalAvailability: '2026-02-30', endOfSupport: '2036-01-01' }, policy)).toEqual([]);
    expect(checkLifecycleWindow({ track: 'LTS', generalAvailability: '2026-01-01', endOfSupport: '2025-01-01' }, policy)).toEqual([]);
  });
});

describe('checkNoticePeriod', () => {
  // Today 2026-11-22 + 8 months: the earliest end of support allowed is 2027-07-22.
  it('accepts an end of support at least the notice period away', () => {
    expect(checkNoticePeriod({ previousEndOfSupport: null, endOfSupport: '2027-07-22' }, TODAY, policy)).toEqual([]);
    expect(checkNoticePeriod({ previousEndOfSupport: '2029-01-01', endOfSupport: '2027-07-22' }, TODAY, policy)).toEqual([]);
  });

  it('needs a security exception to move an end of support earlier than the notice allows', () => {
    expect(checkNoticePeriod({ previousEndOfSupport: '2027-09-01', endOfSupport: '2027-03-01' }, TODAY, policy)).toEqual([
      {
        code: 'NOTICE_PERIOD_TOO_SHORT',
        field: 'endOfSupport',
        message:
          "moving end of support from 2027-09-01 to 2027-03-01 gives users 3 months and 7 days' notice from today (2026-11-22); " +
          'policy requires 8 months, so the earliest end of support is 2027-07-22; give securityExceptionReason if a security problem forces shorter notice',
        requires: 'SECURITY_EXCEPTION_REASON',
      },
    ]);
  });

  it('refuses the day before the earliest allowed date', () => {
    expect(checkNoticePeriod({ previousEndOfSupport: '2030-01-01', endOfSupport: '2027-07-21' }, TODAY, policy)).toHaveLength(1);
  });

  it('treats a first publish with short notice the same way', () => {
    const [violation] = checkNoticePeriod({ previousEndOfSupport: null, endOfSupport: '2027-01-22' }, TODAY, policy);
    expect(violation).toMatchObject({ code: 'NOTICE_PERIOD_TOO_SHORT', requires: 'SECURITY_EXCEPTION_REASON' });
    expect(violation.message).toMatch(/^end of support 2027-01-22 gives users 2 months' notice from today \(2026-11-22\); policy requires 8 months/);
  });

  it('says when there is no notice at all', () => {
    const [violation] = checkNoticePeriod({ previousEndOfSupport: '2027-09-01', endOfSupport: TODAY }, TODAY, policy);
    expect(violation.message).toContain('gives users no notice: end of support 2026-11-22 is not after today (2026-11-22)');
  });

  it('always accepts moving an end of support later or leaving it', () => {
    // Even when both dates are inside the notice period: users only gain time.
    expect(checkNoticePeriod({ previousEndOfSupport: '2027-01-01', endOfSupport: '2027-02-01' }, TODAY, policy)).toEqual([]);
    expect(checkNoticePeriod({ previousEndOfSupport: '2027-01-01', endOfSupport: '2027-01-01' }, TODAY, policy)).toEqual([]);
    expect(checkNoticePeriod({ previousEndOfSupport: '2020-04-01', endOfSupport: '2020-04-01' }, TODAY, policy)).toEqual([]);
  });

  it('counts months the way people do at month ends', () => {
    // 2026-06-30 + 8 months is 2027-02-28 (no 30 February).
    expect(checkNoticePeriod({ previousEndOfSupport: null, endOfSupport: '2027-02-28' }, '2026-06-30', policy)).toEqual([]);
    expect(checkNoticePeriod({ previousEndOfSupport: null, endOfSupport: '2027-02-27' }, '2026-06-30', policy)).toHaveLength(1);
  });

  it('follows the configured notice period', () => {
    expect(checkNoticePeriod({ previousEndOfSupport: null, endOfSupport: '2027-08-22' }, TODAY, { noticeMonths: 9 })).toEqual([]);
    expect(checkNoticePeriod({ previousEndOfSupport: null, endOfSupport: '2027-08-21' }, TODAY, { noticeMonths: 9 })).toHaveLength(1);
  });
});

describe('evaluatePolicy', () => {
  const candidate: ReleaseCandidate = {
    version: '313.1.0',
    pythonVersion: '3.13.1',
    track: 'LTS',
    generalAvailability: '2027-01-05',
    endOfSupport: '2030-01-05',
    migrationTarget: null,
  };
  const firstPublish = { today: TODAY, previousEndOfSupport: null };

  it('passes a release that follows the policy', () => {
    expect(evaluatePolicy(candidate, firstPublish, {})).toEqual({ violations: [], blocking: [], overridden: [] });
  });

  it('blocks a long window until a policy override reason is given', () => {
    const tooLong = { ...candidate, endOfSupport: '2031-01-05' };
    const without = evaluatePolicy(tooLong, firstPublish, {});
    expect(without.blocking.map((v) => v.code)).toEqual(['LIFECYCLE_TOO_LONG']);
    const withReason = evaluatePolicy(tooLong, firstPublish, { policyOverrideReason: 'Django 5.2 LTS support runs to 2031' });
    expect(withReason.blocking).toEqual([]);
    expect(withReason.overridden.map((v) => v.code)).toEqual(['LIFECYCLE_TOO_LONG']);
    expect(withReason.violations).toEqual(without.violations);
  });

  it('does not let a blank or whitespace reason count', () => {
    const tooLong = { ...candidate, endOfSupport: '2031-01-05' };
    for (const reason of ['', '   ', '\n\t', null, undefined]) {
      expect(evaluatePolicy(tooLong, firstPublish, { policyOverrideReason: reason }).blocking).toHaveLength(1);
    }
  });

  it('does not let one kind of reason stand in for the other', () => {
    const shortened = { ...candidate, generalAvailability: '2024-05-01', endOfSupport: '2027-03-01' };
    const context = { today: TODAY, previousEndOfSupport: '2027-05-01' };
    const result = evaluatePolicy(shortened, context, { policyOverrideReason: 'CVE-2026-1234 in the bundled OpenSSL' });
    expect(result.blocking.map((v) => v.code)).toEqual(['NOTICE_PERIOD_TOO_SHORT']);
    expect(evaluatePolicy(shortened, context, { securityExceptionReason: 'CVE-2026-1234 in the bundled OpenSSL' }).blocking).toEqual([]);
  });

  it('needs both reasons when both kinds of violation occur', () => {
    const both = { ...candidate, generalAvailability: '2026-01-01', endOfSupport: '2027-02-01' };
    const context = { today: TODAY, previousEndOfSupport: '2029-01-01' };
    expect(evaluatePolicy(both, context).blocking.map((v) => v.code)).toEqual(['LIFECYCLE_TOO_SHORT', 'NOTICE_PERIOD_TOO_SHORT']);
    expect(evaluatePolicy(both, context, { policyOverrideReason: 'x', securityExceptionReason: 'y' }).blocking).toEqual([]);
  });

  it('never lets a reason cover a shape problem', () => {
    const broken = { ...candidate, version: '312.1.0' };
    const result = evaluatePolicy(broken, firstPublish, { policyOverrideReason: 'please', securityExceptionReason: 'please' });
    expect(result.blocking.map((v) => v.code)).toEqual(['VERSION_PYTHON_MISMATCH']);
  });

  it('checks the migration target when the catalog graph is given', () => {
    const migrationTargets = new Map<string, string | null>([
      ['37.22.0', '313.1.0'],
      ['313.1.0', null],
    ]);
    const context = { ...firstPublish, migrationTargets };
    expect(evaluatePolicy({ ...candidate, migrationTarget: '37.22.0' }, context).blocking.map((v) => v.code)).toEqual(['MIGRATION_CYCLE']);
    expect(evaluatePolicy({ ...candidate, migrationTarget: '99.0.0' }, context).blocking.map((v) => v.code)).toEqual(['UNKNOWN_MIGRATION_TARGET']);
    expect(evaluatePolicy({ ...candidate, migrationTarget: '37.22.0' }, firstPublish).blocking).toEqual([]);
  });

  it('uses the policy it is given', () => {
    const lenient = { ...DEFAULT_LIFECYCLE_POLICY, toleranceMonths: 12 };
    const tooLong = { ...candidate, endOfSupport: '2031-01-05' };
    expect(evaluatePolicy(tooLong, { ...firstPublish, policy: lenient }).violations).toEqual([]);
  });

  it('summarizes violations for an error message', () => {
    const result = evaluatePolicy({ ...candidate, track: 'X', version: 'y' }, firstPublish);
    expect(summarizeViolations(result.blocking)).toBe(
      'version must be a semantic version x.y.z without leading zeros, such as 37.22.0 (Python 3.7, series 22, patch 0); got "y"; track must be LTS or STABLE; got "X"',
    );
  });
});

describe('meaningfulReason', () => {
  it('trims a reason and turns blank into null', () => {
    expect(meaningfulReason('  CVE-2026-1234 \n')).toBe('CVE-2026-1234');
    expect(meaningfulReason(' \t ')).toBeNull();
    expect(meaningfulReason(undefined)).toBeNull();
  });
});
