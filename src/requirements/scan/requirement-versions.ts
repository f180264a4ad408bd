/**
 * Version questions about a declared requirement, answered with our port of `packaging`:
 * its specifier set (or Poetry alternatives), its pin, and whether it accepts a version.
 */
import type { SpecifierClause } from '../types';
import { allowsVersionAtOrAbove, isSatisfiable, parseSpecifierSet, type SpecifierSet } from '../pep440/specifier';
import { parseVersion, type Version } from '../pep440/version';
import type { DeclaredRequirement } from './model';

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

/** Each set a version may satisfy: the alternatives of a Poetry union, else the one set. */
function setsOf(requirement: Pick<DeclaredRequirement, 'specifiers' | 'alternatives'>): SpecifierSet[] {
  const lists = requirement.alternatives ?? [requirement.specifiers];
  return lists.map(specifierSetOf).filter((set): set is SpecifierSet => set !== null);
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
  return setsOf(requirement).some((set) => isSatisfiable(set));
}

/** Whether the clauses together allow some version. */
export function areClausesSatisfiable(clauses: readonly SpecifierClause[]): boolean {
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
