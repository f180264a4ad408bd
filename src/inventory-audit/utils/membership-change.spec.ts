import { describe, expect, it } from 'vitest';
import { membershipChange } from './membership-change';

describe('membershipChange', () => {
  it('adds someone who was not in the group', () => {
    expect(membershipChange(null, 'MEMBER')).toBe('MEMBER_ADDED');
    expect(membershipChange(null, 'OWNER')).toBe('MEMBER_ADDED');
  });

  it('changes a role that differs, and does nothing when it is the same', () => {
    expect(membershipChange('MEMBER', 'OWNER')).toBe('MEMBER_ROLE_CHANGED');
    expect(membershipChange('OWNER', 'MEMBER')).toBe('MEMBER_ROLE_CHANGED');
    expect(membershipChange('OWNER', 'OWNER')).toBeNull();
  });
});
