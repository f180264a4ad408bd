/**
 * Interval reasoning over PEP 440 specifier sets: is any version allowed at all, is any
 * version at or above V allowed, and which one.
 *
 * The version line is not the real line. Between two versions there is usually an
 * infinity of others (`1.0 < 1.0.0.0.1 < 1.0.0.1`, `1.0+a < 1.0+a.x < 1.0+b`), but some
 * versions do have an immediate successor: nothing lies between `1.0.dev0+anything`
 * and `1.0.dev1`, or between `1.0rc1.post99…` and `1.0rc2.dev0`. packaging's own
 * `is_unsatisfiable()` assumes density everywhere, so it calls `>1.0rc1,<1.0rc2.dev0` or
 * `>1.0,<=1.0.post1` satisfiable; these answers are exact instead:
 *
 * - Points are real versions or cuts. A cut sits just above every version whose sort key
 *   starts like a given version's key: up to the whole public version (`<=1.0` ends at the
 *   cut above `1.0` and all its `+local` variants) or up to the pre-release (`>1.0` starts at
 *   the cut above `1.0`, `1.0+local` and every `1.0.postN`).
 * - Every lower bound is normalised so that the set just above it is either dense or
 *   starts at a real version: an exclusive cut whose family has an immediate successor
 *   becomes an inclusive bound at that successor (`1.0.dev1` after the `1.0.dev0` family,
 *   `1.0.post0.dev0` after `1.0`, `1.0rc2.dev0` after every `1.0rc1.postN`).
 * - Nothing has an immediate predecessor, so upper bounds need no such care.
 *
 * With that, "is the range empty" is a comparison, and every non-empty range yields a
 * concrete witness version, which the tests feed back through `contains`.
 *
 * A set is the intersection of single intervals (`>=`, `<`, `==`, `~=`, …) minus holes
 * (`!=`), computed with one sort and one sweep, so thousands of clauses stay cheap.
 */

import type { SpecifierClause } from '../types';
import { type PrefixPattern } from './prefix-match';
import {
  MAX_PYTHON_INT_DIGITS,
  MIN_VERSION,
  comparePublicVersions,
  compareReleaseAndPre,
  compareVersions,
  parseVersion,
  pyIntAdd,
  pyIntFromDigits,
  type LocalSegment,
  type PreReleaseLetter,
  type PyInt,
  Version,
} from './version';

/** What the interval logic needs from a clause (structurally satisfied by `Specifier`). */
export interface RangeSpecifier {
  readonly operator: SpecifierClause['operator'];
  readonly version: string;
  readonly isWildcard: boolean;
  readonly parsedVersion: Version | null;
  readonly prefix: PrefixPattern | null;
  matchesVersion(version: Version): boolean;
}

/** What the interval logic needs from a set (structurally satisfied by `SpecifierSet`). */
export interface RangeSpecifierSet {
  readonly specifiers: readonly RangeSpecifier[];
  readonly explicitPrereleases: boolean | null;
}

export interface RangeOptions {
  /** Whether pre-releases count (default: the set's own setting, else true). */
  prereleases?: boolean;
}

/** How much of a version's sort key a cut shares: the public version, or only epoch/release/pre-release. */
type CutDepth = 'public' | 'pre';

type Point = { kind: 'version'; version: Version } | { kind: 'cut'; version: Version; depth: CutDepth };

/** A lower bound; null point means unbounded. Normalised: see `normalizeLower`. */
interface Lower {
  point: Point | null;
  inclusive: boolean;
}

interface Upper {
  point: Point | null;
  inclusive: boolean;
}

interface Interval {
  lower: Lower;
  upper: Upper;
}

const UNBOUNDED_BELOW: Lower = { point: null, inclusive: false };
const UNBOUNDED_ABOVE: Upper = { point: null, inclusive: false };
const FULL: Interval = { lower: UNBOUNDED_BELOW, upper: UNBOUNDED_ABOVE };

function at(version: Version): Point {
  return { kind: 'version', version };
}

function cut(version: Version, depth: CutDepth): Point {
  return { kind: 'cut', version, depth };
}

/** Length of the sort-key prefix a point fixes: 9 for a real version (including local), 8 or 4 for cuts. */
function keyLength(point: Point): number {
  if (point.kind === 'version') return 9;
  return point.depth === 'public' ? 8 : 4;
}

function compareKeyPrefix(a: Version, b: Version, length: number): number {
  if (length === 9) return compareVersions(a, b);
  if (length === 8) return comparePublicVersions(a, b);
  return compareReleaseAndPre(a, b);
}

