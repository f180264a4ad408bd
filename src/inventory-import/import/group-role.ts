import { invalid, valid, type Checked } from '../../common/input-rules/checked';
import { GROUP_ROLES, type GroupRole } from '../../groups/group-role';
import { showValue } from '../../common/input-rules/show-value';

/** OWNER or MEMBER in any case; canonical upper case out. */
export function checkGroupRole(text: string, label: string): Checked<GroupRole> {
  const value = text.trim().toUpperCase();
  if (value === '') return invalid(`${label} is required`);
  const role = GROUP_ROLES.find((candidate) => candidate === value);
  if (role === undefined) return invalid(`${label} must be OWNER or MEMBER; got ${showValue(text.trim())}`);
  return valid(role);
}
