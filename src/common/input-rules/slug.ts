import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';

/** The same pattern as the `applications_slug_format` and `groups_slug_format` checks in the database. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const MAX_SLUG_LENGTH = 64;

const RULE = 'a slug is 1–64 lower-case letters, digits and hyphens, starting and ending with a letter or digit';

function problemsOf(slug: string): string[] {
  const problems: string[] = [];
  if (slug.length > MAX_SLUG_LENGTH) problems.push(`it is ${slug.length} characters long`);
  if (/[A-Z]/.test(slug)) problems.push('it has upper-case letters');
  if (/\s/.test(slug)) problems.push('it has spaces');
  const others = new Set(slug.replace(/[A-Za-z0-9\s-]/g, ''));
  if (others.size > 0) {
    const shown = [...others]
      .slice(0, 5)
      .map((char) => JSON.stringify(char))
      .join(', ');
    problems.push(`it has characters other than letters, digits and hyphens (${shown})`);
  }
  if (slug.startsWith('-') || slug.endsWith('-')) problems.push('it starts or ends with a hyphen');
  return problems;
}

function joinWithAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A valid slug close to what the admin typed, if there is one: "My App" → "my-app". */
export function suggestSlug(text: string): string | null {
  const suggestion = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return SLUG_PATTERN.test(suggestion) ? suggestion : null;
}

/**
 * `text` (trimmed) as a slug. Slugs are never lower-cased silently: they end up in URLs and
 * other systems, so the admin should see and confirm the real one.
 */
export function checkSlug(text: string, label: string): Checked<string> {
  const slug = text.trim();
  if (slug === '') return invalid(`${label} is required`);
  if (SLUG_PATTERN.test(slug)) return valid(slug);
  // Far too long to be a slug typed by hand: say so without analysing (or suggesting from) all of it.
  if (slug.length > 4 * MAX_SLUG_LENGTH) return invalid(`${label} is ${slug.length} characters long, not a slug; ${RULE}`);
  const problems = problemsOf(slug);
  const suggestion = suggestSlug(slug);
  const hint = suggestion === null ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
  const why = problems.length > 0 ? `: ${joinWithAnd(problems)}` : '';
  return invalid(`${label} ${showValue(slug)} is not a valid slug${why}; ${RULE}${hint}`);
}