/** Total order on points: a cut is above everything that shares its key prefix. */
function comparePoints(a: Point, b: Point): number {
  const lengthA = keyLength(a);
  const lengthB = keyLength(b);
  const shared = compareKeyPrefix(a.version, b.version, Math.min(lengthA, lengthB));
  if (shared !== 0) return shared;
  if (lengthA === lengthB) return 0;
  return lengthA < lengthB ? 1 : -1;
}

/** The first version after every version sharing `version`'s public part. */
function successorOfPublicFamily(version: Version): Version {
  if (version.dev !== null) return version.with({ dev: pyIntAdd(version.dev, 1), localSegments: null });
  if (version.post !== null) return version.with({ post: pyIntAdd(version.post, 1), dev: 0, localSegments: null });
  return version.with({ post: 0, dev: 0, localSegments: null });
}

/**
 * Rewrite a lower bound so that the versions just above it are either dense or start at
 * an inclusive real version (see the module comment).
 */
function normalizeLower(lower: Lower): Lower {
  const point = lower.point;
  if (point === null || point.kind === 'version') return lower;
  if (point.depth === 'public') return { point: at(successorOfPublicFamily(point.version)), inclusive: true };
  const pre = point.version.pre;
  if (pre !== null) {
    const next = point.version.with({ pre: [pre[0], pyIntAdd(pre[1], 1)], post: null, dev: 0, localSegments: null });
    return { point: at(next), inclusive: true };
  }
  return lower;
}

function lowerBound(point: Point, inclusive: boolean): Lower {
  return normalizeLower({ point, inclusive });
}

function compareLowers(a: Lower, b: Lower): number {
  if (a.point === null) return b.point === null ? 0 : -1;
  if (b.point === null) return 1;
  const order = comparePoints(a.point, b.point);
  if (order !== 0) return order;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? -1 : 1;
}

function compareUppers(a: Upper, b: Upper): number {
  if (a.point === null) return b.point === null ? 0 : 1;
  if (b.point === null) return -1;
  const order = comparePoints(a.point, b.point);
  if (order !== 0) return order;
  return a.inclusive === b.inclusive ? 0 : a.inclusive ? 1 : -1;
}

/** Whether a real version lies at or below an upper bound. */
function isBelowUpper(version: Version, upper: Upper): boolean {
  if (upper.point === null) return true;
  const order = comparePoints(at(version), upper.point);
  return order < 0 || (order === 0 && upper.inclusive);
}

function isEmpty(interval: Interval): boolean {
  const { lower, upper } = interval;
  if (upper.point === null) return false;
  if (lower.point === null) return !isBelowUpper(MIN_VERSION, upper);
  if (lower.point.kind === 'version' && lower.inclusive) return !isBelowUpper(lower.point.version, upper);
  // Exclusive lower bounds left after normalisation have versions densely above them.
  return comparePoints(lower.point, upper.point) >= 0;
}

function intersect(a: Interval, b: Interval): Interval {
  return {
    lower: compareLowers(a.lower, b.lower) >= 0 ? a.lower : b.lower,
    upper: compareUppers(a.upper, b.upper) <= 0 ? a.upper : b.upper,
  };
}

/** A clause as interval logic sees it: allowed interval, excluded hole, or nothing at all. */
type ClauseShape = { kind: 'interval'; interval: Interval } | { kind: 'hole'; hole: Interval } | { kind: 'nothing' } | { kind: 'everything' };

const CANONICAL_NUMBER = /^(?:0|[1-9][0-9]*)$/;
const SUFFIX_PART = /^(?:(a|b|rc)|(post)|(dev))(0|[1-9][0-9]*)$/;

function canonicalNumber(text: string): PyInt | null {
  return CANONICAL_NUMBER.test(text) && text.length <= MAX_PYTHON_INT_DIGITS ? pyIntFromDigits(text) : null;
}

interface PrefixSuffix {
  pre: readonly [PreReleaseLetter, PyInt] | null;
  post: PyInt | null;
  dev: PyInt | null;
}

/** Parse the non-numeric tail of a prefix pattern (`rc1`, `post2`, `dev3`, in that order), or null if it is anything else. */
function parsePrefixSuffix(parts: readonly string[]): PrefixSuffix | null {
  const suffix: { pre: readonly [PreReleaseLetter, PyInt] | null; post: PyInt | null; dev: PyInt | null } = {
    pre: null,
    post: null,
    dev: null,
  };
  let stage = 0;
  for (const part of parts) {
    const match = SUFFIX_PART.exec(part);
    if (match === null || match[4].length > MAX_PYTHON_INT_DIGITS) return null;
    const number = pyIntFromDigits(match[4]);
    const partStage = match[1] !== undefined ? 1 : match[2] !== undefined ? 2 : 3;
    if (partStage <= stage) return null;
    stage = partStage;
    if (partStage === 1) suffix.pre = [match[1] as PreReleaseLetter, number];
    else if (partStage === 2) suffix.post = number;
    else suffix.dev = number;
  }
  return suffix;
}

