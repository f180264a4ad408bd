import { describe, it, expect } from 'vitest';
import { columnLetter, normaliseColumnName, readCsvHeader } from './inventory-csv-header';
import { InventoryErrorList } from './inventory-error-list';

function read(cells: string[]) {
  const errors = new InventoryErrorList(100);
  const header = readCsvHeader(cells, errors);
  return { header, errors: errors.toArray() };
}

describe('readCsvHeader', () => {
  it('maps each column to its position, accepting retyped names', () => {
    const { header, errors } = read(['Application', ' Name ', 'DEPARTMENT', 'group', 'Repository URL', 'deployed-at', 'environment', 'runtime', 'commit']);
    expect(errors).toEqual([]);
    expect(header?.width).toBe(9);
    expect(header?.indexOf.get('repository_url')).toBe(4);
    expect(header?.indexOf.get('deployed_at')).toBe(5);
  });

  it('names each missing required column and lists the expected ones', () => {
    const { header, errors } = read(['application', 'name']);
    expect(header).toBeNull();
    expect(errors.map((error) => error.column)).toEqual(['department', 'group']);
    expect(errors[0]).toMatchObject({ row: 1, path: null });
    expect(errors[0].message).toMatch(/^missing required column "department"; expected columns: application, name, department, group \(required\)/);
  });

  it('names an unknown column with its position and a likely meant name', () => {
    const { errors } = read(['application', 'name', 'department', 'group', 'enviroment']);
    expect(errors[0]).toMatchObject({ row: 1, column: 'enviroment' });
    expect(errors[0].message).toMatch(/^unknown column "enviroment" in column 5 \(E\) \(did you mean "environment"\?\); expected columns/);
  });

  it('names a duplicate column and both positions', () => {
    const { errors } = read(['application', 'name', 'department', 'group', 'Name']);
    expect(errors).toEqual([{ row: 1, path: null, column: 'name', message: 'column "name" appears twice, in column 2 (B) and column 5 (E); keep one' }]);
  });

  it('refuses a column without a name', () => {
    const { errors } = read(['application', 'name', 'department', 'group', '']);
    expect(errors[0].message).toMatch(/^column 5 \(E\) has no name in the header/);
  });

  it('requires the deployment columns together', () => {
    const { errors } = read(['application', 'name', 'department', 'group', 'environment', 'runtime']);
    expect(errors.map((error) => error.column)).toEqual(['commit', 'deployed_at']);
    expect(errors[0].message).toContain('go together (found environment, runtime)');
  });

  it('requires group_name with group_owners or group_members', () => {
    const { errors } = read(['application', 'name', 'department', 'group', 'group_owners']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ column: 'group_name' });
  });

  it('says once that row 1 must be the header when it looks like data', () => {
    const { errors } = read(['my-app', 'My App', 'Physics', 'physics']);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^row 1 must be the header row, but none of its cells is a column name \(it starts with "my-app"\)/);
  });

  it('recognises a file saved with semicolons between columns', () => {
    const { errors } = read(['application;name;department;group']);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('separate columns with semicolons');
  });
});

describe('normaliseColumnName', () => {
  it('lower-cases and joins words with underscores', () => {
    expect(normaliseColumnName('  Group  Owners ')).toBe('group_owners');
  });
});

describe('columnLetter', () => {
  it('numbers columns as spreadsheets letter them', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
