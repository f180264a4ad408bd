import { badInput } from '../../common/errors/domain-error';
import { checkDepartment } from '../../common/input-rules/field-rules';
import { requireValid } from '../../common/validation/satisfies';

/** What a manager oversees: every department, or these (never an empty list meaning "all"). */
export type ManagedDepartments = { allDepartments: true; departments: [] } | { allDepartments: false; departments: string[] };

/**
 * Reads `setManagedDepartments`' arguments. "Every department" must be asked for with
 * `allDepartments: true`: an empty list, or a blank department that would be dropped, would
 * otherwise widen a manager's view to everything. Departments are spelt the way application
 * departments are stored (trimmed, inner runs of spaces collapsed), or they would never match.
 */
export function checkManagedDepartments(departments: readonly string[] | null | undefined, allDepartments: boolean): ManagedDepartments {
  const given = departments ?? [];
  if (allDepartments) {
    if (given.length > 0) throw badInput('allDepartments', 'Give either departments or allDepartments: true, not both');
    return { allDepartments: true, departments: [] };
  }
  if (given.length === 0) {
    throw badInput('departments', 'departments must name at least one department; to oversee every department, pass allDepartments: true');
  }
  // The department rule of applications (and of the import): the same spelling, the same bounds.
  const cleaned = given.map((department, index) => requireValid(checkDepartment(department, `departments[${index}]`), 'departments'));
  return { allDepartments: false, departments: [...new Set(cleaned)].sort() };
}
