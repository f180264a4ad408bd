/**
 * The lifecycle policy checked whenever a release is published or its dates change. Defaults come
 * from the 2018 service level agreement: end of support announced at least 8 months ahead, LTS
 * releases supported about 36 months and STABLE ones about 16.
 */
import {
  addMonths,
  compareDates,
  describeMonthsAndDays,
  isCalendarDate,
  monthsAndDaysBetween,
  monthsBetween,
  type CalendarDate,
} from '../../calendar/calendar-date';
import { checkMigrationTarget } from './migration-cycle';
import type { OverrideRequirement, PolicyViolation } from './policy-violation';
import { checkReleaseShape, type ReleaseShapeCandidate } from './release-shape';
import { isReleaseTrack, RELEASE_TRACKS, type ReleaseTrack } from './release-track';

// Callers import every check from here; the shape and cycle checks live in their own files.
export { checkReleaseShape, type ReleaseShapeCandidate } from './release-shape';
export { checkMigrationTarget, findMigrationCycle } from './migration-cycle';

export interface LifecyclePolicy {
  /** Minimum months between announcing an end of support and that end. */
  noticeMonths: number;
  /** Expected support window per track, from general availability to end of support. */
  windowMonths: Record<ReleaseTrack, number>;
  /** How far a window may stray from the expected length, either way, without an override. */
  toleranceMonths: number;
}

export const DEFAULT_LIFECYCLE_POLICY: Readonly<LifecyclePolicy> = Object.freeze({
  noticeMonths: 8,
  windowMonths: Object.freeze({ LTS: 36, STABLE: 16 }),
  toleranceMonths: 3,
});

export interface PolicyConfigIssue {
  /** Dotted path of the bad field, e.g. `windowMonths.LTS`. */
  path: string;
  message: string;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Problems with a policy read from configuration; empty when it is usable. */
export function validateLifecyclePolicy(json: unknown): PolicyConfigIssue[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [{ path: '', message: 'the lifecycle policy must be an object with noticeMonths, windowMonths and toleranceMonths' }];
  }
  const policy = json as Record<string, unknown>;
  const issues: PolicyConfigIssue[] = [];
  const requireWholeMonths = (path: string, value: unknown, min: number) => {
    if (!isWholeNumber(value) || value < min) {
      issues.push({ path, message: `must be a whole number of months, ${min} or more; got ${JSON.stringify(value)}` });
    }
  };
  requireWholeMonths('noticeMonths', policy.noticeMonths, 0);
  requireWholeMonths('toleranceMonths', policy.toleranceMonths, 0);
  const windows = policy.windowMonths;
  if (typeof windows !== 'object' || windows === null || Array.isArray(windows)) {
    issues.push({ path: 'windowMonths', message: `must be an object with ${RELEASE_TRACKS.join(' and ')}` });
  } else {
    for (const track of RELEASE_TRACKS) {
      const months = (windows as Record<string, unknown>)[track];
      requireWholeMonths(`windowMonths.${track}`, months, 1);
      if (isWholeNumber(months) && isWholeNumber(policy.toleranceMonths) && policy.toleranceMonths >= months) {
        issues.push({ path: `windowMonths.${track}`, message: `must be longer than toleranceMonths (${policy.toleranceMonths}); got ${months}` });
      }
    }
    for (const key of Object.keys(windows)) {
      if (!isReleaseTrack(key)) issues.push({ path: `windowMonths.${key}`, message: `is not a track; tracks are ${RELEASE_TRACKS.join(' and ')}` });
    }
  }
  for (const key of Object.keys(policy)) {
    if (!['noticeMonths', 'windowMonths', 'toleranceMonths'].includes(key)) issues.push({ path: key, message: 'is not a policy setting' });
  }
  return issues;
}

export type LifecycleWindowCandidate = Pick<ReleaseShapeCandidate, 'track' | 'generalAvailability' | 'endOfSupport'>;

/**
 * A support window far from the track's usual length needs a recorded reason. Malformed input
 * yields nothing here: `checkReleaseShape` reports it.
 */
export function checkLifecycleWindow(candidate: LifecycleWindowCandidate, policy: LifecyclePolicy): PolicyViolation[] {
  const { track, generalAvailability, endOfSupport } = candidate;
  if (!isReleaseTrack(track) || !isCalendarDate(generalAvailability) || !isCalendarDate(endOfSupport)) return [];
  if (compareDates(endOfSupport, generalAvailability) <= 0) return [];
  const expected = policy.windowMonths[track];
  const min = expected - policy.toleranceMonths;
  const max = expected + policy.toleranceMonths;
  const months = monthsBetween(generalAvailability, endOfSupport);
  if (months >= min && months <= max) return [];
  const length = describeMonthsAndDays(monthsAndDaysBetween(generalAvailability, endOfSupport));
  return [
    {
      code: months < min ? 'LIFECYCLE_TOO_SHORT' : 'LIFECYCLE_TOO_LONG',
      field: 'endOfSupport',
      message:
        `the ${track} window is ${length} (${generalAvailability} to ${endOfSupport}); ` +
        `policy allows ${min}–${max} months; give policyOverrideReason to publish anyway`,
      requires: 'POLICY_OVERRIDE_REASON',
    },
  ];
}

