import type { AccessGrants } from '../groups/groups.repository';
import { Role } from './role';

/** Who is calling: a user behind an API token, or the bootstrap admin of the environment. */
export interface Principal {
  userId: string | null;
  /** Readable name for logs and the audit trail: the user's e-mail, or `bootstrap-admin`. */
  label: string;
  roles: readonly Role[];
  tokenId: string | null;
  /**
   * The user's memberships and managed departments, read with the token (one round trip less on
   * every request). Only a read-only operation keeps them: a mutation could change them, so its
   * requests read them again (see grantsForReadsOnly).
   */
  accessGrants?: AccessGrants;
}

export const BOOTSTRAP_ADMIN: Principal = Object.freeze({
  userId: null,
  label: 'bootstrap-admin',
  roles: Object.freeze([Role.ADMIN]),
  tokenId: null,
});

export function hasAnyRole(principal: Principal | null, roles: readonly Role[]): boolean {
  return principal !== null && roles.some((role) => principal.roles.includes(role));
}

export const isAdmin = (principal: Principal | null): boolean => hasAnyRole(principal, [Role.ADMIN]);
