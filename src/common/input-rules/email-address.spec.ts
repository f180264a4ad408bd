import { describe, it, expect } from 'vitest';
import { checkEmailAddress } from './email-address';

const message = (text: string) => {
  const result = checkEmailAddress(text, 'contact');
  return result.ok ? null : result.message;
};

describe('checkEmailAddress', () => {
  it('accepts an address, trimmed and lower-cased', () => {
    expect(checkEmailAddress('  Ada.Lovelace+py@Example.EDU ', 'contact')).toEqual({ ok: true, value: 'ada.lovelace+py@example.edu' });
    expect(checkEmailAddress("o'brien@mail.physics.example.edu", 'contact').ok).toBe(true);
  });

  it('requires a value', () => {
    expect(message('')).toBe('contact is required');
  });

  it('says what is wrong', () => {
    expect(message('ada.example.edu')).toContain('it has no @');
    expect(message('ada@lab@example.edu')).toContain('more than one @');
    expect(message('ada@localhost')).toContain('has no dot');
    expect(message('ada@exa_mple.edu')).toContain('is not a host name');
    expect(message('ada@10.0.0.1')).toContain('is not a host name');
    expect(message('ada..l@example.edu')).toContain('before @');
    expect(message('.ada@example.edu')).toContain('before @');
    expect(message('ada lovelace@example.edu')).toContain('before @');
    expect(message('adä@example.edu')).toContain('before @');
  });

  it('points out a display name and shows the address to write', () => {
    expect(message('Ada Lovelace <ada@example.edu>')).toContain('write only the address ("ada@example.edu")');
  });

  it('enforces the RFC 5321 lengths', () => {
    expect(message(`${'a'.repeat(65)}@example.edu`)).toContain('longer than 64');
    expect(message(`a@${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(62)}.${'e'.repeat(62)}.edu`)).toContain('longer than 254');
    expect(message(`${'a'.repeat(64)}@example.edu`)).toBeNull();
  });
});
