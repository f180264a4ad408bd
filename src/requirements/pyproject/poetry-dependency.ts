/**
 * One entry of a Poetry dependency table (`requests = "^2.31"`, `{ version, python,
 * markers, extras, git, path, url, ... }`, or a list of such tables) translated to PEP
 * 508 requirement text with the meaning Poetry gives it (poetry-core `Factory.create_dependency`).
 */
import type { SpecifierClause } from '../types';
import { hullSpecifiers, parsePoetryConstraint, pythonMarkerOfConstraint, type PoetryConstraint } from './poetry-constraint';
import { describeTomlValue, isTable, type TomlTable } from './toml-document';

export class PoetryDependencyError extends Error {}

export interface TranslatedDependency {
  /** PEP 508 text to parse (name, extras, specifiers or URL, marker). */
  requirement: string;
  editable: boolean;
  alternatives: SpecifierClause[][] | null;
  /** The named source (`source = "internal"`), if any. */
  sourceName: string | null;
  optional: boolean;
}

function clausesText(clauses: SpecifierClause[]): string {
  return clauses.map((clause) => `${clause.operator}${clause.version}`).join(',');
}

function stringField(table: TomlTable, key: string): string | null {
  const value = table[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw new PoetryDependencyError(`"${key}" must be a string, not ${describeTomlValue(value)}`);
  return value;
}

function parseConstraint(text: string, what: string): PoetryConstraint {
  try {
    return parsePoetryConstraint(text);
  } catch (error) {
    throw new PoetryDependencyError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Joins marker parts with `and`, parenthesising parts that contain `or`. */
export function joinMarkers(parts: Array<string | null>): string | null {
  const present = parts.filter((part): part is string => part !== null && part.trim() !== '');
  if (present.length === 0) return null;
  if (present.length === 1) return present[0];
  return present.map((part) => (/\bor\b/.test(part) ? `(${part})` : part)).join(' and ');
}

/** Poetry accepts scp-like git locations (`git@github.com:org/repo.git`); pip needs a URL. */
function gitUrl(location: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location)) return location.startsWith('git+') ? location : `git+${location}`;
  const scp = /^([^@/:]+@)?([^:/]+):(.*)$/.exec(location);
  if (scp) return `git+ssh://${scp[1] ?? ''}${scp[2]}/${scp[3]}`;
  return `git+file://${location}`;
}

function extrasText(table: TomlTable): string {
  const extras = table.extras;
  if (extras === undefined) return '';
  if (!Array.isArray(extras) || extras.some((extra) => typeof extra !== 'string')) {
    throw new PoetryDependencyError('"extras" must be a list of strings');
  }
  return extras.length === 0 ? '' : `[${extras.join(',')}]`;
}

function directReference(table: TomlTable): { url: string; editable: boolean } | null {
  const git = stringField(table, 'git');
  if (git !== null) {
    const reference = stringField(table, 'rev') ?? stringField(table, 'tag') ?? stringField(table, 'branch');
    const subdirectory = stringField(table, 'subdirectory');
    const url = `${gitUrl(git)}${reference ? `@${reference}` : ''}${subdirectory ? `#subdirectory=${subdirectory}` : ''}`;
    return { url, editable: table.develop === true };
  }
  const path = stringField(table, 'path');
  if (path !== null) return { url: path, editable: table.develop === true };
  const url = stringField(table, 'url');
  if (url !== null) return { url, editable: false };
  return null;
}

function translateTable(name: string, table: TomlTable): TranslatedDependency {
  const python = stringField(table, 'python');
  const platform = stringField(table, 'platform');
  const pythonMarker = python === null ? null : pythonMarkerOfConstraint(parseConstraint(python, `python "${python}"`));
  const marker = joinMarkers([stringField(table, 'markers'), pythonMarker, platform === null ? null : `sys_platform == "${platform}"`]);
  const markerSuffix = marker === null ? '' : ` ; ${marker}`;
  const extras = extrasText(table);
  const sourceName = stringField(table, 'source');
  const optional = table.optional === true;
  const reference = directReference(table);
  if (reference) {
    return { requirement: `${name}${extras} @ ${reference.url}${markerSuffix}`, editable: reference.editable, alternatives: null, sourceName, optional };
  }
  const versionText = stringField(table, 'version') ?? '*';
  const constraint = parseConstraint(versionText, `version "${versionText}"`);
  const specifiers = constraint.specifiers ?? hullSpecifiers(constraint);
  return {
    requirement: `${name}${extras}${clausesText(specifiers)}${markerSuffix}`,
    editable: false,
    alternatives: constraint.specifiers === null ? constraint.alternatives : null,
    sourceName,
    optional,
  };
}

/** Translates one table entry; a list (multiple-constraints dependency) is handled by the caller, element by element. */
export function translatePoetryDependency(name: string, value: unknown): TranslatedDependency {
  if (typeof value === 'string') return translateTable(name, { version: value });
  if (isTable(value)) return translateTable(name, value);
  throw new PoetryDependencyError(`dependency "${name}" must be a version string or a table, not ${describeTomlValue(value)}`);
}

/** The PEP 440 specifier sets of Poetry's `python = "..."` for the whole project. */
export function poetryPythonSpecifiers(text: string): string[] {
  const constraint = parseConstraint(text, `python "${text}"`);
  if (constraint.specifiers !== null) return [clausesText(constraint.specifiers)];
  return constraint.alternatives.map(clausesText);
}
