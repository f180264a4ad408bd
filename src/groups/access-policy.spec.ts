import { describe, expect, it } from 'vitest';
import { Role } from '../auth/role';
import {
  auditReadScopeOf,
  canCreateApplicationIn,
  canEditApplication,
  canManageGroup,
  canReadApplication,
  canTransferApplication,
  readScopeOf,
  readsEveryGroup,
  type Caller,
} from './access-policy';

const caller = (overrides: Partial<Caller>): Caller => ({
  userId: 'u',
  label: 'u@example.edu',
  roles: [],
  memberOf: new Set(),
  owns: new Set(),
  managedDepartments: [],
  managesAllDepartments: false,
  ...overrides,
});

const APP = { owningGroupId: 'team-a', department: 'Registrar' };

describe('application access', () => {
  it('lets members of the owning group read and edit, whatever their role', () => {
    const member = caller({ memberOf: new Set(['team-a']) });
    expect(canReadApplication(member, APP)).toBe(true);
    expect(canEditApplication(member, APP)).toBe(true);
    expect(canTransferApplication(member, APP)).toBe(false);
  });

  it('keeps developers of other groups out', () => {
    const outsider = caller({ roles: [Role.DEVELOPER], memberOf: new Set(['team-b']) });
    expect(canReadApplication(outsider, APP)).toBe(false);
    expect(canEditApplication(outsider, APP)).toBe(false);
  });

  it('lets managers read their departments, or all when granted every department, but never edit', () => {
    const registrarManager = caller({ roles: [Role.MANAGER], managedDepartments: ['Registrar'] });
    const libraryManager = caller({ roles: [Role.MANAGER], managedDepartments: ['Library'] });
    const everyManager = caller({ roles: [Role.MANAGER], managesAllDepartments: true });
    expect(canReadApplication(registrarManager, APP)).toBe(true);
    expect(canReadApplication(libraryManager, APP)).toBe(false);
    expect(canReadApplication(everyManager, APP)).toBe(true);
    expect(canEditApplication(everyManager, APP)).toBe(false);
    expect(readScopeOf(everyManager)).toEqual({ everything: true });
    expect(readScopeOf(registrarManager)).toEqual({ everything: false, groupIds: [], departments: ['Registrar'] });
  });

  // Issue 13 item 7: no departments is no department, never "all".
  it('gives a manager without departments nothing beyond their own groups', () => {
    const newManager = caller({ roles: [Role.MANAGER] });
    expect(canReadApplication(newManager, APP)).toBe(false);
    expect(readScopeOf(newManager)).toEqual({ everything: false, groupIds: [], departments: [] });
    expect(canReadApplication(caller({ roles: [Role.MANAGER], memberOf: new Set(['team-a']) }), APP)).toBe(true);
    expect(auditReadScopeOf(newManager)).toEqual({ everything: false, everyGroup: true, groupIds: [], departments: [] });
  });

  it('ignores a grant of every department for someone who is no longer a manager', () => {
    const former = caller({ roles: [Role.DEVELOPER], managesAllDepartments: true, managedDepartments: ['Registrar'] });
    expect(canReadApplication(former, APP)).toBe(false);
    expect(readScopeOf(former)).toEqual({ everything: false, groupIds: [], departments: 'NONE' });
  });

  it('requires the developer entitlement and membership to create', () => {
    expect(canCreateApplicationIn(caller({ memberOf: new Set(['team-a']) }), 'team-a')).toBe(false);
    expect(canCreateApplicationIn(caller({ roles: [Role.DEVELOPER], memberOf: new Set(['team-a']) }), 'team-a')).toBe(true);
    expect(canCreateApplicationIn(caller({ roles: [Role.DEVELOPER], memberOf: new Set(['team-b']) }), 'team-a')).toBe(false);
    expect(canCreateApplicationIn(caller({ roles: [Role.ADMIN] }), 'team-a')).toBe(true);
  });

  it('lets owners and admins manage groups and transfer their applications', () => {
    const owner = caller({ memberOf: new Set(['team-a']), owns: new Set(['team-a']) });
    expect(canManageGroup(owner, 'team-a')).toBe(true);
    expect(canManageGroup(owner, 'team-b')).toBe(false);
    expect(canTransferApplication(owner, APP)).toBe(true);
    expect(canManageGroup(caller({ roles: [Role.ADMIN] }), 'team-b')).toBe(true);
  });
});

describe('group access', () => {
  it('lets admins and every manager read all groups, others only their own', () => {
    expect(readsEveryGroup(caller({ roles: [Role.ADMIN] }))).toBe(true);
    expect(readsEveryGroup(caller({ roles: [Role.MANAGER], managedDepartments: ['Library'] }))).toBe(true);
    expect(readsEveryGroup(caller({ roles: [Role.DEVELOPER], memberOf: new Set(['team-a']) }))).toBe(false);
  });
});

describe('auditReadScopeOf', () => {
  it('gives admins and managers of every department everything', () => {
    expect(auditReadScopeOf(caller({ roles: [Role.ADMIN] }))).toEqual({ everything: true });
    expect(auditReadScopeOf(caller({ roles: [Role.MANAGER], managesAllDepartments: true }))).toEqual({ everything: true });
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
