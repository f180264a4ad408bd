import { describe, expect, it } from 'vitest';
import { Role } from '../../auth/role';
import type { Caller } from '../../groups/access-policy';
import { auditReadScopeOf } from './audit-read-scope';

const caller = (overrides: Partial<Caller>): Caller => ({
  userId: 'u',
  label: 'u@example.edu',
  roles: [],
  memberOf: new Set(),
  owns: new Set(),
  managedDepartments: [],
  ...overrides,
});

describe('auditReadScopeOf', () => {
  it('gives admins and managers of every department everything', () => {
    expect(auditReadScopeOf(caller({ roles: [Role.ADMIN] }))).toEqual({ everything: true });
    expect(auditReadScopeOf(caller({ roles: [Role.MANAGER] }))).toEqual({ everything: true });
  });

  it('gives a department manager every group and the applications of their departments and groups', () => {
    expect(auditReadScopeOf(caller({ roles: [Role.MANAGER], managedDepartments: ['Library'], memberOf: new Set(['team-a']) }))).toEqual({
      everything: false,
      everyGroup: true,
      groupIds: ['team-a'],
      departments: ['Library'],
    });
  });

  it('gives members their groups and the applications those groups own, whatever their role', () => {
    expect(auditReadScopeOf(caller({ roles: [Role.DEVELOPER], memberOf: new Set(['team-a', 'team-b']) }))).toEqual({
      everything: false,
      everyGroup: false,
      groupIds: ['team-a', 'team-b'],
      departments: [],
    });
    expect(auditReadScopeOf(caller({}))).toEqual({ everything: false, everyGroup: false, groupIds: [], departments: [] });
  });
});
