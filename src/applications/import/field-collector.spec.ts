import { describe, it, expect } from 'vitest';
import { invalid, valid } from './checked';
import { FieldCollector } from './field-collector';
import { csvLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';

describe('FieldCollector', () => {
  it('passes valid values through and reports every invalid one', () => {
    const errors = new InventoryErrorList(10);
    const fields = new FieldCollector(errors);
    expect(fields.take(csvLocation(2, 'name'), valid('Lab'))).toBe('Lab');
    expect(fields.ok).toBe(true);
    expect(fields.take(csvLocation(2, 'department'), invalid('department is required'))).toBeUndefined();
    expect(fields.take(csvLocation(2, 'group'), invalid('group is required'))).toBeUndefined();
    expect(fields.ok).toBe(false);
    expect(errors.toArray().map((error) => error.column)).toEqual(['department', 'group']);
  });

  it('builds a lazy message only when the error is kept', () => {
    const errors = new InventoryErrorList(1);
    const fields = new FieldCollector(errors);
    let built = 0;
    const message = () => `built ${(built += 1)}`;
    fields.fail(csvLocation(2), message);
    fields.fail(csvLocation(3), message);
    expect(built).toBe(1);
    expect(errors.count).toBe(2);
  });
});
