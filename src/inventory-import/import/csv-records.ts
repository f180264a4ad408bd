/**
 * RFC 4180 records, read in one linear pass. Besides the RFC: LF and lone CR end records as well
 * as CRLF (files saved on other systems), a leading byte-order mark is dropped (Excel writes one),
 * and a quote inside an unquoted field is kept literally, as Excel and Python's csv module do.
 */

export interface CsvRecord {
  /** The row a spreadsheet shows it on: the first record is row 1, blank lines count. */
  row: number;
  /** The physical line it starts on, which differs from `row` once a cell spans lines. */
  line: number;
  cells: string[];
}

export type CsvProblem =
  { kind: 'unterminated-quote'; row: number; line: number; cell: number } | { kind: 'text-after-closing-quote'; row: number; line: number; cell: number };

export interface CsvReadResult {
  /** Non-blank records only; a row of empty cells is what spreadsheets save for an empty row. */
  records: CsvRecord[];
  problems: CsvProblem[];
  /** True when reading stopped because there were more than `maxRecords` non-blank records. */
  exceededMaxRecords: boolean;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export function readCsvRecords(input: string, maxRecords: number): CsvReadResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const length = text.length;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let index = 0;
  let row = 0;
  let line = 1;

  while (index < length) {
    row += 1;
    const record: CsvRecord = { row, line, cells: [] };
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(index) === QUOTE) {
        const startLine = line;
        const parts: string[] = [];
        let segmentStart = index + 1;
        let cursor = segmentStart;
        let closed = false;
        while (cursor < length) {
          const code = text.charCodeAt(cursor);
          if (code === QUOTE) {
            parts.push(text.slice(segmentStart, cursor));
            if (text.charCodeAt(cursor + 1) === QUOTE) {
              parts.push('"');
              cursor += 2;
              segmentStart = cursor;
              continue;
            }
            cursor += 1;
            closed = true;
            break;
          }
          if (code === LF || (code === CR && text.charCodeAt(cursor + 1) !== LF)) line += 1;
          cursor += 1;
        }
        if (!closed) {
          // Everything after the opening quote was swallowed into one cell; nothing after it can be trusted.
          problems.push({ kind: 'unterminated-quote', row, line: startLine, cell: record.cells.length });
          return { records, problems, exceededMaxRecords: false };
        }
        const afterQuote = cursor;
        while (cursor < length && !isDelimiter(text.charCodeAt(cursor))) cursor += 1;
        const trailing = text.slice(afterQuote, cursor);
        // Spaces after the closing quote are harmless (cells are trimmed); anything else means
        // the quoting is broken and the cell is probably not what the admin meant.
        if (!/^[ \t]*$/.test(trailing)) {
          problems.push({ kind: 'text-after-closing-quote', row, line, cell: record.cells.length });
          parts.push(trailing);
        }
        value = parts.join('');
        index = cursor;
      } else {
        let cursor = index;
        while (cursor < length && !isDelimiter(text.charCodeAt(cursor))) cursor += 1;
        value = text.slice(index, cursor);
        index = cursor;
      }
      record.cells.push(value);
      const code = index < length ? text.charCodeAt(index) : -1;
      if (code === COMMA) {
        index += 1;
        if (index === length)
          record.cells.push(''); // "a,b," ends with an empty cell
        else continue;
      } else if (code === CR || code === LF) {
        index += code === CR && text.charCodeAt(index + 1) === LF ? 2 : 1;
        line += 1;
      }
      endOfRecord = true;
    }
    if (record.cells.every((cell) => cell === '')) continue;
    if (records.length === maxRecords) return { records, problems, exceededMaxRecords: true };
    records.push(record);
  }
  return { records, problems, exceededMaxRecords: false };
}

function isDelimiter(code: number): boolean {
  return code === COMMA || code === CR || code === LF;
}
