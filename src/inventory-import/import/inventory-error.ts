/**
 * Where something in an uploaded inventory is, and what is wrong there. CSV locations carry the
 * row as a spreadsheet numbers it (header = row 1) and the column name; JSON locations carry a
 * path such as `applications[3].deployments[0].environment`. Problems with the whole file have
 * neither.
 */
export interface InventoryLocation {
  row: number | null;
  path: string | null;
  column: string | null;
}

export interface InventoryError extends InventoryLocation {
  message: string;
}

export const WHOLE_FILE: InventoryLocation = Object.freeze({ row: null, path: null, column: null });

export function csvLocation(row: number, column: string | null = null): InventoryLocation {
  return { row, path: null, column };
}

export function jsonLocation(path: string): InventoryLocation {
  return { row: null, path, column: null };
}

/** How a message refers to a location: "row 7" or "applications[2]". */
export function describeLocation(at: InventoryLocation): string {
  if (at.row !== null) return `row ${at.row}`;
  if (at.path !== null) return at.path;
  return 'the file';
}

/**
 * File-level errors first, then by row, then by path. Paths compare as text, which keeps a
 * stable order (`applications[10]` sorts before `applications[2]`; callers wanting file order
 * should keep the order the parsers return).
 */
export function compareInventoryErrors(a: InventoryError, b: InventoryError): number {
  const rank = (error: InventoryError) => (error.row === null && error.path === null ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a.row !== b.row) return (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER);
  if (a.path !== b.path) return (a.path ?? '') < (b.path ?? '') ? -1 : 1;
  return 0;
}
