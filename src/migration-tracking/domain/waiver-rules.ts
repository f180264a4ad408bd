/**
 * Waivers: a member asks to keep an application on the source past the deadline for a while, an
 * admin decides. They never last forever, nobody approves their own, and a decision is final.
 */
import { addDays, compareDates, type CalendarDate } from '../../calendar/calendar-date';

export const WAIVER_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type WaiverStatus = (typeof WAIVER_STATUSES)[number];

/** A refusal with the input field at fault; the service turns it into a domain error. */
export interface WaiverProblem {
  field: string;
  kind: 'BAD_INPUT' | 'CONFLICT' | 'FORBIDDEN';
  message: string;
}

const MIN_REASON_LENGTH = 3;

export function checkWaiverRequest(
  request: { reason: string; expiresOn: CalendarDate },
  context: { today: CalendarDate; deadline: CalendarDate; maxDaysPastDeadline: number; migrationDone: boolean; hasOpenWaiver: boolean },
): WaiverProblem[] {
  const problems: WaiverProblem[] = [];
  if (request.reason.trim().length < MIN_REASON_LENGTH) {
    problems.push({ field: 'reason', kind: 'BAD_INPUT', message: `reason must say why the migration is waived (at least ${MIN_REASON_LENGTH} characters)` });
  }
  const latest = addDays(context.deadline, context.maxDaysPastDeadline);
  if (compareDates(request.expiresOn, context.today) <= 0) {
    problems.push({ field: 'expiresOn', kind: 'BAD_INPUT', message: `expiresOn ${request.expiresOn} must be after today (${context.today})` });
  } else if (compareDates(request.expiresOn, latest) > 0) {
    problems.push({
      field: 'expiresOn',
      kind: 'BAD_INPUT',
      message: `expiresOn ${request.expiresOn} is too late: a waiver lasts at most ${context.maxDaysPastDeadline} days past the deadline ${context.deadline}, until ${latest} (WAIVER_MAX_DAYS)`,
    });
  }
  if (context.migrationDone) {
    problems.push({ field: 'migration', kind: 'CONFLICT', message: 'the migration is already completed or waived; there is nothing to waive' });
  } else if (context.hasOpenWaiver) {
    problems.push({ field: 'migration', kind: 'CONFLICT', message: 'the migration already has a pending or approved waiver' });
  }
  return problems;
}

export function checkWaiverDecision(
  waiver: { status: WaiverStatus; requestedBy: string; expiresOn: CalendarDate },
  decision: { decidedBy: string; reason: string; today: CalendarDate },
): WaiverProblem[] {
  if (waiver.status !== 'PENDING') {
    return [{ field: 'waiver', kind: 'CONFLICT', message: `the waiver is already ${waiver.status.toLowerCase()}; a decision is final` }];
  }
  if (waiver.requestedBy === decision.decidedBy) {
    return [{ field: 'waiver', kind: 'FORBIDDEN', message: 'nobody decides their own waiver request; ask another admin' }];
  }
  const problems: WaiverProblem[] = [];
  if (decision.reason.trim().length < MIN_REASON_LENGTH) {
    problems.push({ field: 'reason', kind: 'BAD_INPUT', message: `reason must say why (at least ${MIN_REASON_LENGTH} characters)` });
  }
  if (compareDates(waiver.expiresOn, decision.today) <= 0) {
    problems.push({ field: 'waiver', kind: 'CONFLICT', message: `the waiver expired on ${waiver.expiresOn} before it was decided; request a new one` });
  }
  return problems;
}

/** An approved waiver is expired once its last day has passed. */
export const isWaiverExpired = (expiresOn: CalendarDate, today: CalendarDate): boolean => compareDates(today, expiresOn) > 0;
