/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, quote, CR or LF is quoted, its
 * quotes doubled), made safe to open in a spreadsheet: a text cell starting with =, +, -, @, tab
 * or CR would be run as a formula (CSV injection, OWASP), so it gets a leading apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvRow = (fields: ReadonlyArray<string | number | null>): string => `${fields.map(csvField).join(',')}\r\n`;
