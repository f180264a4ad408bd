/**
 * Version questions about a declared requirement, answered with our port of `packaging`:
 * its specifier set (or Poetry alternatives), its pin, and whether it accepts a version.
 */
import type { SpecifierClause } from '../types';
import { allowsVersionAtOrAbove, isSatisfiable, parseSpecifierSet, type SpecifierSet } from '../pep440/specifier';
import { parseVersion, type Version } from '../pep440/version';
import type { DeclaredRequirement } from '../file-model/model';

export function clausesToText(clauses: readonly SpecifierClause[]): string {
  return clauses.map((clause) => `${clause.operator}${clause.version}`).join(',');
}

/** A specifier set for the clauses; null if they do not parse (they always do when they came from our parsers). */
export function specifierSetOf(clauses: readonly SpecifierClause[]): SpecifierSet | null {
  try {
    return parseSpecifierSet(clausesToText(clauses));
  } catch {
    return null;
  }
}

/**
 * Parsed sets per requirement for the duration of one scan: a scan asks several
 * questions about each requirement. The memo lives only while `withSpecifierMemo` runs
 * (scans are synchronous), so nothing outlives the scan and the data stays plain.
 */
let activeMemo: Map<object, SpecifierSet[]> | null = null;

export function withSpecifierMemo<T>(run: () => T): T {
  const previous = activeMemo;
  activeMemo = new Map();
  try {
    return run();
  } finally {
    activeMemo = previous;
  }
}

/** Each set a version may satisfy: the alternatives of a Poetry union, else the one set. */
function setsOf(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): SpecifierSet[] {
  const known = activeMemo?.get(requirement);
  if (known) return known;
  const lists = requirement.alternatives ?? [requirement.specifiers];
  const sets = lists.map(specifierSetOf).filter((set): set is SpecifierSet => set !== null);
  activeMemo?.set(requirement, sets);
  return sets;
}

/** Single clauses that always allow some version (every operator but `<`, whose bound may be the smallest version). */
function triviallySatisfiable(clauses: readonly SpecifierClause[]): boolean {
  return clauses.length === 0 || (clauses.length === 1 && clauses[0].operator !== '<');
}

/** packaging's `SpecifierSet(spec).contains(version, prereleases=True)`, over any alternative. */
export function acceptsVersion(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>, version: string): boolean {
  return setsOf(requirement).some((set) => set.contains(version, { prereleases: true }));
}

/** Some allowed version is at or above `version`. */
export function allowsAtOrAbove(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>, version: string): boolean {
  return setsOf(requirement).some((set) => allowsVersionAtOrAbove(set, version));
}

export function isRequirementSatisfiable(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): boolean {
  if (requirement.alternatives === null) {
    if (triviallySatisfiable(requirement.specifiers)) return true;
    const quick = boundsSatisfiable(requirement.specifiers);
    if (quick !== null) return quick;
  }
  return setsOf(requirement).some((set) => isSatisfiable(set));
}

/** At most this many numbers of at most this many digits each: exact as JavaScript numbers. */
const MAX_PLAIN_RELEASE_NUMBERS = 16;
const MAX_PLAIN_RELEASE_DIGITS = 15;
const DOT = 0x2e;
const ZERO = 0x30;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= 0x39;
}

