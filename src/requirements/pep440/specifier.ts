/**
 * PEP 440 version specifiers with exactly the answers of Python's
 * `packaging.specifiers` 26.x: which texts are specifiers, how they print, and which
 * versions they contain, including packaging's default pre-release handling.
 *
 * One deliberate difference: packaging accepts a few specifier texts whose version it
 * cannot parse afterwards (a `~=` with U+017F or U+0130/U+0131 in a keyword, which
 * Python's case-insensitive regex lets through, or a number over 4,300 digits); any use
 * of them then fails with AssertionError or ValueError. Here they are rejected up front
 * with InvalidSpecifierError.
 */

import type { SpecifierClause } from '../types';
import { BoundedCache, MAX_CACHED_KEY_LENGTH } from './bounded-cache';
import { scanVersion, type VersionShape } from './grammar';
import { compatiblePrefixText, matchesPrefix, prefixPattern, type PrefixPattern } from './prefix-match';
import { compareCodePoints, isPythonWhitespace, pythonRepr, pythonStrip, skipPythonWhitespace } from './python-text';
import { canonicalizeVersion, comparePublicVersions, compareReleaseAndPre, compareVersions, parseVersion, type Version } from './version';

export type SpecifierOperator = SpecifierClause['operator'];

export class InvalidSpecifierError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`Invalid specifier: ${pythonRepr(input)} (${reason})`);
    this.name = 'InvalidSpecifierError';
  }
}

export interface ContainsOptions {
  /**
   * true: pre-releases match like any version; false: they never match; undefined:
   * packaging's default (for a set built from text that also means they match).
   */
  prereleases?: boolean;
  /** packaging's `installed=True`: an installed pre-release always counts. */
  installed?: boolean;
}

export interface FilterOptions {
  prereleases?: boolean;
}

export interface SpecifierOptions {
  /** packaging's `prereleases=` constructor argument; undefined leaves the default. */
  prereleases?: boolean;
}

type VersionLike = string | Version;

function textOf(item: VersionLike): string {
  return typeof item === 'string' ? item : item.toString();
}

function coerce(item: VersionLike): Version | null {
  return typeof item === 'string' ? parseVersion(item) : item;
}

interface OperatorSyntax {
  operator: SpecifierOperator;
  shape: VersionShape | null;
}

function operatorAt(text: string, index: number): OperatorSyntax | null {
  if (text.startsWith('===', index)) return { operator: '===', shape: null };
  const two = text.slice(index, index + 2);
  if (two === '==' || two === '!=') return { operator: two, shape: 'equality' };
  if (two === '~=') return { operator: '~=', shape: 'compatible' };
  if (two === '<=' || two === '>=') return { operator: two, shape: 'ordered' };
  const one = text.charAt(index);
  if (one === '<' || one === '>') return { operator: one, shape: 'ordered' };
  return null;
}

/** End of `[^\s;)]*` from `index`: the text an `===` specifier may compare against. */
export function arbitraryVersionEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x3b || code === 0x29 || isPythonWhitespace(code)) break;
    i++;
  }
  return i;
}

function explainTrailingText(operator: SpecifierOperator, rest: string): string {
  if (rest.startsWith('.*')) {
    return operator === '==' || operator === '!=' ? 'a .* wildcard may only follow release numbers' : 'a .* wildcard is only allowed with == and !=';
  }
  if (rest.startsWith('+')) {
    return operator === '==' || operator === '!='
      ? `invalid local version label ${pythonRepr(rest)}`
      : 'a local version label (+...) is only allowed with == and !=';
  }
  return `unexpected ${pythonRepr(rest)} after the version`;
}

/**
 * End of the specifier that packaging's tokenizer would read at `index` (its
 * `SPECIFIER` rule: `Specifier._specifier_regex_str` matched, not fullmatched, so the
 * longest clause prefix wins), or -1 when none starts there.
 */
export function matchSpecifierAt(text: string, index: number): number {
  const syntax = operatorAt(text, index);
  if (syntax === null) return -1;
  const versionStart = skipPythonWhitespace(text, index + syntax.operator.length);
  if (syntax.shape === null) return arbitraryVersionEnd(text, versionStart);
  const scanned = scanVersion(text, versionStart, syntax.shape);
  return scanned === null ? -1 : scanned.end;
}

