import { WHOLE_FILE } from './inventory-error';
import type { InventoryErrorList } from './inventory-error-list';

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reports a file over the size limit or with nothing in it (saying what was `expected`); true
 * when parsing may go on.
 * Every UTF-16 unit is at least one UTF-8 byte, so a text longer than the limit in units is
 * refused without being measured.
 */
export function checkInputSize(text: string, maxBytes: number, errors: InventoryErrorList, expected: string): boolean {
  const bytes = text.length > maxBytes ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    const size = text.length > maxBytes ? `more than ${describeBytes(maxBytes)}` : describeBytes(bytes);
    errors.add(WHOLE_FILE, `the file is ${size}; the limit is ${describeBytes(maxBytes)}; split it into smaller files`);
    return false;
  }
  // \s covers the byte-order mark too.
  if (/^\s*$/.test(text)) {
    errors.add(WHOLE_FILE, `the file is empty; ${expected}`);
    return false;
  }
  return true;
}
