/**
 * Poetry's version constraint language (poetry-core `parse_constraint`), translated to
 * PEP 440 the way Poetry itself translates it:
 *
 *   `^1.2.3` → `>=1.2.3,<2.0.0`   `^0.2.3` → `>=0.2.3,<0.3.0`   `^0.0.3` → `>=0.0.3,<0.0.4`
 *   `~1.2.3` → `>=1.2.3,<1.3.0`   `~1.2` → `>=1.2,<1.3`          `~1` → `>=1,<2`
 *   `~=1.2` → `>=1.2,<2.0`       `1.2.*` → `>=1.2.0,<1.3.0`     `0.*` → `<1.0.0`   `*` → any
 *   `1.2.3` / `=1.2.3` → `==1.2.3`, comparison operators as written, `,` or space = and,
 *   `||` (or `|`) = or.
 *
 * Upper bounds keep the precision of the version written (Poetry's `next_major` etc.).
 * A union that PEP 440 cannot express as one specifier set keeps each alternative.
 */
import type { SpecifierClause } from '../types';
import { compareVersions, parseVersion, Version } from '../pep440/version';

export class PoetryConstraintError extends Error {}

/** Longer constraints are refused before any regular expression sees them (they stay linear, but short). */
export const MAX_POETRY_CONSTRAINT_LENGTH = 1000;

interface Bound {
  version: Version;
  inclusive: boolean;
}

/** A contiguous range; both bounds null means any version. */
export interface PoetryRange {
  min: Bound | null;
  max: Bound | null;
}

export interface PoetryConstraint {
  /** The union of ranges, sorted and merged; empty when nothing is allowed. */
  ranges: PoetryRange[];
  /** PEP 440 clauses of each `||` alternative, as Poetry writes them. */
  alternatives: SpecifierClause[][];
  /** One PEP 440 specifier set equivalent to the constraint, or null when it needs a union. */
  specifiers: SpecifierClause[] | null;
}

const ANY: PoetryRange = { min: null, max: null };

function version(text: string): Version {
  const parsed = parseVersion(text);
  if (!parsed) throw new PoetryConstraintError(`Could not parse version constraint: ${text}`);
  return parsed;
}

function releaseVersion(release: readonly (number | bigint)[], epoch: number | bigint): Version {
  return Version.fromParts({ release, epoch });
}

/** Poetry's `Version.stable`: drop pre and dev parts (and post, when there was a pre). */
function stable(v: Version): Version {
  if (!v.isPrerelease) return v;
  return Version.fromParts({ epoch: v.epoch, release: v.release, post: v.pre === null ? v.post : null });
}

function bump(value: number | bigint): number | bigint {
  return typeof value === 'bigint' ? value + 1n : value + 1;
}

/** Poetry's `Release.next_major`: keeps how many parts were written (`1.2` → `2.0`). */
function nextMajor(v: Version): Version {
  const s = stable(v);
  return releaseVersion(
    s.release.map((part, index) => (index === 0 ? bump(part) : 0)),
    s.epoch,
  );
}

function nextMinor(v: Version): Version {
  const s = stable(v);
  const release = s.release.length === 1 ? [s.release[0], 1] : s.release.map((part, index) => (index === 1 ? bump(part) : index > 1 ? 0 : part));
  return releaseVersion(release, s.epoch);
}

function nextPatch(v: Version): Version {
  const s = stable(v);
  const release =
    s.release.length === 1
      ? [s.release[0], 0, 1]
      : s.release.length === 2
        ? [s.release[0], s.release[1], 1]
        : s.release.map((part, index) => (index === 2 ? bump(part) : index > 2 ? 0 : part));
  return releaseVersion(release, s.epoch);
}

/** Poetry's `next_breaking`: the first version a caret constraint excludes. */
function nextBreaking(v: Version): Version {
  const [major, minor, patch] = v.release;
  if (Number(major) > 0 || minor === undefined) return nextMajor(v);
  if (Number(minor) > 0 || patch === undefined) return nextMinor(v);
  return nextPatch(v);
}

function atLeast(v: Version, inclusive = true): PoetryRange {
  return { min: { version: v, inclusive }, max: null };
}

function below(v: Version, inclusive = false): PoetryRange {
  return { min: null, max: { version: v, inclusive } };
}

function between(low: Version, high: Version): PoetryRange {
  return { min: { version: low, inclusive: true }, max: { version: high, inclusive: false } };
}

function exactly(v: Version): PoetryRange {
  return { min: { version: v, inclusive: true }, max: { version: v, inclusive: true } };
}

interface Single {
  ranges: PoetryRange[];
  clauses: SpecifierClause[];
}

function clause(operator: SpecifierClause['operator'], v: Version | string): SpecifierClause {
  return { operator, version: String(v) };
}

function rangeSingle(range: PoetryRange): Single {
  return { ranges: [range], clauses: clausesOfRange(range) };
}

const ANY_SINGLE: Single = { ranges: [ANY], clauses: [] };

