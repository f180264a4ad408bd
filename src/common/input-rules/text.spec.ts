import { describe, it, expect } from 'vitest';
import { checkStorableText, checkText } from './text';

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

  it('refuses control characters, naming NUL as every text check does', () => {
    expect(checkText('a\u0007b', { label: 'description', min: 1, max: 10, multiline: true })).toEqual({
      ok: false,
      message: 'description contains control characters',
    });
    expect(checkText('a\u0000b', { label: 'description', min: 1, max: 10, multiline: true })).toEqual(checkStorableText('a\u0000b', 'description', 10));
  });

  it('refuses half of a surrogate pair', () => {
    expect(checkText('a\ud800b', { label: 'name', min: 1, max: 10 }).ok).toBe(false);
    expect(checkText('a\udc00', { label: 'name', min: 1, max: 10 }).ok).toBe(false);
  });
});

describe('checkStorableText', () => {
  it('accepts any well-formed text without NUL up to the limit, as written', () => {
    expect(checkStorableText(' 😀\u0007\n ', 'note', 5)).toEqual({ ok: true, value: ' 😀\u0007\n ' });
  });

  it('refuses NUL, half characters and too many characters, naming the field', () => {
    expect(checkStorableText('a\u0000', 'note', 5)).toEqual({ ok: false, message: 'note contains a NUL character (\\u0000), which no text may contain' });
    expect(checkStorableText('\udbff', 'note', 5)).toEqual({
      ok: false,
      message: 'note contains half of a UTF-16 surrogate pair; send well-formed Unicode text',
    });
    expect(checkStorableText('😀'.repeat(6), 'note', 5)).toEqual({ ok: false, message: 'note is 6 characters long; at most 5 are allowed' });
    expect(checkStorableText('😀'.repeat(5), 'note', 5).ok).toBe(true);
  });
});
