import { describe, expect, it } from 'vitest';
import { ErrorCode } from './domain-error';
import { conflictFromUniqueViolation, uniqueViolationField } from './unique-violation';

describe('uniqueViolationField', () => {
  it.each([
    ['Key (email)=(ada@example.edu) already exists.', 'email'],
    ['Key (application_id, content_hash)=(1, 2) already exists.', 'applicationId'],
    ['Key (lower(email))=(x) already exists.', null],
    ['something else', null],
  ])('%s names %s', (detail, field) => {
    expect(uniqueViolationField(detail)).toBe(field);
  });
});

describe('conflictFromUniqueViolation', () => {
  it('maps a unique violation behind a TypeORM error to CONFLICT naming the field, without the value', () => {
    const error = conflictFromUniqueViolation({
      driverError: { code: '23505', detail: 'Key (email)=(ada@example.edu) already exists.', table: 'users' },
    });
    expect(error?.code).toBe(ErrorCode.CONFLICT);
    expect(error?.details.field).toBe('email');
    expect(error?.message).not.toContain('ada@');
  });

  it('maps the driver error itself', () => {
    expect(conflictFromUniqueViolation({ code: '23505' })?.code).toBe(ErrorCode.CONFLICT);
  });

  it('leaves every other error alone', () => {
    expect(conflictFromUniqueViolation({ driverError: { code: '23503' } })).toBeNull();
    expect(conflictFromUniqueViolation(new Error('boom'))).toBeNull();
    expect(conflictFromUniqueViolation(null)).toBeNull();
  });
});
