import { describe, it, expect } from 'vitest';
import { checkGroupRole } from './group-role';

describe('checkGroupRole', () => {
  it('accepts OWNER and MEMBER in any case', () => {
    expect(checkGroupRole('owner', 'role')).toEqual({ ok: true, value: 'OWNER' });
    expect(checkGroupRole(' Member ', 'role')).toEqual({ ok: true, value: 'MEMBER' });
  });

  it('refuses anything else and requires a value', () => {
    expect(checkGroupRole('admin', 'role')).toEqual({ ok: false, message: 'role must be OWNER or MEMBER; got "admin"' });
    expect(checkGroupRole('', 'role')).toEqual({ ok: false, message: 'role is required' });
  });
});
