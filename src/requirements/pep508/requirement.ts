/**
 * PEP 508 dependency specifiers with exactly the answers of Python's
 * `packaging.requirements.Requirement` 26.x (`_parser.py`'s grammar):
 *
 *   requirement = WS? IDENTIFIER WS? extras WS? ( "@" WS? URL (WS marker?)? | specifier WS? marker? )
 *
 * Worth knowing: the name and extras are kept as written (compare with
 * `canonicalizeName`); extras are a set, printed sorted; the specifier may be wrapped in
 * parentheses; a `name @ url` URL runs to the next space or tab, so a `;` right after it is
 * part of the URL; error messages are packaging's, including the source line and a `~~~^`
 * marker under the problem.
 */

import type { ParsedRequirement, SpecifierClause } from '../types';
import { InvalidSpecifierError, parseSpecifierSet, type SpecifierSet } from '../pep440/specifier';
import { pythonRepr } from '../pep440/python-text';
import { Marker, normalizeExtraValues, parseMarkerExpression, type MarkerList } from './marker';
import { canonicalizeName } from './name';
import { ParserSyntaxError, Tokenizer } from './tokenizer';

export class InvalidRequirementError extends Error {
  constructor(
    message: string,
    /** The short reason without the source excerpt, e.g. "Expected end of dependency specifier". */
    readonly reason: string,
    /** 1-based column (in code points) where the problem was found, when known. */
    readonly column: number | null,
  ) {
    super(message);
    this.name = 'InvalidRequirementError';
  }
}

/** A parsed requirement: the plain `ParsedRequirement` data plus the parsed specifier set and marker. */
export interface Requirement extends ParsedRequirement {
  specifier: SpecifierSet;
  parsedMarker: Marker | null;
}

interface RequirementSyntax {
  name: string;
  url: string;
  extras: string[];
  specifier: string;
  marker: MarkerList | null;
}

function parseExtrasList(tokenizer: Tokenizer): string[] {
  const extras: string[] = [];
  if (!tokenizer.check('IDENTIFIER')) return extras;
  extras.push(tokenizer.read().text);
  for (;;) {
    tokenizer.consume('WS');
    if (tokenizer.check('IDENTIFIER', true)) tokenizer.raiseSyntaxError('Expected comma between extra names');
    else if (!tokenizer.check('COMMA')) break;
    tokenizer.read();
    tokenizer.consume('WS');
    extras.push(tokenizer.expect('IDENTIFIER', 'extra name after comma').text);
  }
  return extras;
}

function parseExtras(tokenizer: Tokenizer): string[] {
  if (!tokenizer.check('LEFT_BRACKET', true)) return [];
  return tokenizer.enclosed('LEFT_BRACKET', 'RIGHT_BRACKET', 'extras', () => {
    tokenizer.consume('WS');
    const extras = parseExtrasList(tokenizer);
    tokenizer.consume('WS');
    return extras;
  });
}

function parseVersionMany(tokenizer: Tokenizer): string {
  let specifiers = '';
  while (tokenizer.check('SPECIFIER')) {
    const spanStart = tokenizer.position;
    specifiers += tokenizer.read().text;
    if (tokenizer.check('VERSION_PREFIX_TRAIL', true)) {
      tokenizer.raiseSyntaxError('.* suffix can only be used with `==` or `!=` operators', spanStart, tokenizer.position + 1);
    }
    if (tokenizer.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
      tokenizer.raiseSyntaxError('Local version label can only be used with `==` or `!=` operators', spanStart, tokenizer.position);
    }
    tokenizer.consume('WS');
    if (!tokenizer.check('COMMA')) break;
    specifiers += tokenizer.read().text;
    tokenizer.consume('WS');
  }
  return specifiers;
}

function parseSpecifierPart(tokenizer: Tokenizer): string {
  return tokenizer.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'version specifier', () => {
    tokenizer.consume('WS');
    const specifiers = parseVersionMany(tokenizer);
    tokenizer.consume('WS');
    return specifiers;
  });
}