/**
 * The versions packaging's prefix match accepts, as one interval (or null for none).
 * Exact up to version equality: packaging compares strings, so `1.0.0rc1` and `1.0rc1`
 * (equal versions) can be treated differently; a class counts when any spelling matches.
 */
function prefixInterval(pattern: PrefixPattern): Interval | null {
  const { parts, numericLength } = pattern;
  if (numericLength === 0) return null;
  const numbers: PyInt[] = [];
  for (const part of parts.slice(0, numericLength)) {
    const number = canonicalNumber(part);
    if (number === null) return null;
    numbers.push(number);
  }
  const epoch = numbers[0];
  const release = numbers.slice(1);

  if (numericLength === parts.length) {
    if (release.length === 0) {
      return {
        lower: lowerBound(at(Version.fromParts({ epoch, release: [0], dev: 0 })), true),
        upper: { point: at(Version.fromParts({ epoch: pyIntAdd(epoch, 1), release: [0], dev: 0 })), inclusive: false },
      };
    }
    const next = [...release.slice(0, -1), pyIntAdd(release[release.length - 1], 1)];
    return {
      lower: lowerBound(at(Version.fromParts({ epoch, release, dev: 0 })), true),
      upper: { point: at(Version.fromParts({ epoch, release: next, dev: 0 })), inclusive: false },
    };
  }

  // A non-numeric part follows: the candidate's release may not be longer than the
  // pattern's, and its pre/post/dev parts must start with the pattern's.
  if (release.length === 0) return null;
  const suffix = parsePrefixSuffix(parts.slice(numericLength));
  if (suffix === null) return null;
  const base = Version.fromParts({ epoch, release });
  const { pre, post, dev } = suffix;
  if (dev !== null) {
    const exact = base.with({ pre, post, dev });
    return { lower: lowerBound(at(exact), true), upper: { point: cut(exact, 'public'), inclusive: true } };
  }
  if (post !== null) {
    return {
      lower: lowerBound(at(base.with({ pre, post, dev: 0 })), true),
      upper: { point: at(base.with({ pre, post: pyIntAdd(post, 1), dev: 0 })), inclusive: false },
    };
  }
  const preOnly = base.with({ pre });
  return {
    lower: lowerBound(at(preOnly.with({ dev: 0 })), true),
    upper: { point: cut(preOnly, 'pre'), inclusive: false },
  };
}

function complementAsHole(interval: Interval | null): ClauseShape {
  return interval === null ? { kind: 'everything' } : { kind: 'hole', hole: interval };
}

function allowedAbove(version: Version, inclusive: boolean): Interval {
  return { lower: lowerBound(at(version), inclusive), upper: UNBOUNDED_ABOVE };
}

/** Translate one clause into interval form (PEP 440 semantics as packaging implements them). */
function clauseShape(specifier: RangeSpecifier): ClauseShape {
  if (specifier.operator === '===') return { kind: 'everything' };
  const spec = specifier.parsedVersion as Version;
  switch (specifier.operator) {
    case '>=':
      return { kind: 'interval', interval: allowedAbove(spec, true) };
    case '<=':
      return { kind: 'interval', interval: { lower: UNBOUNDED_BELOW, upper: { point: cut(spec, 'public'), inclusive: true } } };
    case '>': {
      if (spec.dev !== null) {
        return { kind: 'interval', interval: allowedAbove(spec.with({ dev: pyIntAdd(spec.dev, 1), localSegments: null }), true) };
      }
      if (spec.post !== null) {
        const next = spec.with({ post: pyIntAdd(spec.post, 1), dev: 0, localSegments: null });
        return { kind: 'interval', interval: allowedAbove(next, true) };
      }
      // Above V, every V+local and every V.postN.
      return { kind: 'interval', interval: { lower: lowerBound(cut(spec, 'pre'), false), upper: UNBOUNDED_ABOVE } };
    }
    case '<': {
      // Below V, and below every pre-release of V unless V is one.
      const bound = spec.isPrerelease ? spec : spec.with({ dev: 0, localSegments: null });
      return { kind: 'interval', interval: { lower: UNBOUNDED_BELOW, upper: { point: at(bound), inclusive: false } } };
    }
    case '==': {
      if (specifier.isWildcard) {
        const interval = prefixInterval(specifier.prefix as PrefixPattern);
        return interval === null ? { kind: 'nothing' } : { kind: 'interval', interval };
      }
      return { kind: 'interval', interval: exactInterval(spec) };
    }
    case '!=':
      if (specifier.isWildcard) return complementAsHole(prefixInterval(specifier.prefix as PrefixPattern));
      return { kind: 'hole', hole: exactInterval(spec) };
    case '~=': {
      const prefix = prefixInterval(specifier.prefix as PrefixPattern);
      if (prefix === null) return { kind: 'nothing' };
      return { kind: 'interval', interval: intersect(prefix, allowedAbove(spec, true)) };
    }
  }
}

