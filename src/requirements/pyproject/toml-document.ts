/**
 * Reading a TOML file (pyproject.toml, Pipfile) into plain values plus key locations,
 * with `@iarna/toml`'s gaps covered: a leading byte-order mark is dropped, and its
 * errors (0-based rows) become a 1-based line.
 */
import TOML from '@iarna/toml';
import type { ParsedFile } from '../file-model/model';
import { observe } from '../file-model/observe';
import { locateTomlKeys, TomlLocations, type TomlPath } from './toml-locations';

export type TomlTable = Record<string, unknown>;

export interface TomlDocument {
  root: TomlTable;
  locations: TomlLocations;
}

export class TomlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
  }
}

interface IarnaError {
  line?: number;
  message: string;
}

export function readTomlDocument(content: string): TomlDocument {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  let root: TomlTable;
  try {
    root = TOML.parse(text);
  } catch (error) {
    const { line, message } = error as IarnaError;
    // iarna appends a source excerpt after the first line; the finding names the line instead.
    throw new TomlSyntaxError(`Invalid TOML: ${String(message).split('\n')[0]}`, typeof line === 'number' ? line + 1 : null);
  }
  let locations: TomlLocations;
  try {
    locations = locateTomlKeys(text);
  } catch {
    locations = new TomlLocations();
  }
  return { root, locations };
}

/** For a reader whose whole file is TOML: a syntax error means nothing else in it could be read. */
export const TOML_SYNTAX_HINT = 'Fix the TOML syntax; nothing else in the file could be read.';

/**
 * The document, or null once its syntax error is recorded on `parsed` as a PARSE_ERROR
 * with `hint` (the readers go on with an empty result: the rest of the file is unknown).
 */
export function readTomlDocumentOrObserve(parsed: ParsedFile, content: string, hint: string): TomlDocument | null {
  try {
    return readTomlDocument(content);
  } catch (error) {
    if (!(error instanceof TomlSyntaxError)) throw error;
    observe(parsed, 'PARSE_ERROR', error.line, error.message, hint);
    return null;
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The value at a key path, or undefined when a step is missing or not a table. */
export function valueAt(root: TomlTable, path: readonly string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (!isTable(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** 1-based line of a key path, falling back to its nearest written ancestor, then line 1. */
export function lineOf(document: TomlDocument, path: TomlPath): number {
  return document.locations.lineOf(path) ?? 1;
}

export function describeTomlValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (isTable(value)) return 'a table';
  return `${typeof value === 'string' ? 'the string' : 'the ' + typeof value} ${JSON.stringify(value)}`;
}