function parseRequirementMarker(tokenizer: Tokenizer, spanStart: number, expected: string): MarkerList {
  if (!tokenizer.check('SEMICOLON')) tokenizer.raiseSyntaxError(`Expected ${expected} or end`, spanStart);
  tokenizer.read();
  const marker = parseMarkerExpression(tokenizer);
  tokenizer.consume('WS');
  return marker;
}

function parseDetails(tokenizer: Tokenizer): Pick<RequirementSyntax, 'url' | 'specifier' | 'marker'> {
  if (tokenizer.check('AT')) {
    tokenizer.read();
    tokenizer.consume('WS');
    const urlStart = tokenizer.position;
    const url = tokenizer.expect('URL', 'URL after @').text;
    if (tokenizer.check('END', true)) return { url, specifier: '', marker: null };
    tokenizer.expect('WS', 'whitespace after URL');
    if (tokenizer.check('END', true)) return { url, specifier: '', marker: null };
    const marker = parseRequirementMarker(tokenizer, urlStart, 'semicolon (after URL and whitespace)');
    return { url, specifier: '', marker };
  }
  const specifierStart = tokenizer.position;
  const specifier = parseSpecifierPart(tokenizer);
  tokenizer.consume('WS');
  if (tokenizer.check('END', true)) return { url: '', specifier, marker: null };
  const marker = parseRequirementMarker(
    tokenizer,
    specifierStart,
    specifier ? 'comma (within version specifier), semicolon (after version specifier)' : 'semicolon (after name with no version specifier)',
  );
  return { url: '', specifier, marker };
}

function parseRequirementSyntax(source: string): RequirementSyntax {
  const tokenizer = new Tokenizer(source);
  tokenizer.consume('WS');
  const name = tokenizer.expect('IDENTIFIER', 'package name at the start of dependency specifier').text;
  tokenizer.consume('WS');
  const extras = parseExtras(tokenizer);
  tokenizer.consume('WS');
  const details = parseDetails(tokenizer);
  tokenizer.expect('END', 'end of dependency specifier');
  return { name, extras, ...details };
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Parse like `packaging.requirements.Requirement(text)`; throws InvalidRequirementError
 * with packaging's message (reason, the text, and a marker under the problem).
 */
export function parseRequirement(text: string): Requirement {
  let syntax: RequirementSyntax;
  try {
    syntax = parseRequirementSyntax(text);
  } catch (error) {
    if (error instanceof ParserSyntaxError) {
      throw new InvalidRequirementError(error.message, error.reason, error.span[0] + 1);
    }
    throw error;
  }
  let specifier: SpecifierSet;
  try {
    specifier = parseSpecifierSet(syntax.specifier);
  } catch (error) {
    // Only reachable through `===` texts that swallow commas (`===a,b`): packaging lets
    // InvalidSpecifier escape here; it is still an invalid requirement.
    if (error instanceof InvalidSpecifierError) {
      throw new InvalidRequirementError(`Invalid specifier: ${pythonRepr(error.input)}`, error.message, null);
    }
    throw error;
  }
  const parsedMarker = syntax.marker === null ? null : new Marker(normalizeExtraValues(syntax.marker));
  const specifiers: SpecifierClause[] = specifier.clauses;
  return {
    rawName: syntax.name,
    name: canonicalizeName(syntax.name),
    extras: sortedUnique(syntax.extras),
    specifiers,
    marker: parsedMarker === null ? null : parsedMarker.toString(),
    url: syntax.url === '' ? null : syntax.url,
    specifier,
    parsedMarker,
  };
}

/** As `str(Requirement(...))`: name, sorted extras, sorted specifier, ` @ url`, `; marker`. */
export function requirementToString(requirement: ParsedRequirement & { specifier?: SpecifierSet }): string {
  let text = requirement.rawName;
  if (requirement.extras.length > 0) text += `[${sortedUnique(requirement.extras).join(',')}]`;
  const specifier =
    requirement.specifier?.toString() ?? parseSpecifierSet(requirement.specifiers.map((clause) => `${clause.operator}${clause.version}`).join(',')).toString();
  if (specifier) text += specifier;
  if (requirement.url !== null) {
    text += ` @ ${requirement.url}`;
    if (requirement.marker !== null) text += ' ';
  }
  if (requirement.marker !== null) text += `; ${requirement.marker}`;
  return text;
}
