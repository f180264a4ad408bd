import { badInput } from '../../common/errors/domain-error';
import { canonicalizeName } from '../../requirements/pep508/name';
import { MAX_ADVISORY_QUERY_PACKAGES } from './advisory-query-limits';

/** Longest name accepted; PyPI's own limit is far below. */
export const MAX_NAME_LENGTH = 200;

/** The PEP 503 names of `packages` (each once), or BAD_USER_INPUT naming the argument or the entry at fault. */
export function checkPackageNames(packages: readonly string[], field = 'packages'): string[] {
  if (packages.length > MAX_ADVISORY_QUERY_PACKAGES) {
    throw badInput(field, `${field} may list at most ${MAX_ADVISORY_QUERY_PACKAGES} names, got ${packages.length}; ask in batches`, {
      limit: MAX_ADVISORY_QUERY_PACKAGES,
    });
  }
  const names = new Set<string>();
  packages.forEach((given, index) => {
    const name = given.trim();
    if (name === '' || name.length > MAX_NAME_LENGTH) {
      throw badInput(`${field}[${index}]`, `${field}[${index}] must be a package name of 1 to ${MAX_NAME_LENGTH} characters`);
    }
    names.add(canonicalizeName(name));
  });
  return [...names];
}
