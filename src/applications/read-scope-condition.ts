import type { SqlConditions } from '../common/database/sql-conditions';
import type { ReadScope } from '../groups/access-policy';

/**
 * Restricts a query over `applications a` to what the scope may read: its groups' applications and its
 * departments'. One rule for every list that joins applications, so the visibility of a list cannot drift from the API's.
 * A side with nothing in it is left out rather than matched against an empty list: a member's scope is then
 * "these groups" alone, which the partial index applications_active_group_idx answers without reading the table.
 */
export function addReadScope(where: SqlConditions, scope: ReadScope): void {
  if (scope.everything || scope.departments === 'ALL') return;
  const departments = scope.departments === 'NONE' ? [] : scope.departments;
  const sides = [
    ...(scope.groupIds.length > 0 ? [`a.owning_group_id = ANY(${where.param(scope.groupIds)}::uuid[])`] : []),
    ...(departments.length > 0 ? [`a.department = ANY(${where.param(departments)}::text[])`] : []),
  ];
  where.clauses.push(sides.length === 0 ? 'FALSE' : `(${sides.join(' OR ')})`);
}
