/**
 * What the lifecycle checks report. Each violation names the input field to fix, says what to do
 * in words a person can act on, and says which recorded reason, if any, lets a publish go ahead.
 */

export const POLICY_VIOLATION_CODES = [
  'INVALID_VERSION',
  'INVALID_PYTHON_VERSION',
  'VERSION_PYTHON_MISMATCH',
  'INVALID_TRACK',
  'INVALID_DATE',
  'END_NOT_AFTER_GENERAL_AVAILABILITY',
  'LIFECYCLE_TOO_SHORT',
  'LIFECYCLE_TOO_LONG',
  'NOTICE_PERIOD_TOO_SHORT',
  'UNKNOWN_MIGRATION_TARGET',
  'MIGRATION_CYCLE',
] as const;

export type PolicyViolationCode = (typeof POLICY_VIOLATION_CODES)[number];

/**
 * - NOTHING_CAN_OVERRIDE: the data is wrong; fix it.
 * - POLICY_OVERRIDE_REASON: allowed with a recorded `policyOverrideReason`.
 * - SECURITY_EXCEPTION_REASON: users get less notice than promised; allowed only with a recorded
 *   `securityExceptionReason` (the seeds allow shorter notice only for security problems).
 */
export const OVERRIDE_REQUIREMENTS = ['NOTHING_CAN_OVERRIDE', 'POLICY_OVERRIDE_REASON', 'SECURITY_EXCEPTION_REASON'] as const;

export type OverrideRequirement = (typeof OVERRIDE_REQUIREMENTS)[number];

export interface PolicyViolation {
  code: PolicyViolationCode;
  /** The `PublishReleaseInput` field to change, e.g. `endOfSupport`. */
  field: string;
  message: string;
  requires: OverrideRequirement;
}
