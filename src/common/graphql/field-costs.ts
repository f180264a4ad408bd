/**
 * This service's fields whose work grows with their input, for the operation cost estimate
 * (operation-cost.ts). Everything else costs 1 per object it is asked on.
 */
import type { FieldCostRules } from './operation-cost';

/** Scanning is the most CPU a request can ask for: about 1 ms per KiB on these machines. */
const SCAN_COST_PER_KIB = 10;
/** maintenanceWindows walks the calendar day by day: about 12 ms for two years here, some 16 µs a day. */
const COST_PER_CALENDAR_DAY = 10;
/**
 * A lifecycle sweep reads every application on a release near its end of support and writes
 * thousands of rows: priced like a large list, so one request cannot alias dozens of them.
 */
const LIFECYCLE_SWEEP_COST = 5_000;
/** Any other text handed in (imports, notes) costs its reading. */
const TEXT_COST_PER_KIB = 1;

/**
 * Migration figures aggregate every migration of a release (thousands of rows, a year of
 * transitions) in one statement: priced like a page of 100 objects.
 */
const MIGRATION_AGGREGATE_COST = 100;
/** A migration's history returns up to `latest` transitions, not the assumed 10 of a list. */
const migrationHistoryCost = (args: Record<string, unknown>): number => (typeof args.latest === 'number' ? args.latest : 100);

const utf8Bytes = (value: unknown): number => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);

function contentBytes(files: unknown): number {
  if (!Array.isArray(files)) return 0;
  let total = 0;
  for (const file of files) total += utf8Bytes((file as { content?: unknown } | null)?.content);
  return total;
}

/** Characters of text anywhere in the arguments, nested inputs included. */
function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((total: number, item) => total + textLength(item), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((total: number, item) => total + textLength(item), 0);
  return 0;
}

function daysBetween(from: unknown, to: unknown): number {
  const days = (Date.parse(String(to)) - Date.parse(String(from))) / 86_400_000 + 1;
  return Number.isFinite(days) && days > 0 ? Math.ceil(days) : 1;
}

export function scanBytesOf(typeName: string, fieldName: string, args: Record<string, unknown>): number {
  const field = `${typeName}.${fieldName}`;
  if (field === 'Query.scanRequirements') return utf8Bytes(args.content);
  if (field === 'Query.scanFiles') return contentBytes(args.files);
  if (field === 'Mutation.submitRequirements') return contentBytes((args.input as { files?: unknown } | undefined)?.files);
  return 0;
}

/**
 * The cost rules of this service. A scan larger than `maxScanBytes` costs nothing: the scanner
 * refuses it before reading it, naming the file at fault.
 */
export function fieldCosts(maxScanBytes: number): FieldCostRules {
  return {
    ownCost(typeName, fieldName, args) {
      const field = `${typeName}.${fieldName}`;
      if (field === 'Query.maintenanceWindows') return COST_PER_CALENDAR_DAY * daysBetween(args.from, args.to);
      if (field === 'Mutation.runLifecycleSweep') return LIFECYCLE_SWEEP_COST;
      if (field === 'Query.migrationSummary' || field === 'Query.migrationBurndown') return MIGRATION_AGGREGATE_COST;
      if (field === 'Migration.history') return migrationHistoryCost(args);
      const scanned = scanBytesOf(typeName, fieldName, args);
      if (scanned > maxScanBytes) return 0;
      if (scanned > 0) return Math.ceil((scanned / 1024) * SCAN_COST_PER_KIB);
      return Math.floor((textLength(args) / 1024) * TEXT_COST_PER_KIB);
    },
    scanBytes: scanBytesOf,
  };
}