export interface EndOfSupportChange {
  /** The end of support users were last told, or null on a first publish. */
  previousEndOfSupport: CalendarDate | null;
  endOfSupport: CalendarDate;
}

function noticeGiven(today: CalendarDate, endOfSupport: CalendarDate): string {
  if (compareDates(endOfSupport, today) <= 0) return `no notice: end of support ${endOfSupport} is not after today (${today})`;
  return `${describeMonthsAndDays(monthsAndDaysBetween(today, endOfSupport))}' notice from today (${today})`;
}

/**
 * Users are promised `noticeMonths` of notice before support ends. An end of support earlier than
 * today plus that period breaks the promise, whether it is moved earlier or set on a first publish;
 * only a security problem justifies that. Moving it later, or leaving it, never makes notice shorter.
 */
export function checkNoticePeriod(change: EndOfSupportChange, today: CalendarDate, policy: Pick<LifecyclePolicy, 'noticeMonths'>): PolicyViolation[] {
  const { previousEndOfSupport, endOfSupport } = change;
  if (!isCalendarDate(endOfSupport)) return [];
  if (previousEndOfSupport !== null && compareDates(endOfSupport, previousEndOfSupport) >= 0) return [];
  const earliestAllowed = addMonths(today, policy.noticeMonths);
  if (compareDates(endOfSupport, earliestAllowed) >= 0) return [];
  const what =
    previousEndOfSupport === null
      ? `end of support ${endOfSupport} gives users ${noticeGiven(today, endOfSupport)}`
      : `moving end of support from ${previousEndOfSupport} to ${endOfSupport} gives users ${noticeGiven(today, endOfSupport)}`;
  return [
    {
      code: 'NOTICE_PERIOD_TOO_SHORT',
      field: 'endOfSupport',
      message:
        `${what}; policy requires ${policy.noticeMonths} months, so the earliest end of support is ${earliestAllowed}; ` +
        'give securityExceptionReason if a security problem forces shorter notice',
      requires: 'SECURITY_EXCEPTION_REASON',
    },
  ];
}

export interface ReleaseCandidate extends ReleaseShapeCandidate {
  migrationTarget?: string | null;
}

export interface PolicyContext {
  /** Today in the campus time zone. */
  today: CalendarDate;
  /** The end of support already published for this release, or null on a first publish. */
  previousEndOfSupport: CalendarDate | null;
  policy?: LifecyclePolicy;
  /** Every release's version → its migration target; when given, `migrationTarget` is checked. */
  migrationTargets?: ReadonlyMap<string, string | null>;
}

export interface OverrideReasons {
  policyOverrideReason?: string | null;
  securityExceptionReason?: string | null;
}

export interface PolicyEvaluation {
  violations: PolicyViolation[];
  /** Violations the given reasons do not cover: refuse the change while any remain. */
  blocking: PolicyViolation[];
  /** Violations a given reason covers: record them with the reason in the audit log. */
  overridden: PolicyViolation[];
}

/** A reason as it should be recorded: trimmed, or null when blank. */
export function meaningfulReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function isCoveredBy(requires: OverrideRequirement, reasons: OverrideReasons): boolean {
  if (requires === 'POLICY_OVERRIDE_REASON') return meaningfulReason(reasons.policyOverrideReason) !== null;
  if (requires === 'SECURITY_EXCEPTION_REASON') return meaningfulReason(reasons.securityExceptionReason) !== null;
  return false;
}

/** All checks for publishing `candidate` or changing its dates, split by what the reasons cover. */
export function evaluatePolicy(candidate: ReleaseCandidate, context: PolicyContext, reasons: OverrideReasons = {}): PolicyEvaluation {
  const policy = context.policy ?? DEFAULT_LIFECYCLE_POLICY;
  const violations = [
    ...checkReleaseShape(candidate),
    ...checkLifecycleWindow(candidate, policy),
    ...checkNoticePeriod({ previousEndOfSupport: context.previousEndOfSupport, endOfSupport: candidate.endOfSupport }, context.today, policy),
    ...(context.migrationTargets ? checkMigrationTarget(context.migrationTargets, candidate.version, candidate.migrationTarget) : []),
  ];
  const blocking = violations.filter((violation) => !isCoveredBy(violation.requires, reasons));
  const overridden = violations.filter((violation) => isCoveredBy(violation.requires, reasons));
  return { violations, blocking, overridden };
}

/** One line for an error message: every violation's message, in order. */
export function summarizeViolations(violations: readonly PolicyViolation[]): string {
  return violations.map((violation) => violation.message).join('; ');
}
