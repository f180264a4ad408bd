import { describe, it, expect } from 'vitest';
import { checkEmailListCell } from './email-list-cell';

describe('checkEmailListCell', () => {
  it('splits on semicolons, trims, lower-cases and drops repeats in first-seen order', () => {
    expect(checkEmailListCell(' Bob@example.edu ;ada@example.edu; bob@EXAMPLE.edu', 'contacts')).toEqual({
      ok: true,
      value: ['bob@example.edu', 'ada@example.edu'],
    });
  });

  it('reads an empty cell as no addresses and ignores empty items', () => {
    expect(checkEmailListCell('  ', 'contacts')).toEqual({ ok: true, value: [] });
    expect(checkEmailListCell('a@example.edu;;\n', 'contacts')).toEqual({ ok: true, value: ['a@example.edu'] });
  });

  it('refuses commas, naming the separator to use', () => {
    expect(checkEmailListCell('a@example.edu, b@example.edu', 'contacts')).toEqual({
      ok: false,
      message: 'contacts must separate addresses with ";", not ","',
    });
  });

  it('names every bad address in the cell', () => {
    const result = checkEmailListCell('nope; a@example.edu; also-bad', 'group_owners');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(/^group_owners: /);
      expect(result.message).toContain('"nope"');
      expect(result.message).toContain('"also-bad"');
    }
  });

  it('enforces a maximum count after removing repeats', () => {
    expect(checkEmailListCell('a@x.edu;b@x.edu;a@x.edu', 'contacts', 2).ok).toBe(true);
    expect(checkEmailListCell('a@x.edu;b@x.edu;c@x.edu', 'contacts', 2)).toEqual({
      ok: false,
      message: 'contacts lists 3 addresses; at most 2 are allowed',
    });
  });
});
