import { describe, it, expect } from 'vitest';
import { readCsvRecords } from './csv-records';

const cells = (text: string) => readCsvRecords(text, 1000).records.map((record) => record.cells);

describe('readCsvRecords', () => {
  it('splits records on CRLF, LF and lone CR', () => {
    expect(cells('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('reads quoted fields with escaped quotes, commas and line breaks', () => {
    expect(cells('"a ""b"", c","line1\r\nline2"\nx,y')).toEqual([
      ['a "b", c', 'line1\r\nline2'],
      ['x', 'y'],
    ]);
  });

  it('numbers rows as a spreadsheet does, and lines as an editor does', () => {
    const { records } = readCsvRecords('h1,h2\n"multi\nline",x\n\nlast,row\n', 1000);
    expect(records.map(({ row, line }) => ({ row, line }))).toEqual([
      { row: 1, line: 1 },
      { row: 2, line: 2 },
      { row: 4, line: 5 },
    ]);
  });

  it('drops a leading byte-order mark and a trailing empty line', () => {
    expect(cells('\uFEFFa,b\n')).toEqual([['a', 'b']]);
    expect(cells('a,b\r\n\r\n')).toEqual([['a', 'b']]);
  });

  it('skips rows whose cells are all empty, which spreadsheets save for empty rows', () => {
    expect(cells('a,b\n,\n"",""\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty cells, including a trailing one', () => {
    expect(cells('a,,c,\n')).toEqual([['a', '', 'c', '']]);
    expect(cells('a,')).toEqual([['a', '']]);
  });

  it('keeps a quote inside an unquoted field literally, as Excel does', () => {
    expect(cells('5" screen,b')).toEqual([['5" screen', 'b']]);
  });

  it('reports text after a closing quote but tolerates spaces there', () => {
    const result = readCsvRecords('"a"b,c\n"d"  ,e', 1000);
    expect(result.records.map((record) => record.cells)).toEqual([
      ['ab', 'c'],
      ['d', 'e'],
    ]);
    expect(result.problems).toEqual([{ kind: 'text-after-closing-quote', row: 1, line: 1, cell: 0 }]);
  });

  it('reports an unterminated quote at the row and line where it opened, and stops there', () => {
    const result = readCsvRecords('a,b\nc,"d\ne,f\ng,h', 1000);
    expect(result.records.map((record) => record.cells)).toEqual([['a', 'b']]);
    expect(result.problems).toEqual([{ kind: 'unterminated-quote', row: 2, line: 2, cell: 1 }]);
  });

  it('stops reading once there are more records than allowed', () => {
    const result = readCsvRecords('a\nb\n\nc\nd\n', 2);
    expect(result.exceededMaxRecords).toBe(true);
    expect(result.records).toHaveLength(2);
    expect(readCsvRecords('a\nb\n\n', 2).exceededMaxRecords).toBe(false);
  });

  it('reads nothing from an empty text', () => {
    expect(readCsvRecords('', 10)).toEqual({ records: [], problems: [], exceededMaxRecords: false });
  });
});
