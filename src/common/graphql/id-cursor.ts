import { badInput } from '../errors/domain-error';

/**
 * Opaque cursors over rows with an increasing bigint id (audit logs): `<kind>:<id>` in base64url.
 * A cursor stays valid while rows are added, since pages continue below the id it names.
 */
export const encodeIdCursor = (kind: string, id: string): string => Buffer.from(`${kind}:${id}`).toString('base64url');

/** The id inside a cursor of this kind; BAD_USER_INPUT on `after` for anything else. */
export function decodeIdCursor(kind: string, cursor: string, query: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : '';
  if (!/^\d{1,19}$/.test(id)) throw badInput('after', `after must be a cursor returned by an earlier ${query} page (pageInfo.endCursor)`);
  return id;
}
