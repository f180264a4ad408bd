import type { GroupRole } from '../../groups/group.entity';

/** What setting a person's role in a group does: adds them, changes their role, or nothing (no event). */
export function membershipChange(previous: GroupRole | null, next: GroupRole): 'MEMBER_ADDED' | 'MEMBER_ROLE_CHANGED' | null {
  if (previous === null) return 'MEMBER_ADDED';
  return previous === next ? null : 'MEMBER_ROLE_CHANGED';
}
