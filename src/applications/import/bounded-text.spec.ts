import { describe, it, expect } from 'vitest';
import { checkText } from './bounded-text';

describe('checkText', () => {
  it('trims and keeps inner spacing unless asked to collapse it', () => {
    expect(checkText('  Lab  Tools ', { label: 'name', min: 1, max: 10 })).toEqual({ ok: true, value: 'Lab  Tools' });
    expect(checkText(' Physics \t  Dept ', { label: 'department', min: 1, max: 100, collapseSpaces: true })).toEqual({
      ok: true,
      value: 'Physics Dept',
    });
  });

  it('requires a value when the minimum is 1', () => {
    expect(checkText('   ', { label: 'name', min: 1, max: 200 })).toEqual({ ok: false, message: 'name is required' });
  });

  it('counts characters, not UTF-16 units, against the maximum', () => {
    expect(checkText('😀'.repeat(3), { label: 'name', min: 1, max: 3 }).ok).toBe(true);
    expect(checkText('x'.repeat(201), { label: 'name', min: 1, max: 200 })).toEqual({
      ok: false,
      message: 'name is 201 characters long; at most 200 are allowed',
    });
  });

  it('allows line breaks only in multi-line fields, normalising CRLF', () => {
    expect(checkText('a\nb', { label: 'name', min: 1, max: 10 })).toEqual({ ok: false, message: 'name must be a single line without tabs' });
    expect(checkText('a\r\nb\rc', { label: 'description', min: 1, max: 10, multiline: true })).toEqual({ ok: true, value: 'a\nb\nc' });
  });

  it('refuses control characters', () => {
    expect(checkText('a\u0000b', { label: 'description', min: 1, max: 10, multiline: true })).toEqual({
      ok: false,
      message: 'description contains control characters',
    });
  });
});
