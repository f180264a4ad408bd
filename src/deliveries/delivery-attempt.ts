/**
 * Where a delivery stands after an attempt: pure rules, no framework.
 */
import type { DeliveryStatus } from './notice-delivery.entity';

/** pg-boss counts retries from 0: the attempt holding retryCount = retryLimit is the last one. */
export function statusAfterFailure(retryCount: number, retryLimit: number, retryable: boolean): DeliveryStatus {
  return retryable && retryCount < retryLimit ? 'RETRYING' : 'DEAD';
}

/** Only deliveries that are waiting for an attempt are attempted (a SENT one never again). */
export function isAwaitingAttempt(status: DeliveryStatus): boolean {
  return status === 'QUEUED' || status === 'RETRYING';
}

/** Admins resend what did not go out: dead letters and e-mails recorded while SMTP was not set. */
export function canResend(status: DeliveryStatus): boolean {
  return status === 'DEAD' || status === 'NOT_SENT' || status === 'RETRYING';
}

/** Errors are kept short: a line for admins, not a stack. */
export function attemptError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 1000 ? `${message.slice(0, 999)}…` : message;
}
