/** Members work on the group's applications; owners also manage members and transfers. */
export const GROUP_ROLES = ['OWNER', 'MEMBER'] as const;

export type GroupRole = (typeof GROUP_ROLES)[number];