interface SpecifierSyntax {
  operator: SpecifierOperator;
  version: string;
  wildcard: boolean;
}

/** Validate one clause like `Specifier._regex.fullmatch` and split it like `Specifier.__init__`. */
function parseSpecifierSyntax(text: string): SpecifierSyntax {
  const start = skipPythonWhitespace(text, 0);
  if (start === text.length) throw new InvalidSpecifierError(text, 'empty specifier');
  const syntax = operatorAt(text, start);
  if (syntax === null) {
    throw new InvalidSpecifierError(text, 'expected an operator: one of ~=, ==, !=, <=, >=, <, >, ===');
  }
  const versionStart = skipPythonWhitespace(text, start + syntax.operator.length);
  if (syntax.shape === null) {
    const end = arbitraryVersionEnd(text, versionStart);
    if (skipPythonWhitespace(text, end) !== text.length) {
      throw new InvalidSpecifierError(text, `unexpected ${pythonRepr(text.slice(end).trim())} after the version`);
    }
    return { operator: '===', version: text.slice(versionStart, end), wildcard: false };
  }
  const scanned = scanVersion(text, versionStart, syntax.shape);
  if (scanned === null) {
    const reason =
      syntax.shape === 'compatible' && /^v?([0-9]+!)?[0-9]+/i.test(text.slice(versionStart))
        ? '~= needs at least two release numbers, as in ~=1.4'
        : `expected a version after ${syntax.operator}`;
    throw new InvalidSpecifierError(text, reason);
  }
  const trailing = skipPythonWhitespace(text, scanned.end);
  if (trailing !== text.length) {
    throw new InvalidSpecifierError(text, explainTrailingText(syntax.operator, pythonStrip(text.slice(scanned.end))));
  }
  return { operator: syntax.operator, version: text.slice(versionStart, scanned.end), wildcard: scanned.wildcard };
}

/** One clause such as `>=1.2`, like `packaging.specifiers.Specifier`. */
export class Specifier implements SpecifierClause {
  readonly operator: SpecifierOperator;
  /** The version text after the operator, as written (packaging's `Specifier.version`). */
  readonly version: string;
  readonly isWildcard: boolean;
  /** The version the clause compares against; null only for `===` with text that is not a version. */
  readonly parsedVersion: Version | null;
  /** For `==X.*`, `!=X.*` and `~=`: the prefix pattern packaging matches against. */
  readonly prefix: PrefixPattern | null;
  /** packaging's `prereleases=` argument, or null for the default. */
  readonly explicitPrereleases: boolean | null;
  private readonly earliestPrerelease: Version | null;
  private canonical: string | undefined;

  constructor(text: string, options: SpecifierOptions = {}) {
    const syntax = parseSpecifierSyntax(text);
    this.operator = syntax.operator;
    this.version = syntax.version;
    this.isWildcard = syntax.wildcard;
    this.explicitPrereleases = options.prereleases ?? null;
    const versionText = syntax.wildcard ? syntax.version.slice(0, -2) : syntax.version;
    this.parsedVersion = parseVersion(versionText);
    if (this.parsedVersion === null && this.operator !== '===') {
      throw new InvalidSpecifierError(text, 'its version cannot be parsed (packaging accepts this text but fails when it is used)');
    }
    if (this.isWildcard) this.prefix = prefixPattern(versionText);
    else if (this.operator === '~=') this.prefix = prefixPattern(compatiblePrefixText(this.version));
    else this.prefix = null;
    this.earliestPrerelease = this.operator === '<' && this.parsedVersion !== null ? this.parsedVersion.with({ dev: 0, localSegments: null }) : null;
  }

  /**
   * Whether this clause lets pre-releases through by default: false for `!=` and
   * `==X.*`, otherwise whether its own version is a pre-release (null for `===` text
   * that is not a version).
   */
  get prereleases(): boolean | null {
    if (this.explicitPrereleases !== null) return this.explicitPrereleases;
    if (this.operator === '!=') return false;
    if (this.operator === '==' && this.isWildcard) return false;
    return this.parsedVersion === null ? null : this.parsedVersion.isPrerelease;
  }

