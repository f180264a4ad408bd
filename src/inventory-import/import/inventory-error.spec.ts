import { describe, it, expect } from 'vitest';
import { compareInventoryErrors, csvLocation, describeLocation, jsonLocation, WHOLE_FILE, type InventoryError } from './inventory-error';

const error = (at: { row: number | null; path: string | null; column: string | null }, message = 'x'): InventoryError => ({ ...at, message });

describe('describeLocation', () => {
  it('names a row, a path or the file', () => {
    expect(describeLocation(csvLocation(7, 'name'))).toBe('row 7');
    expect(describeLocation(jsonLocation('applications[2].name'))).toBe('applications[2].name');
    expect(describeLocation(WHOLE_FILE)).toBe('the file');
  });
});

describe('compareInventoryErrors', () => {
  it('puts file-level errors first, then rows in order, then paths', () => {
    const sorted = [error(csvLocation(10)), error(jsonLocation('groups[0]')), error(WHOLE_FILE), error(csvLocation(2))].sort(compareInventoryErrors);
    expect(sorted.map(describeLocation)).toEqual(['the file', 'row 2', 'row 10', 'groups[0]']);
  });
});
