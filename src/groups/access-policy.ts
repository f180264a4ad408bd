/**
 * Who may do what with groups and applications (from the SLA): anyone can be given access to an
 * application through its owning group; only holders of the developer entitlement create
 * applications; members edit their group's applications; owners also manage the group;
 * managers read the departments they manage (every department only when granted explicitly, none
 * until given some); admins do everything.
 * Pure: callers pass what they know of the caller and the object.
 */
import { Role } from '../auth/role';

export interface Caller {
  userId: string | null;
  label: string;
  roles: readonly Role[];
  /** Groups the caller belongs to (owners included). */
  memberOf: ReadonlySet<string>;
  /** Groups the caller owns. */
  owns: ReadonlySet<string>;
  /** Departments the caller manages (empty: none, unless managesAllDepartments). */
  managedDepartments: readonly string[];
  /** A manager granted every department explicitly (`allDepartments: true`). */
  managesAllDepartments: boolean;
}

export interface AppAccessFacts {
  owningGroupId: string;
  department: string;
}

const hasRole = (caller: Caller, role: Role): boolean => caller.roles.includes(role);

export const isAdminCaller = (caller: Caller): boolean => hasRole(caller, Role.ADMIN);

function managesDepartment(caller: Caller, department: string): boolean {
  if (!hasRole(caller, Role.MANAGER)) return false;
  return caller.managesAllDepartments || caller.managedDepartments.includes(department);
}

export function canReadApplication(caller: Caller, app: AppAccessFacts): boolean {
  return isAdminCaller(caller) || caller.memberOf.has(app.owningGroupId) || managesDepartment(caller, app.department);
}

export function canEditApplication(caller: Caller, app: AppAccessFacts): boolean {
  return isAdminCaller(caller) || caller.memberOf.has(app.owningGroupId);
}

/** Creating needs the developer entitlement and a group to own the app that the caller belongs to. */
export function canCreateApplicationIn(caller: Caller, owningGroupId: string): boolean {
  if (isAdminCaller(caller)) return true;
  return hasRole(caller, Role.DEVELOPER) && caller.memberOf.has(owningGroupId);
}

export function canManageGroup(caller: Caller, groupId: string): boolean {
  return isAdminCaller(caller) || caller.owns.has(groupId);
}

/** Handing an application to another group is the current owners' call (or an admin's). */
export function canTransferApplication(caller: Caller, app: AppAccessFacts): boolean {
  return canManageGroup(caller, app.owningGroupId);
}

/** Admins and managers read every group and its members; others the groups they belong to. */
export function readsEveryGroup(caller: Caller): boolean {
  return isAdminCaller(caller) || hasRole(caller, Role.MANAGER);
}

/** What a caller may list: everything, or the union of their groups and managed departments. */
export type ReadScope = { everything: true } | { everything: false; groupIds: string[]; departments: string[] | 'ALL' | 'NONE' };

export function readScopeOf(caller: Caller): ReadScope {
  if (isAdminCaller(caller)) return { everything: true };
  if (hasRole(caller, Role.MANAGER) && caller.managesAllDepartments) return { everything: true };
  return {
    everything: false,
    groupIds: [...caller.memberOf],
    departments: hasRole(caller, Role.MANAGER) ? [...caller.managedDepartments] : 'NONE',
  };
}

/**
 * Which inventory audit events a caller reads: those of the groups and applications they may
 * read (applications by their current owning group and department), and the summaries of whole
 * imports only when they read everything.
 */
export type AuditReadScope = { everything: true } | { everything: false; everyGroup: boolean; groupIds: string[]; departments: string[] };

export function auditReadScopeOf(caller: Caller): AuditReadScope {
  const scope = readScopeOf(caller);
  if (scope.everything || scope.departments === 'ALL') return { everything: true };
  return {
    everything: false,
    everyGroup: readsEveryGroup(caller),
    groupIds: scope.groupIds,
    departments: scope.departments === 'NONE' ? [] : scope.departments,
  };
}
