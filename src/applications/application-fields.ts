/**
 * Application fields as the service stores them: the shared input rules (the same the inventory
 * import applies, so one value gets one answer), failing as BAD_USER_INPUT naming the field.
 */
import { badInput } from '../common/errors/domain-error';
import { checkCommit } from '../common/input-rules/commit';
import { checkEmailAddress } from '../common/input-rules/email-address';
import { checkApplicationName, checkDepartment, checkDescription, MAX_CONTACTS } from '../common/input-rules/field-rules';
import { checkRepositoryUrl } from '../common/input-rules/repository-url';
import { checkSlug } from '../common/input-rules/slug';
import { requireField, requireOptionalField } from '../common/validation/satisfies';

export const requireSlug = (value: string, field: string): string => requireField(checkSlug, value, field);

export const normalizeCommit = (value: string, field = 'commit'): string => requireField(checkCommit, value, field);

export const normalizeRepositoryUrl = (value: string | null | undefined, field = 'repositoryUrl'): string | null =>
  requireOptionalField(checkRepositoryUrl, value, field);

export const normalizeDescription = (value: string | null | undefined, field = 'description'): string | null =>
  requireOptionalField(checkDescription, value, field);

export const normalizeName = (value: string, field = 'name'): string => requireField(checkApplicationName, value, field);

export const normalizeDepartment = (value: string, field = 'department'): string => requireField(checkDepartment, value, field);

/** Lower-case addresses, each once, sorted: the same contacts in another order are no change. */
export function normalizeContacts(contacts: readonly string[], field = 'contacts'): string[] {
  const addresses = contacts.map((contact, index) => requireField(checkEmailAddress, contact, `${field}[${index}]`));
  const unique = [...new Set(addresses)].sort();
  if (unique.length > MAX_CONTACTS) throw badInput(field, `${field} lists ${unique.length} addresses; at most ${MAX_CONTACTS} are allowed`);
  return unique;
}
