import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import { checkManagedDepartments } from './managed-departments';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.details.field, message: error.message };
    throw error;
  }
  throw new Error('not refused');
};

describe('checkManagedDepartments', () => {
  it('spells departments as applications store them, without duplicates, sorted', () => {
    expect(checkManagedDepartments([' Library ', 'Office of  the Registrar', 'Library'], false)).toEqual({
      allDepartments: false,
      departments: ['Library', 'Office of the Registrar'],
    });
  });

  it('takes every department only when asked for explicitly', () => {
    expect(checkManagedDepartments(null, true)).toEqual({ allDepartments: true, departments: [] });
    expect(checkManagedDepartments([], true)).toEqual({ allDepartments: true, departments: [] });
  });

  it('refuses an empty list, a blank department and both choices at once', () => {
    expect(refusal(() => checkManagedDepartments([], false))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'departments' });
    expect(refusal(() => checkManagedDepartments(undefined, false))).toMatchObject({ field: 'departments' });
    expect(refusal(() => checkManagedDepartments(['Library', ' \t '], false))).toMatchObject({
      field: 'departments',
      message: 'departments[1] is required',
    });
    expect(refusal(() => checkManagedDepartments(['x'.repeat(101)], false))).toMatchObject({
      field: 'departments',
      message: 'departments[0] is 101 characters long; at most 100 are allowed',
    });
    expect(refusal(() => checkManagedDepartments(['Library'], true))).toMatchObject({ field: 'allDepartments' });
  });
});
