import { isKnownTimeZone } from '../../calendar/zoned-time';

export interface InventoryParseOptions {
  /** IANA zone in which a date-only `deployedAt` means midnight. Default: campus time, America/Chicago. */
  timeZone?: string;
  /** Largest accepted file, in UTF-8 bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Most data rows (CSV) or records (JSON: groups + applications + deployments). Default 50 000. */
  maxRows?: number;
  /** Most errors listed; the rest are counted in a final error. Default 1 000. */
  maxErrors?: number;
  /** When given, deployments later than this (plus a few minutes of clock skew) are errors. */
  now?: Date;
}

export type ResolvedInventoryOptions = Required<Omit<InventoryParseOptions, 'now'>> & { now: Date | null };

export const INVENTORY_DEFAULTS = Object.freeze({
  timeZone: 'America/Chicago',
  maxBytes: 10 * 1024 * 1024,
  maxRows: 50_000,
  maxErrors: 1_000,
});

function requirePositiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number; got ${value}`);
  return value;
}

/**
 * Options come from the service, not from the uploaded file, so a bad one is a programming error
 * and throws; everything read from the file is reported as an `InventoryError` instead.
 */
export function resolveInventoryOptions(options: InventoryParseOptions = {}): ResolvedInventoryOptions {
  const timeZone = options.timeZone ?? INVENTORY_DEFAULTS.timeZone;
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`timeZone must be an IANA time zone such as America/Chicago; got ${JSON.stringify(timeZone)}`);
  const now = options.now ?? null;
  if (now !== null && Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');
  return {
    timeZone,
    maxBytes: requirePositiveInteger(options.maxBytes ?? INVENTORY_DEFAULTS.maxBytes, 'maxBytes'),
    maxRows: requirePositiveInteger(options.maxRows ?? INVENTORY_DEFAULTS.maxRows, 'maxRows'),
    maxErrors: requirePositiveInteger(options.maxErrors ?? INVENTORY_DEFAULTS.maxErrors, 'maxErrors'),
    now,
  };
}
