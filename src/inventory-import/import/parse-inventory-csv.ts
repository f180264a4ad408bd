import { readCsvRecords, type CsvProblem } from './csv-records';
import { columnLetter, CSV_COLUMNS, type CsvHeader, EXPECTED_COLUMNS_TEXT, normaliseColumnName, readCsvHeader } from './inventory-csv-header';
import { readInventoryCsvRow, type CsvRowContext } from './inventory-csv-row';
import { csvLocation, WHOLE_FILE, type InventoryLocation } from './inventory-error';
import { InventoryErrorList } from './inventory-error-list';
import { resolveInventoryOptions, type InventoryParseOptions } from './inventory-options';
import type { InventoryParseResult } from './inventory-plan';
import { InventoryPlanBuilder, type PlanField } from './inventory-plan-builder';
import { checkInputSize } from './input-size';

const COLUMN_OF_FIELD: Record<PlanField, string> = {
  name: 'name',
  department: 'department',
  group: 'group',
  contacts: 'contacts',
  repositoryUrl: 'repository_url',
  description: 'description',
  environment: 'environment',
  runtime: 'runtime',
  commit: 'commit',
  deployedAt: 'deployed_at',
  groupName: 'group_name',
  groupOwners: 'group_owners',
  groupMembers: 'group_members',
};

function locateCsvField(at: InventoryLocation, field: PlanField): InventoryLocation {
  return { row: at.row, path: null, column: COLUMN_OF_FIELD[field] };
}

/** The column a cell index falls in, by header name once the header is known. */
function columnAt(cell: number, headerCells: string[] | null): string | null {
  if (headerCells === null || cell >= headerCells.length) return null;
  const name = normaliseColumnName(headerCells[cell]);
  return CSV_COLUMNS.find((column) => column === name) ?? (headerCells[cell].trim() || null);
}

function reportCsvProblem(problem: CsvProblem, headerCells: string[] | null, errors: InventoryErrorList): void {
  const column = problem.row === 1 ? null : columnAt(problem.cell, headerCells);
  const where = `column ${problem.cell + 1} (${columnLetter(problem.cell)})${column === null ? '' : `, ${column}`}`;
  const message =
    problem.kind === 'unterminated-quote'
      ? `a quoted cell in ${where} opens on line ${problem.line} but its closing double quote is missing, so the rest of the file could not be read; ` +
        'close the quote, and write a double quote inside a quoted cell as ""'
      : `the quoted cell in ${where} has text after its closing double quote; quote the whole cell and write a double quote inside it as ""`;
  errors.add(csvLocation(problem.row, column), message);
}

/**
 * Reads an inventory CSV (the columns are described in FORMAT.md) into a plan, reporting every
 * problem with its spreadsheet row and column. Never throws on file content.
 */
export function parseInventoryCsv(text: string, options: InventoryParseOptions = {}): InventoryParseResult {
  const resolved = resolveInventoryOptions(options);
  const errors = new InventoryErrorList(resolved.maxErrors);
  const builder = new InventoryPlanBuilder(errors, locateCsvField);
  const result = () => ({ plan: builder.build(), errors: errors.toArray() });
  if (!checkInputSize(text, resolved.maxBytes, errors, `expected a header row, ${EXPECTED_COLUMNS_TEXT}`)) return result();

  const { records, problems, exceededMaxRecords } = readCsvRecords(text, resolved.maxRows + 1);
  if (exceededMaxRecords) {
    errors.add(WHOLE_FILE, `the file has more than ${resolved.maxRows} data rows, the most one import accepts; split it into smaller files`);
    return result();
  }
  const headerRecord = records.length > 0 && records[0].row === 1 ? records[0] : null;
  const headerCells = headerRecord?.cells ?? null;
  // A row with a quoting problem is reported instead of read: its cells are not what the admin
  // meant. Reporting it when its turn comes keeps the errors in row order.
  const problemsByRow = new Map<number, CsvProblem[]>();
  for (const problem of problems) {
    const sameRow = problemsByRow.get(problem.row);
    if (sameRow) sameRow.push(problem);
    else problemsByRow.set(problem.row, [problem]);
  }
  const reportProblemsOf = (row: number): boolean => {
    const found = problemsByRow.get(row);
    if (found === undefined) return false;
    found.forEach((problem) => reportCsvProblem(problem, headerCells, errors));
    problemsByRow.delete(row);
    return true;
  };
  const reportRemainingProblems = () => [...problemsByRow.keys()].forEach(reportProblemsOf); // e.g. an unterminated quote

  if (headerRecord === null) {
    if (problems.length === 0) errors.add(csvLocation(1), `row 1 must be the header row but it is empty; ${EXPECTED_COLUMNS_TEXT}`);
    reportRemainingProblems();
    return result();
  }
  if (reportProblemsOf(1)) return result();
  const header: CsvHeader | null = readCsvHeader(headerRecord.cells, errors);
  if (header === null) return result();
  if (records.length === 1 && problems.length === 0) {
    errors.add(WHOLE_FILE, 'the file has a header but no data rows');
    return result();
  }
  const context: CsvRowContext = {
    header,
    builder,
    errors,
    dates: { timeZone: resolved.timeZone, now: resolved.now, midnights: new Map() },
    validated: { applications: new Map(), groups: new Map() },
  };
  for (let index = 1; index < records.length; index += 1) {
    if (!reportProblemsOf(records[index].row)) readInventoryCsvRow(records[index], context);
  }
  reportRemainingProblems();
  return result();
}
