import { badInput } from '../../common/errors/domain-error';
import type { Advisory } from '../../requirements';

/** Longer ids and names than any OSV database uses; keeps every key within PostgreSQL's index entry size. */
export const MAX_ID_LENGTH = 255;
export const MAX_PACKAGE_NAME_LENGTH = 255;

const TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})/;

/** A real calendar time PostgreSQL can store: `Date.parse` accepts 2023-02-30 (as March 2) and year 0, PostgreSQL does not. */
function isStorableTime(text: string): boolean {
  const match = TIME.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC, which reads years 0–99 as 1900–1999
  return (
    year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 60
  );
}

/** The path of the first string holding a NUL character, which PostgreSQL text and jsonb cannot store. */
function pathOfNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = pathOfNul(value[index], `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = pathOfNul(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * What the OSV validation lets through but the database would refuse (a server error instead
 * of a clear answer): impossible dates, NUL characters, ids and names too long to index.
 */
export function checkStorableAdvisory(advisory: Advisory, field = 'document'): void {
  const fail = (osvField: string, problem: string) =>
    badInput(field, `invalid OSV advisory: ${advisory.id.slice(0, 80)}: ${osvField}: ${problem}`, { osvField, advisory: advisory.id.slice(0, 80) });
  const nul = pathOfNul(advisory, '');
  if (nul) throw fail(nul, 'contains a NUL character (\\u0000), which cannot be stored');
  if (advisory.id.length > MAX_ID_LENGTH) throw fail('id', `expected at most ${MAX_ID_LENGTH} characters, got ${advisory.id.length}`);
  for (const key of ['modified', 'published', 'withdrawn'] as const) {
    const value = advisory[key];
    if (value !== null && !isStorableTime(value)) throw fail(key, `"${value}" is not a date that exists (years 0001 to 9999)`);
  }
  for (const affected of advisory.affected) {
    if (affected.name.length > MAX_PACKAGE_NAME_LENGTH) {
      throw fail('affected[].package.name', `expected at most ${MAX_PACKAGE_NAME_LENGTH} characters, got ${affected.name.length}`);
    }
  }
}
