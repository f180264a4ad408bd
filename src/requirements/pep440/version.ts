/**
 * PEP 440 versions with exactly the answers of Python's `packaging.version` 26.x:
 * which strings are versions, their normalised text, and their ordering.
 *
 * Numbers: packaging uses Python ints, which have no upper bound. Every number here
 * (epoch, release parts, pre/post/dev numbers, numeric local segments) is a JS `number`
 * when it fits in Number.MAX_SAFE_INTEGER and a `bigint` otherwise (`PyInt`). The two are
 * never mixed for the same value, so `===` is exact, and `<`/`>` compare them correctly
 * across types. Python refuses to convert digit strings longer than 4,300 characters
 * (ValueError, not InvalidVersion); such versions are treated as invalid here.
 */

import { BoundedCache, MAX_CACHED_KEY_LENGTH } from './bounded-cache';
import { scanWholeVersion, type ScannedVersion } from './grammar';
import { pythonRepr } from './python-text';

/** A Python int: a number while it is exact as a double, a bigint beyond that. */
export type PyInt = number | bigint;
export type PreReleaseLetter = 'a' | 'b' | 'rc';
export type LocalSegment = string | PyInt;

/** Python's default `sys.int_info.str_digits_check_threshold`-driven limit (int() of longer digit strings raises). */
export const MAX_PYTHON_INT_DIGITS = 4300;

const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

export class InvalidVersionError extends Error {
  constructor(readonly input: string) {
    super(`Invalid version: ${pythonRepr(input)}`);
    this.name = 'InvalidVersionError';
  }
}

/** Digit string to PyInt; the caller has checked it is 1..4300 ASCII digits. */
export function pyIntFromDigits(digits: string): PyInt {
  if (digits.length <= 15) return Number(digits);
  const big = BigInt(digits);
  return big <= MAX_SAFE_BIGINT ? Number(big) : big;
}

/** PyInt arithmetic that stays exact past 2^53. */
export function pyIntAdd(value: PyInt, increment: number): PyInt {
  if (typeof value === 'bigint') return value + BigInt(increment);
  const sum = value + increment;
  return Number.isSafeInteger(sum) ? sum : BigInt(value) + BigInt(increment);
}

/** The canonical representation of a PyInt: a number whenever it is exact, so `===` works. */
function exactPyInt(value: PyInt): PyInt {
  return typeof value === 'bigint' && value <= MAX_SAFE_BIGINT && value >= -MAX_SAFE_BIGINT ? Number(value) : value;
}

export function comparePyInts(a: PyInt, b: PyInt): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const PRE_LETTER_NORMALIZATION: Record<string, PreReleaseLetter> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

// Sort ranks of packaging's _cmpkey: dev-only < a < b < rc < no pre-release.
const PRE_RANK: Record<PreReleaseLetter, number> = { a: 0, b: 1, rc: 2 };
const PRE_RANK_DEV_ONLY = -1;
const PRE_RANK_STABLE = 3;

export interface VersionParts {
  epoch?: PyInt;
  release: readonly PyInt[];
  pre?: readonly [PreReleaseLetter, PyInt] | null;
  post?: PyInt | null;
  dev?: PyInt | null;
  localSegments?: readonly LocalSegment[] | null;
}

export class Version {
  readonly epoch: PyInt;
  /** Release numbers as written (trailing zeros kept: `1.0.0` has three). */
  readonly release: readonly PyInt[];
  readonly pre: readonly [PreReleaseLetter, PyInt] | null;
  readonly post: PyInt | null;
  readonly dev: PyInt | null;
  /** Local label split on `.`/`-`/`_`: lower-case strings and numbers, or null. */
  readonly localSegments: readonly LocalSegment[] | null;

  // Precomputed pieces of packaging's _cmpkey, so comparing allocates nothing.
  /** @internal */ readonly trimmedReleaseLength: number;
  /** @internal */ readonly preRank: number;
  /** @internal */ readonly preNumber: PyInt;
  /** @internal */ readonly postRank: number;
  /** @internal */ readonly postNumber: PyInt;
  /** @internal */ readonly devRank: number;
  /** @internal */ readonly devNumber: PyInt;

  private text: string | undefined;

  private constructor(parts: VersionParts) {
    this.epoch = exactPyInt(parts.epoch ?? 0);
    this.release = parts.release.length === 0 ? [0] : parts.release.some((n) => typeof n === 'bigint') ? parts.release.map(exactPyInt) : parts.release;
    this.pre = parts.pre ? [parts.pre[0], exactPyInt(parts.pre[1])] : null;
    this.post = parts.post === null || parts.post === undefined ? null : exactPyInt(parts.post);
    this.dev = parts.dev === null || parts.dev === undefined ? null : exactPyInt(parts.dev);
    this.localSegments = parts.localSegments && parts.localSegments.length > 0 ? parts.localSegments : null;

    let trimmed = this.release.length;
    while (trimmed > 0 && this.release[trimmed - 1] === 0) trimmed--;
    this.trimmedReleaseLength = trimmed;

    if (this.pre === null && this.post === null && this.dev !== null) {
      this.preRank = PRE_RANK_DEV_ONLY;
      this.preNumber = 0;
    } else if (this.pre === null) {
      this.preRank = PRE_RANK_STABLE;
      this.preNumber = 0;
    } else {
      this.preRank = PRE_RANK[this.pre[0]];
      this.preNumber = this.pre[1];
    }
    this.postRank = this.post === null ? 0 : 1;
    this.postNumber = this.post ?? 0;
    this.devRank = this.dev === null ? 1 : 0;
    this.devNumber = this.dev ?? 0;
  }

