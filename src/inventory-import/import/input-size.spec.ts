import { describe, it, expect } from 'vitest';
import { checkInputSize } from './input-size';
import { InventoryErrorList } from './inventory-error-list';

describe('checkInputSize', () => {
  const check = (text: string, maxBytes: number) => {
    const errors = new InventoryErrorList(10);
    return { accepted: checkInputSize(text, maxBytes, errors, 'expected a header row'), errors: errors.toArray() };
  };

  it('accepts a file within the limit, counting bytes rather than characters', () => {
    expect(check('ab', 2).accepted).toBe(true);
    expect(check('é', 2).accepted).toBe(true);
    const result = check('éé', 3);
    expect(result.accepted).toBe(false);
    expect(result.errors[0].message).toBe('the file is 4 bytes; the limit is 3 bytes; split it into smaller files');
  });

  it('refuses a much larger file without measuring it', () => {
    const result = check('x'.repeat(3 * 1024 * 1024), 1024 * 1024);
    expect(result.errors[0].message).toBe('the file is more than 1.0 MiB; the limit is 1.0 MiB; split it into smaller files');
  });

  it('refuses an empty file, or one holding only blanks and a byte-order mark', () => {
    for (const text of ['', ' \r\n\t', '\uFEFF\n']) {
      expect(check(text, 100)).toEqual({
        accepted: false,
        errors: [{ row: null, path: null, column: null, message: 'the file is empty; expected a header row' }],
      });
    }
  });
});
