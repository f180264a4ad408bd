/**
 * Project and extra names as `packaging.utils` 26.x treats them (PEP 503 / core metadata).
 */

/**
 * PEP 503 normalised name, as `canonicalize_name`: lower case, every run of `-`, `_`
 * and `.` collapsed to one `-` (`Oslo.Concurrency` → `oslo-concurrency`). Like packaging,
 * it does not validate; use `isValidName` for that.
 */
export function canonicalizeName(name: string): string {
  // Most names are already canonical; a test is much cheaper than lower-casing and replacing.
  return ALREADY_CANONICAL.test(name) ? name : name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Lower-case letters and digits with single hyphens between them: what canonicalisation leaves unchanged. */
const ALREADY_CANONICAL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const VALID_NAME = /^(?:[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9])$/i;

/** Whether `name` is a valid distribution name (ASCII letters/digits, inner `.`, `-`, `_`), as `canonicalize_name(validate=True)` checks. */
export function isValidName(name: string): boolean {
  return VALID_NAME.test(name);
}

// packaging's pattern verbatim; its lookahead lets a single `--` through (`a--b`), and so do we.
const NORMALIZED_NAME = /^(?:[a-z0-9]|[a-z0-9](?:[a-z0-9-](?!--))*[a-z0-9])$/;

/** Whether `name` is already in normalised form, as packaging's `is_normalized_name` answers it. */
export function isNormalizedName(name: string): boolean {
  return NORMALIZED_NAME.test(name);
}