/** `==V`: V and all its local variants, or exactly V when V has a local label. */
function exactInterval(spec: Version): Interval {
  const upper: Upper = spec.localSegments === null ? { point: cut(spec, 'public'), inclusive: true } : { point: at(spec), inclusive: true };
  return { lower: lowerBound(at(spec), true), upper };
}

/** Lower bound that starts right after a hole ends. */
function lowerAfter(upper: Upper): Lower | null {
  if (upper.point === null) return null;
  return lowerBound(upper.point, !upper.inclusive);
}

/** Upper bound that ends right before a hole starts. */
function upperBefore(lower: Lower): Upper | null {
  if (lower.point === null) return null;
  return { point: lower.point, inclusive: !lower.inclusive };
}

/** The allowed versions of the standard (non-`===`) clauses, as sorted disjoint non-empty intervals. */
function allowedIntervals(specifiers: readonly RangeSpecifier[], extra: Interval | null): Interval[] {
  let allowed: Interval = extra ?? FULL;
  const holes: Interval[] = [];
  for (const specifier of specifiers) {
    const shape = clauseShape(specifier);
    if (shape.kind === 'nothing') return [];
    if (shape.kind === 'interval') allowed = intersect(allowed, shape.interval);
    else if (shape.kind === 'hole') holes.push(shape.hole);
  }
  if (isEmpty(allowed)) return [];
  holes.sort((a, b) => compareLowers(a.lower, b.lower));

  const pieces: Interval[] = [];
  let current: Lower | null = allowed.lower;
  for (const hole of holes) {
    if (current === null) break;
    const end = upperBefore(hole.lower);
    if (end !== null) {
      const piece = intersect({ lower: current, upper: end }, allowed);
      if (!isEmpty(piece)) pieces.push(piece);
    }
    const after = lowerAfter(hole.upper);
    if (after === null) current = null;
    else if (compareLowers(after, current) > 0) current = after;
  }
  if (current !== null) {
    const last = intersect({ lower: current, upper: allowed.upper }, allowed);
    if (!isEmpty(last)) pieces.push(last);
  }
  return pieces;
}

/** The smallest version that is not a pre-release and is not below `version`. */
function nearestNonPrerelease(version: Version): Version {
  if (!version.isPrerelease) return version;
  if (version.pre !== null) return version.with({ pre: null, post: null, dev: null, localSegments: null });
  return version.with({ dev: null, localSegments: null });
}

function localSegmentBelow(next: LocalSegment | undefined): LocalSegment {
  // Text segments sort before numbers; "0"+s sorts just before s.
  return typeof next === 'string' ? `0${next}` : 'a';
}

/** Some version inside a non-empty interval (a non-pre-release one when asked), or null. */
function witnessIn(interval: Interval, allowPrereleases: boolean): Version | null {
  const { lower, upper } = interval;
  let candidate: Version;
  if (lower.point === null) {
    candidate = allowPrereleases ? MIN_VERSION : Version.fromParts({ release: [0] });
  } else if (lower.point.kind === 'version' && lower.inclusive) {
    candidate = allowPrereleases ? lower.point.version : nearestNonPrerelease(lower.point.version);
  } else if (lower.point.kind === 'cut') {
    // Above every X.postN of a final X: X.0…0.1 with more zeros than the upper bound has release parts.
    const zeros = upper.point === null ? 1 : upper.point.version.release.length + 1;
    const base = lower.point.version;
    candidate = Version.fromParts({ epoch: base.epoch, release: [...base.release, ...new Array<number>(zeros).fill(0), 1] });
  } else {
    const base = lower.point.version;
    const ownLocal = base.localSegments ?? [];
    let next: LocalSegment | undefined;
    if (upper.point !== null && upper.point.kind === 'version' && comparePublicVersions(upper.point.version, base) === 0) {
      const upperLocal = upper.point.version.localSegments ?? [];
      const extendsOwn = upperLocal.length > ownLocal.length && ownLocal.every((segment, i) => segment === upperLocal[i]);
      if (extendsOwn) next = upperLocal[ownLocal.length];
    }
    candidate = base.with({ localSegments: [...ownLocal, localSegmentBelow(next)] });
    if (!allowPrereleases && candidate.isPrerelease) {
      candidate = nearestNonPrerelease(successorOfPublicFamily(base));
    }
  }
  return isBelowUpper(candidate, upper) ? candidate : null;
}

