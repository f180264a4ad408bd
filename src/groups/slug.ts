/** Slugs name groups and applications in URLs, CSV files and the CLI. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** Null when valid, else what is wrong, in words. */
export function slugProblem(value: string): string | null {
  if (SLUG.test(value)) return null;
  if (value.length === 0) return 'must not be empty';
  if (value.length > 64) return `must be at most 64 characters (got ${value.length})`;
  if (/[A-Z]/.test(value)) return `must be lower case (try "${value.toLowerCase()}")`;
  if (/^-|-$/.test(value)) return 'must start and end with a letter or digit';
  return 'may contain only lower-case letters, digits and "-"';
}
