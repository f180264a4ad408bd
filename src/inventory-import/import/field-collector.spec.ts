import { describe, it, expect } from 'vitest';
import { FieldCollector } from './field-collector';
import { csvLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';

describe('FieldCollector', () => {
  it('is ok until a field fails, and reports every failure', () => {
    const errors = new InventoryErrorList(10);
    const fields = new FieldCollector(errors);
    expect(fields.ok).toBe(true);
    fields.fail(csvLocation(2, 'department'), 'department is required');
    fields.fail(csvLocation(2, 'group'), 'group is required');
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
