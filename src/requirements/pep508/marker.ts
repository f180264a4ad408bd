/**
 * PEP 508 environment markers with exactly the answers of Python's `packaging.markers`
 * 26.x: the grammar (`_parser.py`), the printed form (`str(Marker(...))`) and evaluation.
 *
 * Evaluation rules worth knowing (all packaging's):
 * - For `python_version`, `python_full_version`, `implementation_version` and
 *   `platform_release`, a comparison whose right-hand side forms a valid specifier
 *   (`op + value`) is a PEP 440 `Specifier.contains(left, prereleases=True)`.
 * - Otherwise values compare as strings, where `<` and `>` are always false, `<=` and
 *   `>=` mean equality, `in`/`not in` are substring tests, and `~=`/`===` are errors.
 * - `extra` values are PEP 503-normalised; `extras` and `dependency_groups` are sets.
 * - Both sides of `or`/`and` are evaluated (no short-circuit), so errors surface the same.
 *
 * Deliberate limits: parentheses nest at most 200 deep (InvalidMarkerError beyond,
 * where Python runs out of recursion somewhere past 240), and `\N{...}` escapes in quoted
 * values are not supported.
 */

import type { MarkerEnvironment } from '../types';
import { BoundedCache, MAX_CACHED_KEY_LENGTH } from '../pep440/bounded-cache';
import { InvalidSpecifierError, parseSpecifier, type Specifier } from '../pep440/specifier';
import { canonicalizeName } from './name';
import { decodePythonStringLiteral, PythonLiteralError } from './python-literal';
import { ParserSyntaxError, Tokenizer } from './tokenizer';

export const MAX_MARKER_NESTING = 200;

export class InvalidMarkerError extends Error {
  constructor(
    message: string,
    /** The problem's position in code points, when it is a syntax error. */
    readonly position: number | null = null,
  ) {
    super(message);
    this.name = 'InvalidMarkerError';
  }
}

/** A marker compares values in a way packaging leaves undefined (`~=`/`===` on plain strings). */
export class UndefinedComparisonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndefinedComparisonError';
  }
}

/** A marker names a variable the evaluation environment does not have (`extras` outside a lock file, …). */
export class UndefinedEnvironmentNameError extends Error {
  constructor(readonly variable: string) {
    super(`Marker variable ${JSON.stringify(variable)} is not defined in this evaluation context`);
    this.name = 'UndefinedEnvironmentNameError';
  }
}

export interface MarkerVariable {
  kind: 'variable';
  value: string;
}

export interface MarkerValue {
  kind: 'value';
  value: string;
}

export type MarkerOperand = MarkerVariable | MarkerValue;

export interface MarkerComparison {
  kind: 'comparison';
  left: MarkerOperand;
  operator: string;
  right: MarkerOperand;
}

/** packaging's `MarkerList`: atoms joined by 'and'/'or'; a parenthesised group is a nested list. */
export type MarkerList = Array<MarkerComparison | MarkerList | 'and' | 'or'>;

export class Marker {
  constructor(readonly tree: MarkerList) {}

  toString(): string {
    return formatMarker(this.tree, true);
  }
}

/** Variables whose comparisons are PEP 440 version comparisons when possible. */
const VERSION_VARIABLES = new Set(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);
const SET_VARIABLES = new Set(['extras', 'dependency_groups']);

// ---------------------------------------------------------------------------------------
// Parsing (packaging's recursive descent parser for markers)
// ---------------------------------------------------------------------------------------

function parseOperand(tokenizer: Tokenizer): MarkerOperand {
  if (tokenizer.check('VARIABLE')) {
    const name = tokenizer.read().text.replace(/\./g, '_');
    const value = name === 'python_implementation' ? 'platform_python_implementation' : name;
    return { kind: 'variable', value };
  }
  if (tokenizer.check('QUOTED_STRING')) {
    const token = tokenizer.read();
    try {
      return { kind: 'value', value: decodePythonStringLiteral(token.text) };
    } catch (error) {
      if (error instanceof PythonLiteralError) {
        tokenizer.raiseSyntaxError(`Invalid quoted string ${token.text}: ${error.message}`, token.position, tokenizer.position);
      }
      throw error;
    }
  }
  return tokenizer.raiseSyntaxError('Expected a marker variable or quoted string');
}