  toString(): string {
    return `${this.operator}${this.version}`;
  }

  /** packaging's `_canonical_spec`, used for equality and to drop duplicates when printing a set. */
  get canonicalText(): string {
    if (this.canonical !== undefined) return this.canonical;
    const version =
      this.operator === '===' || this.isWildcard || this.parsedVersion === null
        ? this.version
        : canonicalizeVersion(this.parsedVersion, { stripTrailingZero: this.operator !== '~=' });
    this.canonical = `${this.operator}${version}`;
    return this.canonical;
  }

  equals(other: Specifier): boolean {
    return this.canonicalText === other.canonicalText;
  }

  /** `===`: case-insensitive comparison of the text as given (not normalised). */
  matchesArbitrary(itemText: string): boolean {
    return itemText.toLowerCase() === this.version.toLowerCase();
  }

  /** The operator's own test on a parsed version (not `===`, no pre-release policy). */
  matchesVersion(prospective: Version): boolean {
    const spec = this.parsedVersion as Version;
    switch (this.operator) {
      case '~=':
        return comparePublicVersions(prospective, spec) >= 0 && matchesPrefix(prospective, this.prefix as PrefixPattern);
      case '==':
        return this.matchesEquality(prospective, spec);
      case '!=':
        return !this.matchesEquality(prospective, spec);
      case '<=':
        return comparePublicVersions(prospective, spec) <= 0;
      case '>=':
        return comparePublicVersions(prospective, spec) >= 0;
      case '<':
        return this.matchesLessThan(prospective, spec);
      case '>':
        return matchesGreaterThan(prospective, spec);
      case '===':
        return this.matchesArbitrary(prospective.toString());
    }
  }

  private matchesEquality(prospective: Version, spec: Version): boolean {
    if (this.isWildcard) return matchesPrefix(prospective, this.prefix as PrefixPattern);
    // Without a local label in the specifier, the candidate's local label is ignored.
    return spec.localSegments === null ? comparePublicVersions(prospective, spec) === 0 : compareVersions(prospective, spec) === 0;
  }

  private matchesLessThan(prospective: Version, spec: Version): boolean {
    if (compareVersions(prospective, spec) >= 0) return false;
    // PEP 440: <V must not allow a pre-release of V unless V is itself a pre-release.
    return !(!spec.isPrerelease && prospective.isPrerelease && compareVersions(prospective, this.earliestPrerelease as Version) >= 0);
  }

  /** Operator test on an item as given (a string keeps its spelling for `===`). */
  matchesItem(item: VersionLike, parsed: Version): boolean {
    return this.operator === '===' ? this.matchesArbitrary(textOf(item)) : this.matchesVersion(parsed);
  }

  /** packaging's `Specifier.contains`. */
  contains(item: VersionLike, options: FilterOptions = {}): boolean {
    return this.filter([item], options).length > 0;
  }

  /** packaging's `Specifier.filter`, order kept. */
  filter<T extends VersionLike>(items: Iterable<T>, options: FilterOptions = {}): T[] {
    const prereleases = options.prereleases;
    const includePrereleases = prereleases ?? this.prereleases;
    const keepBufferedPrereleases = prereleases === undefined && this.explicitPrereleases !== false;
    const accepted: T[] = [];
    const bufferedPrereleases: T[] = [];
    let foundNonPrerelease = false;
    for (const item of items) {
      const parsed = coerce(item);
      if (parsed === null) {
        if (this.operator === '===' && this.matchesArbitrary(textOf(item))) accepted.push(item);
        continue;
      }
      if (!this.matchesItem(item, parsed)) continue;
      if (!parsed.isPrerelease || includePrereleases) {
        foundNonPrerelease = true;
        accepted.push(item);
      } else if (keepBufferedPrereleases) {
        bufferedPrereleases.push(item);
      }
    }
    if (!foundNonPrerelease && keepBufferedPrereleases) accepted.push(...bufferedPrereleases);
    return accepted;
  }
}

