import { describe, it, expect } from 'vitest';
import { INVENTORY_DEFAULTS, resolveInventoryOptions } from './inventory-options';

describe('resolveInventoryOptions', () => {
  it('fills in the campus time zone and the default limits', () => {
    expect(resolveInventoryOptions()).toEqual({ ...INVENTORY_DEFAULTS, now: null });
    expect(INVENTORY_DEFAULTS.timeZone).toBe('America/Chicago');
  });

  it('throws on options a caller got wrong, since they do not come from the file', () => {
    expect(() => resolveInventoryOptions({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => resolveInventoryOptions({ maxRows: 0 })).toThrow(/maxRows/);
    expect(() => resolveInventoryOptions({ maxBytes: 1.5 })).toThrow(/maxBytes/);
    expect(() => resolveInventoryOptions({ now: new Date(Number.NaN) })).toThrow(/now/);
  });
});
