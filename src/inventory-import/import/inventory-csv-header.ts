import { closestName } from './closest-name';
import { csvLocation } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';
import { showValue } from '../../common/input-rules/show-value';

export const REQUIRED_COLUMNS = ['application', 'name', 'department', 'group'] as const;
export const OPTIONAL_APPLICATION_COLUMNS = ['contacts', 'repository_url', 'description'] as const;
export const DEPLOYMENT_COLUMNS = ['environment', 'runtime', 'commit', 'deployed_at'] as const;
export const GROUP_DEFINITION_COLUMNS = ['group_name', 'group_owners', 'group_members'] as const;

export const CSV_COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_APPLICATION_COLUMNS, ...DEPLOYMENT_COLUMNS, ...GROUP_DEFINITION_COLUMNS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const HEADER_ROW = 1;

export const EXPECTED_COLUMNS_TEXT =
  `expected columns: ${REQUIRED_COLUMNS.join(', ')} (required); ${OPTIONAL_APPLICATION_COLUMNS.join(', ')} (optional); ` +
  `${DEPLOYMENT_COLUMNS.join(', ')} (optional, all four or none); ${GROUP_DEFINITION_COLUMNS.join(', ')} (optional, group_name needed with the others)`;

export interface CsvHeader {
  /** The position of each column present. */
  indexOf: ReadonlyMap<CsvColumn, number>;
  /** How many cells every row must have. */
  width: number;
}

/** "Repository URL" and "deployed-at" mean repository_url and deployed_at: people retype headers. */
export function normaliseColumnName(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Spreadsheet column letters, so an admin can find "column 28" as AB. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

function isCsvColumn(name: string): name is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

function checkColumnsGoTogether(present: ReadonlyMap<CsvColumn, number>, errors: InventoryErrorList): void {
  const deploymentPresent = DEPLOYMENT_COLUMNS.filter((column) => present.has(column));
  if (deploymentPresent.length > 0) {
    for (const column of DEPLOYMENT_COLUMNS.filter((name) => !present.has(name))) {
      errors.add(
        csvLocation(HEADER_ROW, column),
        `missing column ${showValue(column)}: the deployment columns ${DEPLOYMENT_COLUMNS.join(', ')} go together (found ${deploymentPresent.join(', ')}); ${EXPECTED_COLUMNS_TEXT}`,
      );
    }
  }
  const membersWithoutName = (['group_owners', 'group_members'] as const).filter((column) => present.has(column));
  if (membersWithoutName.length > 0 && !present.has('group_name')) {
    errors.add(
      csvLocation(HEADER_ROW, 'group_name'),
      `missing column "group_name": it is needed with ${membersWithoutName.join(' and ')} to define groups; ${EXPECTED_COLUMNS_TEXT}`,
    );
  }
}

/** The columns of a header row, or null after reporting everything wrong with it. */
export function readCsvHeader(cells: string[], errors: InventoryErrorList): CsvHeader | null {
  const before = errors.count;
  if (cells.length === 1 && cells[0].includes(';')) {
    errors.add(
      csvLocation(HEADER_ROW),
      'the header is a single column containing ";": the file seems to separate columns with semicolons; save it as "CSV (comma delimited)" instead; ' +
        EXPECTED_COLUMNS_TEXT,
    );
    return null;
  }
  if (!cells.some((cell) => isCsvColumn(normaliseColumnName(cell)))) {
    // Most likely the header was left out and this is the first data row: one error, not one per cell.
    errors.add(
      csvLocation(HEADER_ROW),
      `row 1 must be the header row, but none of its cells is a column name (it starts with ${showValue(cells[0] ?? '')}); ${EXPECTED_COLUMNS_TEXT}`,
    );
    return null;
  }
  const indexOf = new Map<CsvColumn, number>();
  cells.forEach((cell, index) => {
    const name = normaliseColumnName(cell);
    const position = `column ${index + 1} (${columnLetter(index)})`;
    if (name === '') {
      errors.add(csvLocation(HEADER_ROW), `${position} has no name in the header; name it or delete the column; ${EXPECTED_COLUMNS_TEXT}`);
    } else if (!isCsvColumn(name)) {
      errors.add(csvLocation(HEADER_ROW, cell.trim()), () => {
        const guess = closestName(name, CSV_COLUMNS);
        const hint = guess === null ? '' : ` (did you mean ${showValue(guess)}?)`;
        return `unknown column ${showValue(cell.trim())} in ${position}${hint}; ${EXPECTED_COLUMNS_TEXT}`;
      });
    } else if (indexOf.has(name)) {
      const first = indexOf.get(name)!;
      errors.add(
        csvLocation(HEADER_ROW, name),
        `column ${showValue(name)} appears twice, in column ${first + 1} (${columnLetter(first)}) and ${position}; keep one`,
      );
    } else {
      indexOf.set(name, index);
    }
  });
  for (const column of REQUIRED_COLUMNS.filter((name) => !indexOf.has(name))) {
    errors.add(csvLocation(HEADER_ROW, column), `missing required column ${showValue(column)}; ${EXPECTED_COLUMNS_TEXT}`);
  }
  checkColumnsGoTogether(indexOf, errors);
  return errors.count === before ? { indexOf, width: cells.length } : null;
}
