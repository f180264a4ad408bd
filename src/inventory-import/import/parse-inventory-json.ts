import { WHOLE_FILE, jsonLocation, type InventoryLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';
import { readApplicationEntry, readGroupEntry } from './inventory-json-entries';
import { resolveInventoryOptions, type InventoryParseOptions } from './inventory-options';
import type { InventoryParseResult } from './inventory-plan';
import { InventoryPlanBuilder, type PlanField } from './inventory-plan-builder';
import { checkInputSize } from './input-size';
import { FieldCollector } from './field-collector';
import { itemPath, listLength, readList, readObject } from './json-fields';
import { parseJsonWithPosition } from './json-syntax';

const TOP_LEVEL_KEYS = ['groups', 'applications'] as const;
const EXPECTED_SHAPE = 'expected an object such as {"groups": [...], "applications": [...]}';

const KEY_OF_FIELD: Record<PlanField, string> = {
  name: 'name',
  department: 'department',
  group: 'group',
  contacts: 'contacts',
  repositoryUrl: 'repositoryUrl',
  description: 'description',
  environment: 'environment',
  runtime: 'runtime',
  commit: 'commit',
  deployedAt: 'deployedAt',
  groupName: 'name',
  groupOwners: 'members',
  groupMembers: 'members',
};

function locateJsonField(at: InventoryLocation, field: PlanField): InventoryLocation {
  return jsonLocation(`${at.path}.${KEY_OF_FIELD[field]}`);
}

/** Groups, applications and deployments: what the row limit counts in a JSON file. */
function countRecords(groups: unknown[], applications: unknown[]): number {
  return applications.reduce<number>((count, application) => count + listLength(application, 'deployments'), groups.length + applications.length);
}

/**
 * Reads an inventory JSON document (the shape is described in FORMAT.md) into a plan, reporting
 * every problem with its JSON path. Never throws on file content.
 */
export function parseInventoryJson(text: string, options: InventoryParseOptions = {}): InventoryParseResult {
  const resolved = resolveInventoryOptions(options);
  const errors = new InventoryErrorList(resolved.maxErrors);
  const builder = new InventoryPlanBuilder(errors, locateJsonField);
  const result = () => ({ plan: builder.build(), errors: errors.toArray() });
  if (!checkInputSize(text, resolved.maxBytes, errors, EXPECTED_SHAPE)) return result();

  const parsed = parseJsonWithPosition(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) {
    errors.add(WHOLE_FILE, `the file is not valid JSON: ${parsed.message} at line ${parsed.line}, column ${parsed.column}`);
    return result();
  }
  const fields = new FieldCollector(errors);
  const root = readObject(parsed.value, '', TOP_LEVEL_KEYS, 'an inventory', fields);
  if (root === null) return result();
  const groups = readList(root, 'groups', '', fields);
  const applications = readList(root, 'applications', '', fields);
  if (groups.length === 0 && applications.length === 0) {
    if (fields.ok) errors.add(WHOLE_FILE, `the file has no groups and no applications; ${EXPECTED_SHAPE}`);
    return result();
  }
  if (countRecords(groups, applications) > resolved.maxRows) {
    errors.add(WHOLE_FILE, `the file has more than ${resolved.maxRows} groups, applications and deployments together, the most one import accepts; split it`);
    return result();
  }
  const context = { builder, errors, dates: { timeZone: resolved.timeZone, now: resolved.now, midnights: new Map<string, number>() } };
  groups.forEach((group, index) => readGroupEntry(group, itemPath('groups', index), context));
  applications.forEach((application, index) => readApplicationEntry(application, itemPath('applications', index), context));
  return result();
}
