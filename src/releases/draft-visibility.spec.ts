import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, type Principal } from '../auth/principal';
import { Role } from '../auth/role';
import { auditActionsHiddenFrom, findVisibleRelease } from './draft-visibility';

const manager: Principal = { userId: 'u1', label: 'manager@example.edu', roles: [Role.MANAGER], tokenId: 't1' };
const releases = new Map([
  ['1.0.0', { version: '1.0.0', state: 'PUBLISHED' as const }],
  ['2.0.0', { version: '2.0.0', state: 'DRAFT' as const }],
]);

describe('draft visibility', () => {
  it('shows drafts to admins only, and published releases to anyone', () => {
    expect(findVisibleRelease(releases, ' 2.0.0 ', BOOTSTRAP_ADMIN)?.version).toBe('2.0.0');
    expect(findVisibleRelease(releases, '2.0.0', manager)).toBeNull();
    expect(findVisibleRelease(releases, '2.0.0', null)).toBeNull();
    expect(findVisibleRelease(releases, '1.0.0', null)?.version).toBe('1.0.0');
    expect(findVisibleRelease(releases, '3.0.0', BOOTSTRAP_ADMIN)).toBeNull();
  });

  it('hides the draft stage of the audit log from everyone but admins', () => {
    expect(auditActionsHiddenFrom(BOOTSTRAP_ADMIN)).toEqual([]);
    expect(auditActionsHiddenFrom(manager)).toEqual(['DRAFT_CREATED', 'DRAFT_UPDATED', 'DRAFT_WITHDRAWN']);
  });
});