function matchesGreaterThan(prospective: Version, spec: Version): boolean {
  if (compareVersions(prospective, spec) <= 0) return false;
  // PEP 440: >V must not allow a post-release of V unless V is itself a post-release.
  // (`_post_base(prospective) == spec`: a post-release never ranks as dev-only, so the ranks compare directly.)
  if (!spec.isPostrelease && prospective.isPostrelease && spec.dev === null && compareReleaseAndPre(prospective, spec) === 0) {
    return false;
  }
  // Nor a local version of V.
  if (prospective.localSegments !== null && comparePublicVersions(prospective, spec) === 0) return false;
  return true;
}

/** PEP 440's default: drop pre-releases unless nothing else is left (packaging's `_pep440_filter_prereleases`). */
function keepPrereleasesOnlyIfNothingElse<T extends VersionLike>(items: readonly T[]): T[] {
  const accepted: T[] = [];
  const allNonFinal: T[] = [];
  const arbitraryTexts: T[] = [];
  let foundFinal = false;
  for (const item of items) {
    const parsed = coerce(item);
    if (parsed === null) {
      if (foundFinal) accepted.push(item);
      else {
        arbitraryTexts.push(item);
        allNonFinal.push(item);
      }
      continue;
    }
    if (!parsed.isPrerelease) {
      if (!foundFinal) {
        accepted.push(...arbitraryTexts);
        foundFinal = true;
      }
      accepted.push(item);
      continue;
    }
    if (!foundFinal) allNonFinal.push(item);
  }
  return foundFinal ? accepted : allNonFinal;
}

/** A comma-separated set of clauses such as `>=1.2,!=1.3.*,<2`, like `packaging.specifiers.SpecifierSet`. */
export class SpecifierSet {
  /** The clauses in the order written (duplicates kept; `toString()` sorts and dedupes). */
  readonly specifiers: readonly Specifier[];
  readonly explicitPrereleases: boolean | null;
  /** packaging checks for `===` with a substring test on the text; kept for identical `contains` answers. */
  private readonly hasArbitrary: boolean;
  private text: string | undefined;

  constructor(specifiers: readonly Specifier[], options: SpecifierOptions & { sourceText?: string } = {}) {
    this.specifiers = Object.freeze([...specifiers]);
    this.explicitPrereleases = options.prereleases ?? null;
    this.hasArbitrary =
      options.sourceText !== undefined ? options.sourceText.includes('===') : specifiers.some((specifier) => specifier.toString().includes('==='));
  }

  /** The clauses as plain data (operator and version text as written). */
  get clauses(): SpecifierClause[] {
    return this.specifiers.map((specifier) => ({ operator: specifier.operator, version: specifier.version }));
  }

  get length(): number {
    return this.specifiers.length;
  }

  /** packaging's `SpecifierSet.prereleases`: explicit setting, else true when a clause implies pre-releases. */
  get prereleases(): boolean | null {
    if (this.explicitPrereleases !== null) return this.explicitPrereleases;
    if (this.specifiers.length === 0) return null;
    return this.specifiers.some((specifier) => specifier.prereleases === true) ? true : null;
  }

  /** Clauses sorted by text with equivalent duplicates dropped (packaging's `_canonical_specs`). */
  canonicalSpecifiers(): Specifier[] {
    if (this.specifiers.length <= 1) return [...this.specifiers];
    const sorted = [...this.specifiers].sort((a, b) => compareCodePoints(a.toString(), b.toString()));
    const seen = new Set<string>();
    return sorted.filter((specifier) => {
      if (seen.has(specifier.canonicalText)) return false;
      seen.add(specifier.canonicalText);
      return true;
    });
  }

  /** As `str(SpecifierSet(...))`: sorted, deduplicated, comma-joined. */
  toString(): string {
    if (this.text === undefined) this.text = this.canonicalSpecifiers().map(String).join(',');
    return this.text;
  }

  equals(other: SpecifierSet): boolean {
    const mine = this.canonicalSpecifiers();
    const theirs = other.canonicalSpecifiers();
    return mine.length === theirs.length && mine.every((specifier, i) => specifier.equals(theirs[i]));
  }