/** Strip a leading `v` the way Poetry's patterns allow (`v1.2`). */
function withoutV(text: string): string {
  return text.startsWith('v') || text.startsWith('V') ? text.slice(1) : text;
}

const X_CONSTRAINT = /^(!=|==)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.\*)+$/;
const BASIC_CONSTRAINT = /^(<>|!=|>=?|<=?|==?)?\s*(.+?)(\.\*)?$/;

/** poetry-core `parse_single_constraint`. */
export function parseSingleConstraint(text: string): Single {
  if (/^v?[xX*](\.[xX*])*$/i.test(text)) return ANY_SINGLE;

  if (text.startsWith('~') && !text.startsWith('~=')) {
    const v = version(text.slice(1).trim());
    const high = v.release.length === 1 ? nextMajor(v) : nextMinor(v);
    return rangeSingle(between(v, high));
  }
  if (text.startsWith('~=')) {
    const v = version(text.slice(2).trim());
    const high = v.release.length === 2 ? nextMajor(v) : nextMinor(v);
    return rangeSingle(between(v, high));
  }
  if (text.startsWith('^')) {
    const v = version(text.slice(1).trim());
    return rangeSingle(between(v, nextBreaking(v)));
  }

  const x = X_CONSTRAINT.exec(text);
  if (x) {
    const [, op, majorText, minorText] = x;
    let range: PoetryRange;
    let prefix: string;
    if (minorText !== undefined) {
      const low = releaseVersion([Number(majorText), Number(minorText), 0], 0);
      range = between(low, nextMinor(low));
      prefix = `${Number(majorText)}.${Number(minorText)}.*`;
    } else if (Number(majorText) === 0) {
      range = below(releaseVersion([1, 0, 0], 0));
      prefix = '0.*';
    } else {
      const low = releaseVersion([Number(majorText), 0, 0], 0);
      range = between(low, nextMajor(low));
      prefix = `${Number(majorText)}.*`;
    }
    if (op === '!=') return { ranges: complement(range), clauses: [clause('!=', prefix)] };
    return rangeSingle(range);
  }

  const basic = BASIC_CONSTRAINT.exec(text);
  if (basic) {
    const op = basic[1] ?? '';
    const versionText = basic[2].trim() === 'dev' ? '0.0-dev' : withoutV(basic[2].trim());
    const v = version(versionText);
    switch (op) {
      case '<':
        return rangeSingle(below(v));
      case '<=':
        return rangeSingle(below(v, true));
      case '>':
        return rangeSingle(atLeast(v, false));
      case '>=':
        return rangeSingle(atLeast(v));
      case '!=':
        return { ranges: [below(v), atLeast(v, false)], clauses: [clause('!=', v)] };
      default:
        // `==`, `=`, no operator and (as poetry-core's parser does) `<>` all mean this exact version.
        return rangeSingle(exactly(v));
    }
  }
  throw new PoetryConstraintError(`Could not parse version constraint: ${text}`);
}

function complement(range: PoetryRange): PoetryRange[] {
  const parts: PoetryRange[] = [];
  if (range.min) parts.push({ min: null, max: { version: range.min.version, inclusive: !range.min.inclusive } });
  if (range.max) parts.push({ min: { version: range.max.version, inclusive: !range.max.inclusive }, max: null });
  return parts;
}

function clausesOfRange(range: PoetryRange): SpecifierClause[] {
  const { min, max } = range;
  if (min && max && min.inclusive && max.inclusive && compareVersions(min.version, max.version) === 0) {
    return [clause('==', min.version)];
  }
  const clauses: SpecifierClause[] = [];
  if (min) clauses.push(clause(min.inclusive ? '>=' : '>', min.version));
  if (max) clauses.push(clause(max.inclusive ? '<=' : '<', max.version));
  return clauses;
}

function compareLower(a: Bound | null, b: Bound | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  const order = compareVersions(a.version, b.version);
  if (order !== 0) return order;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
}

function compareUpper(a: Bound | null, b: Bound | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  const order = compareVersions(a.version, b.version);
  if (order !== 0) return order;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1;
}

function isEmptyRange({ min, max }: PoetryRange): boolean {
  if (!min || !max) return false;
  const order = compareVersions(min.version, max.version);
  return order > 0 || (order === 0 && !(min.inclusive && max.inclusive));
}

function intersectRanges(a: PoetryRange, b: PoetryRange): PoetryRange | null {
  const range = {
    min: compareLower(a.min, b.min) >= 0 ? a.min : b.min,
    max: compareUpper(a.max, b.max) <= 0 ? a.max : b.max,
  };
  return isEmptyRange(range) ? null : range;
}

function intersectUnions(a: PoetryRange[], b: PoetryRange[]): PoetryRange[] {
  const result: PoetryRange[] = [];
  for (const left of a) {
    for (const right of b) {
      const range = intersectRanges(left, right);
      if (range) result.push(range);
    }
  }
  return mergeRanges(result);
}