function parseOperator(tokenizer: Tokenizer): string {
  if (tokenizer.check('IN')) {
    tokenizer.read();
    return 'in';
  }
  if (tokenizer.check('NOT')) {
    tokenizer.read();
    tokenizer.expect('WS', "whitespace after 'not'");
    tokenizer.expect('IN', "'in' after 'not'");
    return 'not in';
  }
  if (tokenizer.check('OP')) return tokenizer.read().text;
  return tokenizer.raiseSyntaxError('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
}

function parseComparison(tokenizer: Tokenizer): MarkerComparison {
  tokenizer.consume('WS');
  const left = parseOperand(tokenizer);
  tokenizer.consume('WS');
  const operator = parseOperator(tokenizer);
  tokenizer.consume('WS');
  const right = parseOperand(tokenizer);
  tokenizer.consume('WS');
  return { kind: 'comparison', left, operator, right };
}

function parseAtom(tokenizer: Tokenizer, depth: number): MarkerComparison | MarkerList {
  tokenizer.consume('WS');
  let atom: MarkerComparison | MarkerList;
  if (tokenizer.check('LEFT_PARENTHESIS', true)) {
    if (depth >= MAX_MARKER_NESTING) {
      tokenizer.raiseSyntaxError(`Marker nests parentheses more than ${MAX_MARKER_NESTING} levels deep`);
    }
    atom = tokenizer.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'marker expression', () => {
      tokenizer.consume('WS');
      const inner = parseMarkerExpression(tokenizer, depth + 1);
      tokenizer.consume('WS');
      return inner;
    });
  } else {
    atom = parseComparison(tokenizer);
  }
  tokenizer.consume('WS');
  return atom;
}

/** `marker = marker_atom (BOOLOP marker_atom)*`; used by the requirement parser too. */
export function parseMarkerExpression(tokenizer: Tokenizer, depth = 0): MarkerList {
  const expression: MarkerList = [parseAtom(tokenizer, depth)];
  while (tokenizer.check('BOOLOP')) {
    const operator = tokenizer.read().text as 'and' | 'or';
    expression.push(operator, parseAtom(tokenizer, depth));
  }
  return expression;
}

function normalizeExtraComparison(comparison: MarkerComparison): MarkerComparison {
  const { left, right } = comparison;
  if (left.kind === 'variable' && left.value === 'extra') {
    return { ...comparison, right: { kind: 'value', value: canonicalizeName(right.value) } };
  }
  if (right.kind === 'variable' && right.value === 'extra') {
    return { ...comparison, left: { kind: 'value', value: canonicalizeName(left.value) } };
  }
  return comparison;
}

/** packaging's `_normalize_extra_values`: only the top level of the list, as packaging does. */
export function normalizeExtraValues(tree: MarkerList): MarkerList {
  return tree.map((entry) => (typeof entry !== 'string' && !Array.isArray(entry) ? normalizeExtraComparison(entry) : entry));
}

