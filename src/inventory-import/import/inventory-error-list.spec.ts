import { describe, it, expect } from 'vitest';
import { csvLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';

describe('InventoryErrorList', () => {
  it('keeps errors in the order they were added', () => {
    const list = new InventoryErrorList(10);
    list.add(csvLocation(3, 'name'), 'first');
    list.add(csvLocation(2), 'second');
    expect(list.toArray()).toEqual([
      { row: 3, path: null, column: 'name', message: 'first' },
      { row: 2, path: null, column: null, message: 'second' },
    ]);
  });

  it('keeps at most the limit and counts the rest in a closing error', () => {
    const list = new InventoryErrorList(2);
    for (let row = 2; row < 7; row += 1) list.add(csvLocation(row), `bad row ${row}`);
    expect(list.count).toBe(5);
    const errors = list.toArray();
    expect(errors).toHaveLength(3);
    expect(errors[2]).toEqual({
      row: null,
      path: null,
      column: null,
      message: '3 more errors not listed (only the first 2 are shown); fix these and upload again',
    });
  });
});