  /**
   * packaging's `SpecifierSet.contains`. A string that is not a version is contained only
   * by an empty set or by a set of `===` clauses with that exact text (ignoring case).
   */
  contains(item: VersionLike, options: ContainsOptions = {}): boolean {
    const version = coerce(item);
    let prereleases = options.prereleases ?? this.explicitPrereleases ?? undefined;
    if (version !== null && options.installed === true && version.isPrerelease) prereleases = true;
    if (this.specifiers.length === 0) {
      return prereleases !== false || version === null || !version.isPrerelease;
    }
    // `===` compares the text as given when the item is a string, else the normalised text.
    const itemText = typeof item === 'string' && (version === null || this.hasArbitrary) ? item : textOf(item);
    if (version === null) {
      return this.specifiers.every((specifier) => specifier.operator === '===' && specifier.matchesArbitrary(itemText));
    }
    if (prereleases === false && version.isPrerelease) return false;
    for (const specifier of this.specifiers) {
      const matched = specifier.operator === '===' ? specifier.matchesArbitrary(itemText) : specifier.matchesVersion(version);
      if (!matched) return false;
    }
    return true;
  }

  /** packaging's `SpecifierSet.filter`, order kept. */
  filter<T extends VersionLike>(items: Iterable<T>, options: FilterOptions = {}): T[] {
    const prereleases = options.prereleases ?? this.prereleases ?? undefined;
    const list = [...items];
    if (this.specifiers.length === 0) {
      if (prereleases === true) return list;
      if (prereleases === false) {
        return list.filter((item) => {
          const parsed = coerce(item);
          return parsed === null || !parsed.isPrerelease;
        });
      }
      return keepPrereleasesOnlyIfNothingElse(list);
    }
    const allowPrereleases = prereleases ?? true;
    const matching = list.filter((item) => this.matchesAll(item, allowPrereleases));
    return prereleases === undefined ? keepPrereleasesOnlyIfNothingElse(matching) : matching;
  }

  private matchesAll(item: VersionLike, allowPrereleases: boolean): boolean {
    const parsed = coerce(item);
    const itemText = textOf(item);
    if (parsed === null) {
      return this.specifiers.every((specifier) => specifier.operator === '===' && specifier.matchesArbitrary(itemText));
    }
    if (!allowPrereleases && parsed.isPrerelease) return false;
    return this.specifiers.every((specifier) => specifier.matchesItem(item, parsed));
  }
}

/** Parse one clause like `packaging.specifiers.Specifier(text)`; throws InvalidSpecifierError. */
export function parseSpecifier(text: string, options: SpecifierOptions = {}): Specifier {
  return new Specifier(text, options);
}

function parseSpecifierSetUncached(text: string, options: SpecifierOptions): SpecifierSet {
  const specifiers: Specifier[] = [];
  for (const piece of text.split(',')) {
    const clause = pythonStrip(piece);
    if (clause !== '') specifiers.push(new Specifier(clause));
  }
  return new SpecifierSet(specifiers, { ...options, sourceText: text });
}

const setCache = new BoundedCache<string, SpecifierSet | InvalidSpecifierError>(1024);

/**
 * Parse a comma-separated specifier set like `packaging.specifiers.SpecifierSet(text)`
 * (empty text gives the empty set, which contains everything); throws
 * InvalidSpecifierError naming the first bad clause. Results are memoised: sets are immutable.
 */
export function parseSpecifierSet(text: string, options: SpecifierOptions = {}): SpecifierSet {
  if (text.length > MAX_CACHED_KEY_LENGTH) return parseSpecifierSetUncached(text, options);
  const key = `${options.prereleases ?? ''}\u0000${text}`;
  let entry = setCache.get(key);
  if (entry === undefined) {
    try {
      entry = parseSpecifierSetUncached(text, options);
    } catch (error) {
      if (!(error instanceof InvalidSpecifierError)) throw error;
      entry = error;
    }
    setCache.set(key, entry);
  }
  if (entry instanceof InvalidSpecifierError) throw entry;
  return entry;
}

export { allowsVersionAtOrAbove, findAllowedVersion, isSatisfiable } from './version-ranges';
