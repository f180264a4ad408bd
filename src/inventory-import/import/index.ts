/**
 * Bulk import of groups, applications and deployments: parsing and validation into a plan, as
 * plain functions with no framework imports. The service checks the plan's references against
 * the database (`checkReferences`) and writes it in one transaction.
 */
export { checkReferences, type KnownInventory } from './check-references';
export { CSV_COLUMNS, type CsvColumn } from './inventory-csv-header';
export { LIST_SEPARATOR } from './email-list-cell';
export { compareInventoryErrors, describeLocation, type InventoryError, type InventoryLocation } from './inventory-error';
export { INVENTORY_DEFAULTS, type InventoryParseOptions } from './inventory-options';
export type {
  GroupRole,
  InventoryParseResult,
  InventoryPlan,
  InventoryReferences,
  PlannedApplication,
  PlannedDeployment,
  PlannedGroup,
  PlannedGroupMember,
} from './inventory-plan';
export { parseInventoryCsv } from './parse-inventory-csv';
export { parseInventoryJson } from './parse-inventory-json';
