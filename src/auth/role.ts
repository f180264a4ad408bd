/** Roles a user can hold; a user may hold several. */
export enum Role {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  DEVELOPER = 'DEVELOPER',
}

export const ALL_ROLES: readonly Role[] = [Role.ADMIN, Role.MANAGER, Role.DEVELOPER];

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}