/** A plain dotted release (`1.4`, `2.0.0`) within the limits above. */
function isPlainRelease(version: string): boolean {
  let numbers = 0;
  let digits = 0;
  for (let index = 0; index <= version.length; index += 1) {
    const code = index === version.length ? DOT : version.charCodeAt(index);
    if (code === DOT /* or the end */) {
      if (digits === 0 || numbers === MAX_PLAIN_RELEASE_NUMBERS) return false;
      numbers += 1;
      digits = 0;
    } else if (isDigit(code) && digits < MAX_PLAIN_RELEASE_DIGITS) {
      digits += 1;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Orders two plain releases number by number, a missing number counting as 0 (`1.0`
 * equals `1`). Reads the texts directly: this runs for every clause of every range, and
 * arrays of numbers were most of what the satisfiability check allocated.
 */
function compareReleases(a: string, b: string): number {
  let indexA = 0;
  let indexB = 0;
  while (indexA < a.length || indexB < b.length) {
    let numberA = 0;
    for (; indexA < a.length && a.charCodeAt(indexA) !== DOT; indexA += 1) numberA = numberA * 10 + (a.charCodeAt(indexA) - ZERO);
    let numberB = 0;
    for (; indexB < b.length && b.charCodeAt(indexB) !== DOT; indexB += 1) numberB = numberB * 10 + (b.charCodeAt(indexB) - ZERO);
    if (numberA !== numberB) return numberA - numberB;
    // Past the dot (or beyond the end, where every further number reads as 0).
    indexA += 1;
    indexB += 1;
  }
  return 0;
}

/**
 * Satisfiability of lower and upper bounds over plain release numbers (`>=1.4,<2`), with
 * optional exclusions of single plain versions (`!=1.5`), the common multi-clause cases,
 * without the general interval machinery: between two different releases there is
 * always another final release (so a few exclusions cannot empty a range wider than one
 * point), `<V` admits nothing below `0`, and equal bounds need both to be inclusive.
 * Null for any other kind of clause; a property test checks the answers against
 * `isSatisfiable`.
 */
export function boundsSatisfiable(clauses: readonly SpecifierClause[]): boolean | null {
  // The tightest bounds so far, as release texts.
  let lower: string | null = null;
  let lowerInclusive = false;
  let upper: string | null = null;
  let upperInclusive = false;
  for (const { operator, version } of clauses) {
    if (!isPlainRelease(version)) return null;
    // Exclusions matter only when the bounds leave a single point (checked at the end).
    if (operator === '!=') continue;
    const inclusive = operator === '>=' || operator === '<=';
    if (operator === '>=' || operator === '>') {
      const order = lower === null ? 1 : compareReleases(version, lower);
      if (order > 0 || (order === 0 && !inclusive)) {
        lower = version;
        lowerInclusive = inclusive;
      }
    } else if (operator === '<=' || operator === '<') {
      const order = upper === null ? -1 : compareReleases(version, upper);
      if (order < 0 || (order === 0 && !inclusive)) {
        upper = version;
        upperInclusive = inclusive;
      }
    } else {
      return null;
    }
  }
  if (upper === null) return true;
  // `<0` and its spellings: nothing (not even 0's pre-releases, which `<0` excludes) lies below.
  if (!upperInclusive && compareReleases(upper, '0') === 0) return false;
  if (lower === null) return true;
  const order = compareReleases(lower, upper);
  if (order < 0) return true;
  if (order > 0 || !lowerInclusive || !upperInclusive) return false;
  // A single point: it survives unless an exclusion names it (local variants go with it).
  const point = lower;
  return !clauses.some((clause) => clause.operator === '!=' && compareReleases(clause.version, point) === 0);
}

/** Whether the clauses together allow some version. */
export function areClausesSatisfiable(clauses: readonly SpecifierClause[]): boolean {
  if (triviallySatisfiable(clauses)) return true;
  const quick = boundsSatisfiable(clauses);
  if (quick !== null) return quick;
  const set = specifierSetOf(clauses);
  return set === null || isSatisfiable(set);
}

/** The exact version an `==` (without wildcard) or `===` clause pins, as written; null when unpinned. */
export function pinnedVersionText(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): string | null {
  if (requirement.alternatives !== null) return null;
  for (const clause of requirement.specifiers) {
    if (clause.operator === '===') return clause.version;
    if (clause.operator === '==' && !clause.version.endsWith('.*')) return clause.version;
  }
  return null;
}

export function pinnedVersion(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): Version | null {
  const text = pinnedVersionText(requirement);
  return text === null ? null : parseVersion(text);
}
