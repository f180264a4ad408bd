import { readScopeOf, readsEveryGroup, type Caller } from '../../groups/access-policy';

/**
 * Which inventory audit events a caller reads: those of the groups and applications the access
 * policy lets them read (applications by their current owner and department), and the summaries
 * of whole imports only when they read everything.
 */
export type AuditReadScope =
  | { everything: true }
  | { everything: false; everyGroup: boolean; groupIds: string[]; departments: string[] };

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
