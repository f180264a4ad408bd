/**
 * The shapes of most lines in real files, read without the general PEP 508 tokenizer:
 * `name`, `name<specifiers>`, `name[extra,...]<specifiers>` and `name (<specifiers>)`,
 * with no marker or URL, and spaces or tabs only where PEP 508 allows them and they are
 * easy to skip (after the name or extras, around commas, inside parentheses). On a large
 * file this halves the reading time. Anything else (or anything it is unsure about) gives
 * null and goes to the full parser; a property test checks that whenever it answers, it
 * answers exactly as `parseRequirement`.
 */
import type { ParsedRequirement, SpecifierClause } from '../types';
import { parseSpecifierSet } from '../pep440/specifier';
import { canonicalizeName } from '../pep508/name';

const COMMA = 0x2c;
const LEFT_BRACKET = 0x5b;
const RIGHT_BRACKET = 0x5d;
const LEFT_PARENTHESIS = 0x28;
const RIGHT_PARENTHESIS = 0x29;

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameCharacter(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 0x2e || code === 0x5f || code === 0x2d;
}

/** PEP 508's WS token: spaces and tabs only. */
function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Characters a plain specifier list (`==1.2.3`, `>=1.0,<2`, `~=1.4`, `!=1.5.*`) is made of, as a lookup table. */
const PLAIN_SPECIFIER_CHARACTERS = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code += 1) if (isAsciiAlphanumeric(code) || '.,*+!=<>~_-'.includes(String.fromCharCode(code))) table[code] = 1;
  return table;
})();

function isPlainSpecifierCharacter(code: number): boolean {
  return code < 128 && PLAIN_SPECIFIER_CHARACTERS[code] === 1;
}

const FAST_PATH_MAX_LENGTH = 200;

export function parsePlainRequirement(text: string): ParsedRequirement | null {
  const length = text.length;
  if (length === 0 || length > FAST_PATH_MAX_LENGTH) return null;
  const nameEnd = identifierEnd(text, 0);
  if (nameEnd < 0) return null;
  let position = nameEnd;
  const extras: string[] = [];
  if (text.charCodeAt(position) === LEFT_BRACKET) {
    position = readExtras(text, position, extras);
    if (position < 0) return null;
  }
  const specifiers = specifiersFrom(text, position);
  if (specifiers === null) return null;
  const rawName = text.slice(0, nameEnd);
  return { rawName, name: canonicalizeName(rawName), extras: sortedUnique(extras), specifiers, marker: null, url: null };
}

/**
 * End of the name or extra starting at `from`: packaging's `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`,
 * taking only those that end in a letter or digit (the word boundary then falls at the
 * end of the run, without backtracking). -1 for anything else.
 */
function identifierEnd(text: string, from: number): number {
  if (!isAsciiAlphanumeric(text.charCodeAt(from))) return -1;
  let end = from + 1;
  while (end < text.length && isNameCharacter(text.charCodeAt(end))) end += 1;
  return isAsciiAlphanumeric(text.charCodeAt(end - 1)) ? end : -1;
}

/** `[extra,...]` at `from` (no spaces inside), collected into `extras`; the index after `]`, or -1. */
function readExtras(text: string, from: number, extras: string[]): number {
  let position = from;
  do {
    const start = position + 1;
    const end = identifierEnd(text, start);
    if (end < 0) return -1;
    extras.push(text.slice(start, end));
    position = end;
  } while (text.charCodeAt(position) === COMMA);
  return text.charCodeAt(position) === RIGHT_BRACKET ? position + 1 : -1;
}

