/**
 * The shape of most lines in real files, `name` or `name<specifiers>` with no spaces,
 * extras, markers or URL, read without the general PEP 508 tokenizer: on a large file
 * this halves the reading time. Anything else (or anything it is unsure about) gives
 * null and goes to the full parser; a property test checks that whenever it answers,
 * it answers exactly as `parseRequirement`.
 */
import type { ParsedRequirement, SpecifierClause } from '../types';
import { parseSpecifierSet } from '../pep440/specifier';
import { canonicalizeName } from '../pep508/name';

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isNameCharacter(code: number): boolean {
  return isAsciiAlphanumeric(code) || code === 0x2e || code === 0x5f || code === 0x2d;
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
  if (length === 0 || length > FAST_PATH_MAX_LENGTH || !isAsciiAlphanumeric(text.charCodeAt(0))) return null;
  let nameEnd = 1;
  while (nameEnd < length && isNameCharacter(text.charCodeAt(nameEnd))) nameEnd += 1;
  if (!isAsciiAlphanumeric(text.charCodeAt(nameEnd - 1))) return null;
  const rawName = text.slice(0, nameEnd);
  if (nameEnd === length) return { rawName, name: canonicalName(rawName), extras: [], specifiers: [], marker: null, url: null };
  for (let index = nameEnd; index < length; index += 1) if (!isPlainSpecifierCharacter(text.charCodeAt(index))) return null;
  const specifierText = text.slice(nameEnd);
  if (specifierText.includes('===') || !'=<>!~'.includes(specifierText[0])) return null;
  // packaging's grammar allows one trailing comma but no empty clause in between.
  const pieces = specifierText.split(',');
  for (let index = 0; index < pieces.length - 1; index += 1) if (pieces[index] === '') return null;
  const specifiers = plainClauses(pieces) ?? parsedClauses(specifierText);
  if (specifiers === null) return null;
  return { rawName, name: canonicalName(rawName), extras: [], specifiers, marker: null, url: null };
}

/** `canonicalize_name`, without a regular expression for names that are already canonical (most are). */
function canonicalName(rawName: string): string {
  for (let index = 0; index < rawName.length; index += 1) {
    const code = rawName.charCodeAt(index);
    const canonical = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code === 0x2d && rawName.charCodeAt(index - 1) !== 0x2d);
    if (!canonical) return canonicalizeName(rawName);
  }
  return rawName;
}

function parsedClauses(specifierText: string): SpecifierClause[] | null {
  try {
    return parseSpecifierSet(specifierText).clauses;
  } catch {
    return null;
  }
}

const OPERATORS: ReadonlyArray<SpecifierClause['operator']> = ['~=', '==', '!=', '<=', '>=', '<', '>'];

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

/**
 * Clauses made of an operator and plain release numbers (`==2.0.7`, `>=1.4`, `!=1.5.*`,
 * `~=2.1`) need no version grammar: PEP 440 accepts them all except `~=` with a single
 * number and `.*` after operators other than `==`/`!=`. Null sends the text to the port.
 */
function plainClauses(pieces: readonly string[]): SpecifierClause[] | null {
  const clauses: SpecifierClause[] = [];
  for (const piece of pieces) {
    if (piece === '') continue;
    const operator = OPERATORS.find((candidate) => piece.startsWith(candidate));
    if (operator === undefined) return null;
    const wildcard = piece.endsWith('.*');
    if (wildcard && operator !== '==' && operator !== '!=') return null;
    const end = wildcard ? piece.length - 2 : piece.length;
    if (!isDottedNumber(piece, operator.length, end)) return null;
    if (operator === '~=' && piece.indexOf('.', operator.length) < 0) return null;
    clauses.push({ operator, version: piece.slice(operator.length) });
  }
  return clauses;
}
