import { describe, expect, it } from 'vitest';
import { checkWaiverDecision, checkWaiverRequest, isWaiverExpired } from './waiver-rules';

const context = { today: '2019-03-01', deadline: '2019-03-31', maxDaysPastDeadline: 180, migrationDone: false, hasOpenWaiver: false };

describe('checkWaiverRequest', () => {
  it('accepts a reason and an expiry up to WAIVER_MAX_DAYS past the deadline', () => {
    expect(checkWaiverRequest({ reason: 'Vendor ships in May', expiresOn: '2019-09-27' }, context)).toEqual([]);
  });

  it('refuses a blank reason, an expiry today or before, and one past the maximum, naming the field', () => {
    expect(checkWaiverRequest({ reason: '  ', expiresOn: '2019-04-01' }, context).map((problem) => problem.field)).toEqual(['reason']);
    expect(checkWaiverRequest({ reason: 'ok reason', expiresOn: '2019-03-01' }, context)[0]).toMatchObject({ field: 'expiresOn', kind: 'BAD_INPUT' });
    const late = checkWaiverRequest({ reason: 'ok reason', expiresOn: '2019-09-28' }, context)[0];
    expect(late).toMatchObject({ field: 'expiresOn', kind: 'BAD_INPUT' });
    expect(late.message).toContain('2019-09-27');
  });

  it('refuses waiving a done migration or one that already has an open waiver', () => {
    expect(checkWaiverRequest({ reason: 'ok reason', expiresOn: '2019-04-01' }, { ...context, migrationDone: true })[0].kind).toBe('CONFLICT');
    expect(checkWaiverRequest({ reason: 'ok reason', expiresOn: '2019-04-01' }, { ...context, hasOpenWaiver: true })[0].kind).toBe('CONFLICT');
  });
});

describe('checkWaiverDecision', () => {
  const pending = { status: 'PENDING' as const, requestedBy: 'dev@example.edu', expiresOn: '2019-06-01' };

  it('lets another person decide a pending waiver with a reason', () => {
    expect(checkWaiverDecision(pending, { decidedBy: 'admin@example.edu', reason: 'fine by us', today: '2019-03-01' })).toEqual([]);
  });

  it('refuses deciding one’s own request, a decided waiver, a missing reason and an expired request', () => {
    expect(checkWaiverDecision(pending, { decidedBy: 'dev@example.edu', reason: 'fine by us', today: '2019-03-01' })[0].kind).toBe('FORBIDDEN');
    expect(checkWaiverDecision({ ...pending, status: 'APPROVED' }, { decidedBy: 'a', reason: 'again', today: '2019-03-01' })[0].kind).toBe('CONFLICT');
    expect(checkWaiverDecision(pending, { decidedBy: 'a', reason: '', today: '2019-03-01' })[0].field).toBe('reason');
    expect(checkWaiverDecision(pending, { decidedBy: 'a', reason: 'late yes', today: '2019-06-01' })[0].kind).toBe('CONFLICT');
  });

  it('expires a waiver the day after its last day', () => {
    expect(isWaiverExpired('2019-06-01', '2019-06-01')).toBe(false);
    expect(isWaiverExpired('2019-06-01', '2019-06-02')).toBe(true);
  });
});