/** Parse like `packaging.markers.Marker(text)`; throws InvalidMarkerError. */
export function parseMarker(text: string): Marker {
  const tokenizer = new Tokenizer(text);
  try {
    const tree = parseMarkerExpression(tokenizer);
    tokenizer.expect('END', 'end of marker expression');
    return new Marker(normalizeExtraValues(tree));
  } catch (error) {
    if (error instanceof ParserSyntaxError) throw new InvalidMarkerError(error.message, error.span[0]);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Printing (packaging's `_format_marker`)
// ---------------------------------------------------------------------------------------

function serializeOperand(operand: MarkerOperand): string {
  return operand.kind === 'variable' ? operand.value : `"${operand.value}"`;
}

function formatMarker(marker: MarkerList | MarkerComparison | 'and' | 'or', first: boolean): string {
  if (typeof marker === 'string') return marker;
  if (!Array.isArray(marker)) {
    return `${serializeOperand(marker.left)} ${marker.operator} ${serializeOperand(marker.right)}`;
  }
  // [[...]] prints without extra parentheses.
  if (marker.length === 1 && typeof marker[0] !== 'string') return formatMarker(marker[0], true);
  const inner = marker.map((entry) => formatMarker(entry, false)).join(' ');
  return first ? inner : `(${inner})`;
}

/** `str(Marker(text))` for a parsed marker. */
export function markerToString(marker: Marker): string {
  return marker.toString();
}

// ---------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------

export type MarkerEvaluationContext = 'metadata' | 'lock_file' | 'requirement';

export interface MarkerEvaluationOptions {
  /** The extra being installed (`extra == "..."`); normalised like packaging does. */
  extra?: string | null;
  /** For lock files: the extras and dependency groups in play (`"x" in extras`). */
  extras?: Iterable<string>;
  dependencyGroups?: Iterable<string>;
  /** packaging's `context`: which variables exist by default ('metadata' gives `extra == ""`). */
  context?: MarkerEvaluationContext;
}

type EnvironmentValue = string | ReadonlySet<string>;

function buildEnvironment(environment: MarkerEnvironment, options: MarkerEvaluationOptions): Map<string, EnvironmentValue> {
  const values = new Map<string, EnvironmentValue>();
  const context = options.context ?? 'metadata';
  if (context === 'lock_file') {
    values.set('extras', new Set());
    values.set('dependency_groups', new Set());
  } else if (context === 'metadata') {
    values.set('extra', '');
  }
  for (const [key, value] of Object.entries(environment)) {
    if (typeof value === 'string') values.set(key, value);
  }
  if (options.extra !== undefined) values.set('extra', options.extra ?? '');
  if (options.extras !== undefined) values.set('extras', new Set(options.extras));
  if (options.dependencyGroups !== undefined) values.set('dependency_groups', new Set(options.dependencyGroups));
  const extra = values.get('extra');
  if (typeof extra === 'string') values.set('extra', extra === '' ? '' : canonicalizeName(extra));
  // Work around platform.python_version() giving "3.14.0+" for untagged builds.
  const fullVersion = values.get('python_full_version');
  if (typeof fullVersion === 'string' && fullVersion.endsWith('+')) values.set('python_full_version', `${fullVersion}local`);
  return values;
}

function lookup(environment: Map<string, EnvironmentValue>, name: string): EnvironmentValue {
  const value = environment.get(name);
  if (value === undefined) throw new UndefinedEnvironmentNameError(name);
  return value;
}

function describe(value: EnvironmentValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : `{${[...value].map((v) => JSON.stringify(v)).join(', ')}}`;
}

function compareAsStrings(left: string, operator: string, right: EnvironmentValue): boolean {
  switch (operator) {
    case 'in':
      return typeof right === 'string' ? right.includes(left) : right.has(left);
    case 'not in':
      return typeof right === 'string' ? !right.includes(left) : !right.has(left);
    case '<':
    case '>':
      return false;
    case '<=':
    case '==':
    case '>=':
      return typeof right === 'string' && left === right;
    case '!=':
      return !(typeof right === 'string' && left === right);
    default:
      throw new UndefinedComparisonError(`Undefined ${operator} on ${JSON.stringify(left)} and ${describe(right)}.`);
  }
}

const versionComparisons = new BoundedCache<string, Specifier | null>(2048);

/** `Specifier(op + value)` when that is a valid specifier, else null (then strings are compared). */
function versionComparison(text: string): Specifier | null {
  const cached = versionComparisons.get(text);
  if (cached !== undefined) return cached;
  let specifier: Specifier | null = null;
  try {
    specifier = parseSpecifier(text);
  } catch (error) {
    if (!(error instanceof InvalidSpecifierError)) throw error;
  }
  if (text.length <= MAX_CACHED_KEY_LENGTH) versionComparisons.set(text, specifier);
  return specifier;
}

function evaluateComparison(comparison: MarkerComparison, environment: Map<string, EnvironmentValue>): boolean {
  const { left, operator, right } = comparison;
  let key: string;
  let leftValue: EnvironmentValue;
  let rightValue: EnvironmentValue;
  if (left.kind === 'variable') {
    key = left.value;
    leftValue = lookup(environment, key);
    rightValue = right.value;
  } else {
    key = right.value;
    leftValue = left.value;
    rightValue = lookup(environment, key);
  }
  if (typeof leftValue !== 'string') {
    throw new UndefinedComparisonError(`The set-valued variable ${key} must be on the right of ${operator}`);
  }
  if (SET_VARIABLES.has(key)) {
    leftValue = canonicalizeName(leftValue);
    rightValue = typeof rightValue === 'string' ? canonicalizeName(rightValue) : new Set([...rightValue].map(canonicalizeName));
  }
  if (VERSION_VARIABLES.has(key) && typeof rightValue === 'string') {
    const specifier = versionComparison(`${operator}${rightValue}`);
    if (specifier !== null) return specifier.contains(leftValue, { prereleases: true });
  }
  return compareAsStrings(leftValue, operator, rightValue);
}

function evaluateList(markers: MarkerList, environment: Map<string, EnvironmentValue>): boolean {
  // `and` binds tighter than `or`: groups of and-ed results, or-ed together.
  const groups: boolean[][] = [[]];
  for (const entry of markers) {
    if (entry === 'or') groups.push([]);
    else if (entry === 'and') continue;
    else if (Array.isArray(entry)) groups[groups.length - 1].push(evaluateList(entry, environment));
    else groups[groups.length - 1].push(evaluateComparison(entry, environment));
  }
  return groups.some((group) => group.every(Boolean));
}

/**
 * Evaluate like `Marker.evaluate(environment, context)`. The third argument is either the
 * extra being installed or a full set of options. Throws UndefinedEnvironmentNameError
 * or UndefinedComparisonError where packaging raises.
 */
export function evaluateMarker(marker: Marker, environment: MarkerEnvironment, extraContext?: string | MarkerEvaluationOptions): boolean {
  const options: MarkerEvaluationOptions = typeof extraContext === 'string' ? { extra: extraContext } : (extraContext ?? {});
  return evaluateList(marker.tree, buildEnvironment(environment, options));
}

const PYTHON_VERSION = /^([0-9]+)\.([0-9]+)(?:\.([0-9]+))?((?:a|b|rc)[0-9]+)?(\+)?$/;

/**
 * The marker environment of CPython on Linux x86_64 for a Python version such as '3.7.3',
 * '3.7' (taken as 3.7.0) or '3.13.0rc1': what markers are evaluated against "on the
 * runtime". `platform_release` and `platform_version` (kernel details) are unknown and
 * left empty unless given in `overrides`.
 */
export function defaultLinuxCPythonEnvironment(pythonVersion: string, overrides: Partial<MarkerEnvironment> = {}): MarkerEnvironment {
  const match = PYTHON_VERSION.exec(pythonVersion.trim());
  if (match === null) throw new Error(`Not a Python version: ${JSON.stringify(pythonVersion)}`);
  const [, major, minor, micro, preRelease, plus] = match;
  const fullVersion = `${Number(major)}.${Number(minor)}.${Number(micro ?? 0)}${preRelease ?? ''}${plus ?? ''}`;
  return {
    implementation_name: 'cpython',
    implementation_version: fullVersion.replace(/\+$/, ''),
    os_name: 'posix',
    platform_machine: 'x86_64',
    platform_release: '',
    platform_system: 'Linux',
    platform_version: '',
    python_full_version: fullVersion,
    platform_python_implementation: 'CPython',
    python_version: `${Number(major)}.${Number(minor)}`,
    sys_platform: 'linux',
    ...overrides,
  };
}