function effectivePrereleases(set: RangeSpecifierSet, options: RangeOptions): boolean {
  return options.prereleases ?? set.explicitPrereleases ?? true;
}

/** The `===` clauses' only possible candidates; `texts` is empty when they disagree with each other. */
function arbitraryCandidates(specifiers: readonly RangeSpecifier[]): { texts: string[]; versions: Version[] } | null {
  const arbitrary = specifiers.filter((specifier) => specifier.operator === '===');
  if (arbitrary.length === 0) return null;
  const lowered = arbitrary[0].version.toLowerCase();
  if (arbitrary.some((specifier) => specifier.version.toLowerCase() !== lowered)) return { texts: [], versions: [] };
  // Any string equal to the === text ignoring case matches it; at most these two spellings parse.
  const versions: Version[] = [];
  for (const text of [arbitrary[0].version, lowered]) {
    const parsed = parseVersion(text);
    if (parsed !== null && !versions.some((known) => compareVersions(known, parsed) === 0)) versions.push(parsed);
  }
  return { texts: [arbitrary[0].version], versions };
}

/**
 * Some version the set contains at or above `atOrAbove` (pre-releases allowed unless
 * asked otherwise), or null when there is none. Texts that are not versions never count.
 */
export function findAllowedVersion(set: RangeSpecifierSet, options: RangeOptions & { atOrAbove?: Version | string } = {}): Version | null {
  const allowPrereleases = effectivePrereleases(set, options);
  const floor = options.atOrAbove === undefined ? null : typeof options.atOrAbove === 'string' ? parseVersion(options.atOrAbove) : options.atOrAbove;
  if (options.atOrAbove !== undefined && floor === null) return null;

  const standard = set.specifiers.filter((specifier) => specifier.operator !== '===');
  const arbitrary = arbitraryCandidates(set.specifiers);
  if (arbitrary !== null) {
    return (
      arbitrary.versions.find(
        (candidate) =>
          (allowPrereleases || !candidate.isPrerelease) &&
          (floor === null || compareVersions(candidate, floor) >= 0) &&
          standard.every((specifier) => specifier.matchesVersion(candidate)),
      ) ?? null
    );
  }
  const pieces = allowedIntervals(standard, floor === null ? null : allowedAbove(floor, true));
  for (const piece of pieces) {
    const witness = witnessIn(piece, allowPrereleases);
    if (witness !== null) return spellingThatMatches(witness, standard);
  }
  return null;
}

/**
 * Prefer a spelling of the witness that packaging's text-based prefix match accepts:
 * intervals hold equal versions together, but `~=1.0.RC1`-style prefixes accept `1.0rc1`
 * and not the equal `1.0.0rc1`, and the shortest release spelling is the one that fits.
 */
function spellingThatMatches(witness: Version, standard: readonly RangeSpecifier[]): Version {
  if (standard.every((specifier) => specifier.matchesVersion(witness))) return witness;
  let end = witness.release.length;
  while (end > 1 && witness.release[end - 1] === 0) end--;
  const shortest = witness.with({ release: witness.release.slice(0, end) });
  return standard.every((specifier) => specifier.matchesVersion(shortest)) ? shortest : witness;
}

/**
 * Whether the set contains any version at all (pre-releases allowed by default), e.g.
 * false for `>=2,<1`, `==1.0,!=1.0` or `>1.0,<=1.0.post1`. A set of `===` clauses
 * whose text is not a version is satisfiable by that very text.
 */
export function isSatisfiable(set: RangeSpecifierSet, options: RangeOptions = {}): boolean {
  const arbitrary = arbitraryCandidates(set.specifiers);
  if (arbitrary !== null && arbitrary.texts.length > 0 && arbitrary.versions.length === 0) {
    return set.specifiers.every((specifier) => specifier.operator === '===');
  }
  return findAllowedVersion(set, options) !== null;
}

/**
 * Whether the set contains some version >= `version` (pre-releases allowed by default).
 * False means every allowed version is older: a downgrade.
 */
export function allowsVersionAtOrAbove(set: RangeSpecifierSet, version: Version | string, options: RangeOptions = {}): boolean {
  return findAllowedVersion(set, { ...options, atOrAbove: version }) !== null;
}
