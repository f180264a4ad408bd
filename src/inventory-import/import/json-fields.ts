import { closestName } from './closest-name';
import { jsonLocation, WHOLE_FILE } from './inventory-error';
import type { FieldCollector } from './field-collector';

export type JsonObject = Record<string, unknown>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_SHOWN_KEY = 60;

/**
 * `applications[3].name`. A key that is not an identifier is bracketed so the path stays
 * readable, and a long one (only a hostile file has those) is cut so the error stays small.
 */
export function childPath(path: string, key: string): string {
  if (key.length > MAX_SHOWN_KEY) return `${path}[${JSON.stringify(`${key.slice(0, MAX_SHOWN_KEY)}…`)}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function itemPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return 'true/false';
  return `a ${typeof value}`;
}

/** Own properties only: a key such as "constructor" in the file must not find Object.prototype's. */
function ownValue(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * `value` as an object with only `keys`. Unknown keys are errors because a misspelt optional key
 * ("repositoryURL") would otherwise be dropped without a word. The object is returned even then,
 * so its known keys are still checked and every error is reported in one pass.
 */
export function readObject(value: unknown, path: string, keys: readonly string[], what: string, fields: FieldCollector): JsonObject | null {
  if (!isJsonObject(value)) {
    fields.fail(path === '' ? WHOLE_FILE : jsonLocation(path), `${path || 'the file'} must be ${what} (an object in braces); got ${describeJsonType(value)}`);
    return null;
  }
  for (const key of Object.keys(value)) {
    if (keys.includes(key)) continue;
    fields.fail(jsonLocation(childPath(path, key)), () => {
      const guess = closestName(key, keys);
      const hint = guess === null ? '' : ` (did you mean "${guess}"?)`;
      return `unknown key ${JSON.stringify(key.slice(0, 60))}${hint}; ${what} has the keys ${keys.join(', ')}`;
    });
  }
  return value;
}

/** A string field; absent or null reads as '' so the field's own check decides whether that is allowed. */
export function readText(object: JsonObject, key: string, path: string, fields: FieldCollector): string | undefined {
  const value = ownValue(object, key);
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  fields.fail(jsonLocation(childPath(path, key)), `${key} must be a string in double quotes; got ${describeJsonType(value)}`);
  return undefined;
}

/** A list field; absent or null reads as an empty list. */
export function readList(object: JsonObject, key: string, path: string, fields: FieldCollector): unknown[] {
  const value = ownValue(object, key);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  fields.fail(jsonLocation(childPath(path, key)), `${key} must be a list in square brackets; got ${describeJsonType(value)}`);
  return [];
}

/** The length of a list field, without reporting anything: for counting records before reading them. */
export function listLength(value: unknown, key: string): number {
  if (!isJsonObject(value)) return 0;
  const list = ownValue(value, key);
  return Array.isArray(list) ? list.length : 0;
}
