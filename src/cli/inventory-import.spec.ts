import { describe, expect, it } from 'vitest';
import { badInput } from '../common/errors/domain-error';
import { describeInventoryErrors, inventoryFormatNamed, inventoryFormatOfFile } from './inventory-import';

describe('inventory file format', () => {
  it.each([
    ['inventory.csv', 'CSV'],
    ['exports/Inventory.CSV', 'CSV'],
    ['inventory.json', 'JSON'],
    ['inventory.Json', 'JSON'],
    ['inventory.xlsx', null],
    ['inventory', null],
    ['inventory.csv.bak', null],
    ['.csv', null],
  ])('%s is %s', (file, format) => {
    expect(inventoryFormatOfFile(file)).toBe(format);
  });

  it('takes csv or json in any case from --format, and nothing else', () => {
    expect(inventoryFormatNamed('csv')).toBe('CSV');
    expect(inventoryFormatNamed('JSON')).toBe('JSON');
    expect(inventoryFormatNamed('xml')).toBeNull();
    expect(inventoryFormatNamed('constructor')).toBeNull();
  });
});

describe('describeInventoryErrors', () => {
  it('prints one line a problem: row and column, JSON path, or the whole file', () => {
    const error = badInput('content', '3 problems', {
      errors: [
        { row: null, path: null, column: null, message: '2 more errors not listed' },
        { row: 4, path: null, column: 'runtime', message: 'runtime 99.1.0 is not a published runtime release' },
        { row: null, path: 'applications[0].slug', column: null, message: 'slug is missing' },
      ],
    });
    expect(describeInventoryErrors(error)).toEqual([
      '  the file: 2 more errors not listed',
      '  row 4, runtime: runtime 99.1.0 is not a published runtime release',
      '  applications[0].slug: slug is missing',
    ]);
  });

  it('falls back to the message when the error lists no problems', () => {
    expect(describeInventoryErrors(badInput('content', 'the inventory is not valid'))).toEqual(['  the inventory is not valid']);
  });
});
