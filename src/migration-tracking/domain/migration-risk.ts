/**
 * Risk against the deadline, derived from the status and the day asked about (never stored, so it
 * cannot go stale between sweeps). The SQL twin in migrations.repository.ts (riskSql) must agree;
 * the e2e tests check both through GraphQL.
 */
import { addDays, compareDates, type CalendarDate } from '../../calendar/calendar-date';
import { isDone, type MigrationStatus } from './migration-status';

export const MIGRATION_RISKS = ['DONE', 'ON_TRACK', 'AT_RISK', 'OVERDUE'] as const;
export type MigrationRisk = (typeof MIGRATION_RISKS)[number];

/** Worst first: how lists sort by risk. */
export const RISK_SEVERITY: Record<MigrationRisk, number> = { OVERDUE: 0, AT_RISK: 1, ON_TRACK: 2, DONE: 3 };

/** Statuses that count as "far enough along" inside the at-risk window. */
const ADVANCED: readonly MigrationStatus[] = ['IN_TESTING'];

/**
 * - DONE: completed or waived;
 * - OVERDUE: the deadline (the source's end of support) has come and it is not done;
 * - AT_RISK: BLOCKED, or the deadline is within `atRiskDays` and it is not yet IN_TESTING;
 * - ON_TRACK otherwise.
 */
export function deriveMigrationRisk(status: MigrationStatus, deadline: CalendarDate, today: CalendarDate, atRiskDays: number): MigrationRisk {
  if (isDone(status)) return 'DONE';
  if (compareDates(today, deadline) >= 0) return 'OVERDUE';
  if (status === 'BLOCKED') return 'AT_RISK';
  if (compareDates(deadline, addDays(today, atRiskDays)) <= 0 && !ADVANCED.includes(status)) return 'AT_RISK';
  return 'ON_TRACK';
}