/** Whether `a` (ending first) touches or overlaps `b`. */
function touches(a: PoetryRange, b: PoetryRange): boolean {
  if (a.max === null || b.min === null) return true;
  const order = compareVersions(a.max.version, b.min.version);
  return order > 0 || (order === 0 && (a.max.inclusive || b.min.inclusive));
}

/** poetry-core `VersionUnion.of`: sort by lower bound, merge overlapping or adjacent ranges. */
export function mergeRanges(ranges: PoetryRange[]): PoetryRange[] {
  const sorted = [...ranges].sort((a, b) => compareLower(a.min, b.min));
  const merged: PoetryRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && touches(last, range)) {
      merged[merged.length - 1] = { min: last.min, max: compareUpper(last.max, range.max) >= 0 ? last.max : range.max };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/** poetry-core's and-separator: a comma or space not next to an operator or a `-`. */
const AND_SEPARATOR = /(?<!^)(?<![~=>< ,]) *(?<!-)[, ](?!-) *(?!,|$)/;

/** Parse a Poetry constraint (`^1.2 || ~2.0`, `>=1.2, <2.0`, `*`). Throws PoetryConstraintError. */
export function parsePoetryConstraint(text: string): PoetryConstraint {
  if (text.length > MAX_POETRY_CONSTRAINT_LENGTH)
    throw new PoetryConstraintError(`Version constraint is longer than ${MAX_POETRY_CONSTRAINT_LENGTH} characters`);
  if (text === '*') return { ranges: [ANY], alternatives: [[]], specifiers: [] };
  const ranges: PoetryRange[] = [];
  const alternatives: SpecifierClause[][] = [];
  for (const orPart of text.trim().split(/\s*\|\|?\s*/)) {
    const andText = orPart.replace(/,+$/, '').trimEnd();
    const singles = andText.split(AND_SEPARATOR).map(parseSingleConstraint);
    let groupRanges: PoetryRange[] = [ANY];
    for (const single of singles) groupRanges = intersectUnions(groupRanges, single.ranges);
    ranges.push(...groupRanges);
    alternatives.push(singles.flatMap((single) => single.clauses));
  }
  const merged = mergeRanges(ranges);
  return { ranges: merged, alternatives, specifiers: alternatives.length === 1 ? alternatives[0] : specifiersOfUnion(merged) };
}

/** One specifier set for a union when PEP 440 can say it: one range, or everything but one version. */
function specifiersOfUnion(ranges: PoetryRange[]): SpecifierClause[] | null {
  if (ranges.length === 1) return clausesOfRange(ranges[0]);
  if (ranges.length === 2) {
    const [low, high] = ranges;
    if (low.min === null && high.max === null && low.max && high.min && !low.max.inclusive && !high.min.inclusive) {
      if (compareVersions(low.max.version, high.min.version) === 0) return [clause('!=', low.max.version)];
    }
  }
  return null;
}

/** The loosest single specifier set containing every alternative (lowest lower bound, highest upper bound). */
export function hullSpecifiers(constraint: PoetryConstraint): SpecifierClause[] {
  if (constraint.ranges.length === 0) return constraint.alternatives[0] ?? [];
  const first = constraint.ranges[0];
  const last = constraint.ranges[constraint.ranges.length - 1];
  return clausesOfRange({ min: first.min, max: last.max });
}

/**
 * poetry-core `create_nested_marker("python_version", constraint)`: the marker Poetry
 * writes for a dependency's `python = "..."` restriction. Empty string for any version.
 */
export function pythonMarkerOfConstraint(constraint: PoetryConstraint): string {
  const { ranges } = constraint;
  if (ranges.length === 1 && ranges[0].min === null && ranges[0].max === null) return '';
  if (ranges.length === 0) return 'python_version < "0"';
  if (ranges.length === 1) return pythonMarkerOfRange(ranges[0]);
  return ranges.map((range) => `(${pythonMarkerOfRange(range)})`).join(' or ');
}

function precision(v: Version): number {
  return v.release.length;
}

function pythonMarkerOfRange(range: PoetryRange): string {
  const { min, max } = range;
  if (min && max && min.inclusive && max.inclusive && compareVersions(min.version, max.version) === 0) {
    const name = precision(min.version) >= 3 ? 'python_full_version' : 'python_version';
    return `${name} == "${min.version}"`;
  }
  const parts: string[] = [];
  if (min) {
    const name = precision(min.version) >= 3 ? 'python_full_version' : 'python_version';
    if (name === 'python_version' && !min.inclusive) {
      parts.push(`python_full_version > "${min.version}${'.0'.repeat(3 - precision(min.version))}"`);
    } else {
      parts.push(`${name} ${min.inclusive ? '>=' : '>'} "${min.version}"`);
    }
  }
  if (max) {
    const name = precision(max.version) >= 3 ? 'python_full_version' : 'python_version';
    if (name === 'python_version' && max.inclusive) {
      parts.push(`python_full_version <= "${max.version}${'.0'.repeat(3 - precision(max.version))}"`);
    } else {
      parts.push(`${name} ${max.inclusive ? '<=' : '<'} "${max.version}"`);
    }
  }
  return parts.join(' and ');
}