  /** Parse like `packaging.version.Version(text)`; throws InvalidVersionError. */
  static parse(text: string): Version {
    const version = parseVersion(text);
    if (version === null) throw new InvalidVersionError(text);
    return version;
  }

  /** Build a version from its parts (packaging's `Version.from_parts`). */
  static fromParts(parts: VersionParts): Version {
    return new Version(parts);
  }

  /** A copy with some parts replaced (packaging's `__replace__`); `null` clears a part. */
  with(changes: Partial<VersionParts>): Version {
    return new Version({
      epoch: 'epoch' in changes ? changes.epoch : this.epoch,
      release: changes.release ?? this.release,
      pre: 'pre' in changes ? changes.pre : this.pre,
      post: 'post' in changes ? changes.post : this.post,
      dev: 'dev' in changes ? changes.dev : this.dev,
      localSegments: 'localSegments' in changes ? changes.localSegments : this.localSegments,
    });
  }

  /** The local label as packaging prints it (`abc.1`), or null. */
  get local(): string | null {
    return this.localSegments === null ? null : this.localSegments.map(String).join('.');
  }

  get isPrerelease(): boolean {
    return this.dev !== null || this.pre !== null;
  }

  get isPostrelease(): boolean {
    return this.post !== null;
  }

  get isDevrelease(): boolean {
    return this.dev !== null;
  }

  /** `epoch!release` without pre/post/dev/local (packaging's `base_version`). */
  get baseVersion(): string {
    const release = this.release.join('.');
    return this.epoch !== 0 ? `${this.epoch}!${release}` : release;
  }

  /** The normalised text without the local label. */
  get public(): string {
    const text = this.toString();
    const plus = text.indexOf('+');
    return plus < 0 ? text : text.slice(0, plus);
  }

  get major(): number {
    return Number(this.release[0] ?? 0);
  }

  get minor(): number {
    return Number(this.release[1] ?? 0);
  }

  get micro(): number {
    return Number(this.release[2] ?? 0);
  }

  /** This version without its local label (itself when it has none). */
  withoutLocal(): Version {
    return this.localSegments === null ? this : this.with({ localSegments: null });
  }

  /** Normalised text, as `str(Version(...))`. */
  toString(): string {
    if (this.text !== undefined) return this.text;
    let text = this.release.join('.');
    if (this.epoch !== 0) text = `${this.epoch}!${text}`;
    if (this.pre !== null) text += `${this.pre[0]}${this.pre[1]}`;
    if (this.post !== null) text += `.post${this.post}`;
    if (this.dev !== null) text += `.dev${this.dev}`;
    if (this.localSegments !== null) text += `+${this.local}`;
    this.text = text;
    return text;
  }

  compare(other: Version): number {
    return compareVersions(this, other);
  }

  equals(other: Version): boolean {
    return compareVersions(this, other) === 0;
  }
}