/** Extras are a set, listed sorted (as `parseRequirement` lists them). */
function sortedUnique(values: string[]): string[] {
  if (values.length <= 1) return values;
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function skipSpacesAndTabs(text: string, from: number, to: number): number {
  let position = from;
  while (position < to && isSpaceOrTab(text.charCodeAt(position))) position += 1;
  return position;
}

/** The specifier part after the name and extras, up to the end of the text: plain, spaced or in parentheses. */
function specifiersFrom(text: string, from: number): SpecifierClause[] | null {
  const length = text.length;
  const start = skipSpacesAndTabs(text, from, length);
  if (start === length) return start === from ? [] : null;
  if (text.charCodeAt(start) === LEFT_PARENTHESIS) {
    if (text.charCodeAt(length - 1) !== RIGHT_PARENTHESIS) return null;
    return spacedClauses(text, start + 1, length - 1);
  }
  if (start === from) {
    // Plain clauses are made of specifier characters only, so no separate check of the whole list is needed for them.
    const clauses = plainClauses(text, start, length);
    if (clauses !== null) return clauses;
    if (isCompactSpecifierList(text, start)) return parsedClauses(text.slice(start));
  }
  return spacedClauses(text, start, length);
}

/** Specifier characters only, starting with an operator, no `===` and no empty clause (one trailing comma is allowed). */
function isCompactSpecifierList(text: string, from: number): boolean {
  for (let index = from; index < text.length; index += 1) if (!isPlainSpecifierCharacter(text.charCodeAt(index))) return false;
  return '=<>!~'.includes(text[from]) && !text.includes('===', from) && !text.includes(',,', from);
}

/** For versions other than plain release numbers (`==1.0rc1`): the specifier port, whose answers equal the tokenizer's for these texts. */
function parsedClauses(specifierText: string): SpecifierClause[] | null {
  try {
    return parseSpecifierSet(specifierText).clauses;
  } catch {
    return null;
  }
}

/**
 * Clauses between `from` and `to` with spaces or tabs allowed around each comma and at
 * both ends, but not inside a clause; only plain clauses (see plainClause), else null.
 */
function spacedClauses(text: string, from: number, to: number): SpecifierClause[] | null {
  const clauses: SpecifierClause[] = [];
  let position = skipSpacesAndTabs(text, from, to);
  while (position < to) {
    let clauseEnd = position;
    while (clauseEnd < to && isPlainSpecifierCharacter(text.charCodeAt(clauseEnd)) && text.charCodeAt(clauseEnd) !== COMMA) clauseEnd += 1;
    const clause = plainClause(text, position, clauseEnd);
    if (clause === null) return null;
    clauses.push(clause);
    position = skipSpacesAndTabs(text, clauseEnd, to);
    if (position === to) break;
    if (text.charCodeAt(position) !== COMMA) return null;
    // packaging's grammar allows one trailing comma but no empty clause.
    position = skipSpacesAndTabs(text, position + 1, to);
  }
  return exactSize(clauses);
}

/** Clauses separated by single commas (one trailing comma allowed), each plain (see plainClause), else null. */
function plainClauses(text: string, from: number, to: number): SpecifierClause[] | null {
  // Sized up front (see exactSize); the one clause of a pin is the common case.
  const clauses = new Array<SpecifierClause>(clauseCount(text, from, to));
  let position = from;
  for (let index = 0; index < clauses.length; index += 1) {
    let clauseEnd = text.indexOf(',', position);
    if (clauseEnd < 0 || clauseEnd > to) clauseEnd = to;
    const clause = plainClause(text, position, clauseEnd);
    if (clause === null) return null;
    clauses[index] = clause;
    position = clauseEnd + 1;
  }
  return clauses;
}

/** Commas plus one, less a trailing comma. */
function clauseCount(text: string, from: number, to: number): number {
  let count = text.charCodeAt(to - 1) === COMMA ? 0 : 1;
  for (let comma = text.indexOf(',', from); comma >= 0 && comma < to; comma = text.indexOf(',', comma + 1)) count += 1;
  return count;
}

/**
 * A copy exactly as long as its content: these arrays stay in the scan's result, and an
 * array grown by `push` from empty reserves room for 17 entries.
 */
function exactSize<T>(values: T[]): T[] {
  return values.slice();
}

/** The operator at `from` (longest first), or null. */
function operatorAt(text: string, from: number): SpecifierClause['operator'] | null {
  const first = text.charCodeAt(from);
  const equalsNext = text.charCodeAt(from + 1) === 0x3d;
  switch (first) {
    case 0x3d /* = */:
      return equalsNext ? '==' : null;
    case 0x21 /* ! */:
      return equalsNext ? '!=' : null;
    case 0x7e /* ~ */:
      return equalsNext ? '~=' : null;
    case 0x3c /* < */:
      return equalsNext ? '<=' : '<';
    case 0x3e /* > */:
      return equalsNext ? '>=' : '>';
    default:
      return null;
  }
}

/** Release numbers only (`1`, `2.0.7`): always a valid version, with nothing to normalise. */
function isDottedNumber(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  let previousDot = true;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x2e) {
      if (previousDot) return false;
      previousDot = true;
    } else if (code >= 0x30 && code <= 0x39) previousDot = false;
    else return false;
  }
  return !previousDot;
}

function hasDot(text: string, from: number, to: number): boolean {
  const dot = text.indexOf('.', from);
  return dot >= 0 && dot < to;
}

/**
 * A clause made of an operator and plain release numbers (`==2.0.7`, `>=1.4`, `!=1.5.*`,
 * `~=2.1`) needs no version grammar: PEP 440 accepts them all except `~=` with a single
 * number and `.*` after operators other than `==`/`!=`. Null sends the text to the port.
 */
function plainClause(text: string, from: number, to: number): SpecifierClause | null {
  const operator = operatorAt(text, from);
  if (operator === null) return null;
  const versionStart = from + operator.length;
  const wildcard = to - versionStart >= 2 && text.charCodeAt(to - 2) === 0x2e && text.charCodeAt(to - 1) === 0x2a;
  if (wildcard && operator !== '==' && operator !== '!=') return null;
  if (!isDottedNumber(text, versionStart, wildcard ? to - 2 : to)) return null;
  if (operator === '~=' && !hasDot(text, versionStart, to)) return null;
  return { operator, version: text.slice(versionStart, to) };
}
