import { describe, expect, it } from 'vitest';
import { attemptError, canResend, isAwaitingAttempt, statusAfterFailure } from './delivery-attempt';

describe('statusAfterFailure', () => {
  it('retries until the retry limit, then dead-letters', () => {
    expect(statusAfterFailure(0, 2, true)).toBe('RETRYING');
    expect(statusAfterFailure(1, 2, true)).toBe('RETRYING');
    expect(statusAfterFailure(2, 2, true)).toBe('DEAD');
    expect(statusAfterFailure(0, 0, true)).toBe('DEAD');
  });

  it('dead-letters at once what no retry can fix', () => {
    expect(statusAfterFailure(0, 5, false)).toBe('DEAD');
  });
});

describe('delivery states', () => {
  it('attempts only queued and retrying deliveries', () => {
    expect(['QUEUED', 'RETRYING', 'SENT', 'DEAD', 'NOT_SENT'].filter((status) => isAwaitingAttempt(status as never))).toEqual(['QUEUED', 'RETRYING']);
  });

  it('resends dead letters, unsent e-mails and deliveries waiting for a retry, never a sent one', () => {
    expect(['QUEUED', 'RETRYING', 'SENT', 'DEAD', 'NOT_SENT'].filter((status) => canResend(status as never))).toEqual(['RETRYING', 'DEAD', 'NOT_SENT']);
  });

  it('keeps errors to one bounded line', () => {
    expect(attemptError(new Error('refused'))).toBe('refused');
    expect(attemptError('x'.repeat(5000))).toHaveLength(1000);
  });
});