function compareLocalSegments(a: readonly LocalSegment[], b: readonly LocalSegment[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    const xIsText = typeof x === 'string';
    const yIsText = typeof y === 'string';
    // PEP 440: alphanumeric segments sort before numeric ones.
    if (xIsText !== yIsText) return xIsText ? -1 : 1;
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Ordering by epoch, release (trailing zeros ignored) and pre-release rank/number only:
 * the first four parts of packaging's sort key. Dev-only versions rank below alphas.
 */
export function compareReleaseAndPre(a: Version, b: Version): number {
  if (a === b) return 0;
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const length = Math.min(a.trimmedReleaseLength, b.trimmedReleaseLength);
  for (let i = 0; i < length; i++) {
    const x = a.release[i];
    const y = b.release[i];
    if (x !== y) return x < y ? -1 : 1;
  }
  if (a.trimmedReleaseLength !== b.trimmedReleaseLength) {
    return a.trimmedReleaseLength < b.trimmedReleaseLength ? -1 : 1;
  }
  if (a.preRank !== b.preRank) return a.preRank < b.preRank ? -1 : 1;
  if (a.preNumber !== b.preNumber) return a.preNumber < b.preNumber ? -1 : 1;
  return 0;
}

/** Ordering of everything but the local label: epoch, release without trailing zeros, then pre/post/dev ranks. */
export function comparePublicVersions(a: Version, b: Version): number {
  const head = compareReleaseAndPre(a, b);
  if (head !== 0) return head;
  if (a.postRank !== b.postRank) return a.postRank < b.postRank ? -1 : 1;
  if (a.postNumber !== b.postNumber) return a.postNumber < b.postNumber ? -1 : 1;
  if (a.devRank !== b.devRank) return a.devRank < b.devRank ? -1 : 1;
  if (a.devNumber !== b.devNumber) return a.devNumber < b.devNumber ? -1 : 1;
  return 0;
}

/** packaging's ordering (`_cmpkey`): negative, zero or positive. A version without a local label sorts first. */
export function compareVersions(a: Version, b: Version): number {
  const publicOrder = comparePublicVersions(a, b);
  if (publicOrder !== 0) return publicOrder;
  if (a.localSegments === null) return b.localSegments === null ? 0 : -1;
  if (b.localSegments === null) return 1;
  return compareLocalSegments(a.localSegments, b.localSegments);
}

/** The smallest PEP 440 version; nothing sorts below it. */
export const MIN_VERSION: Version = Version.fromParts({ release: [0], dev: 0 });

function digitsFit(digits: string | null): boolean {
  return digits === null || digits.length <= MAX_PYTHON_INT_DIGITS;
}

function isAllDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** `abc.1-X_02` → ['abc', 1, 'x', 2]; null when a number is too long for Python's int(). */
function parseLocalSegments(local: string): LocalSegment[] | null {
  const segments: LocalSegment[] = [];
  let start = 0;
  for (let i = 0; i <= local.length; i++) {
    const code = i < local.length ? local.charCodeAt(i) : 0x2e;
    if (code !== 0x2e && code !== 0x2d && code !== 0x5f) continue;
    const part = local.slice(start, i);
    if (isAllDigits(part)) {
      if (part.length > MAX_PYTHON_INT_DIGITS) return null;
      segments.push(pyIntFromDigits(part));
    } else {
      segments.push(part.toLowerCase());
    }
    start = i + 1;
  }
  return segments;
}

function versionFromScan(scanned: ScannedVersion): Version | null {
  if (!digitsFit(scanned.epoch) || !digitsFit(scanned.preNumber)) return null;
  if (!digitsFit(scanned.postNumber) || !digitsFit(scanned.devNumber)) return null;
  const release: PyInt[] = [];
  for (const part of scanned.release) {
    if (part.length > MAX_PYTHON_INT_DIGITS) return null;
    release.push(pyIntFromDigits(part));
  }
  let localSegments: LocalSegment[] | null = null;
  if (scanned.local !== null) {
    localSegments = parseLocalSegments(scanned.local);
    if (localSegments === null) return null;
  }
  return Version.fromParts({
    epoch: scanned.epoch === null ? 0 : pyIntFromDigits(scanned.epoch),
    release,
    pre: scanned.preLetter === null ? null : [PRE_LETTER_NORMALIZATION[scanned.preLetter], scanned.preNumber === null ? 0 : pyIntFromDigits(scanned.preNumber)],
    post: scanned.hasPost ? (scanned.postNumber === null ? 0 : pyIntFromDigits(scanned.postNumber)) : null,
    dev: scanned.hasDev ? (scanned.devNumber === null ? 0 : pyIntFromDigits(scanned.devNumber)) : null,
    localSegments,
  });
}

/** packaging's fast path: digits and dots only. */
function parseDottedDigits(text: string): Version | null {
  const release: PyInt[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 0x2e) continue;
    if (i === start || i - start > MAX_PYTHON_INT_DIGITS) return null;
    release.push(pyIntFromDigits(text.slice(start, i)));
    start = i + 1;
  }
  return Version.fromParts({ release });
}

const DOTTED_DIGITS = /^[0-9.]*$/;

function parseVersionUncached(text: string): Version | null {
  if (DOTTED_DIGITS.test(text)) return parseDottedDigits(text);
  const scanned = scanWholeVersion(text, 'version');
  return scanned === null ? null : versionFromScan(scanned);
}

const versionCache = new BoundedCache<string, Version | null>(1024);

/** Parse like `packaging.version.Version(text)`; null where packaging raises. */
export function parseVersion(text: string): Version | null {
  if (text.length > MAX_CACHED_KEY_LENGTH) return parseVersionUncached(text);
  const cached = versionCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parseVersionUncached(text);
  versionCache.set(text, parsed);
  return parsed;
}

/** `str(Version(text))`, or null when the text is not a version. */
export function normalizeVersion(text: string): string | null {
  return parseVersion(text)?.toString() ?? null;
}

/** Release without trailing zeros, keeping at least one number (packaging's `_TrimmedRelease`). */
function trimmedRelease(version: Version): readonly PyInt[] {
  let end = version.release.length;
  while (end > 1 && version.release[end - 1] === 0) end--;
  return end === version.release.length ? version.release : version.release.slice(0, end);
}

/**
 * packaging.utils.canonicalize_version: normalised text, by default with trailing zeros
 * of the release removed (`1.0.0` → `1`). Invalid version strings come back unchanged.
 */
export function canonicalizeVersion(version: Version | string, options: { stripTrailingZero?: boolean } = {}): string {
  const parsed = typeof version === 'string' ? parseVersion(version) : version;
  if (parsed === null) return version as string;
  if (options.stripTrailingZero === false) return parsed.toString();
  const release = trimmedRelease(parsed);
  return release === parsed.release ? parsed.toString() : parsed.with({ release }).toString();
}
