import { describe, it, expect } from 'vitest';
import { checkSlug, suggestSlug } from './slug';

describe('checkSlug', () => {
  it('accepts lower-case letters, digits and inner hyphens, trimmed', () => {
    expect(checkSlug('my-app-2', 'application')).toEqual({ ok: true, value: 'my-app-2' });
    expect(checkSlug('  a ', 'application')).toEqual({ ok: true, value: 'a' });
    expect(checkSlug('x'.repeat(64), 'application').ok).toBe(true);
  });

  it('requires a value', () => {
    expect(checkSlug('   ', 'group')).toEqual({ ok: false, message: 'group is required' });
  });

  it('says upper case is wrong and suggests the lower-case slug instead of fixing it silently', () => {
    const result = checkSlug('MyApp', 'application');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('upper-case');
      expect(result.message).toContain('did you mean "myapp"?');
    }
  });

  it('names spaces, other characters and several problems at once', () => {
    const result = checkSlug('My App_v2', 'application');
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) {
      expect(result.message).toMatch(/upper-case letters, it has spaces and it has characters other than letters, digits and hyphens \("_"\)/);
      expect(result.message).toContain('"my-app-v2"');
    }
  });

  it('names the length of a slug over 64 characters', () => {
    const result = checkSlug('a'.repeat(65), 'application');
    expect(!result.ok && result.message).toContain('65 characters long');
  });

  it('refuses leading and trailing hyphens', () => {
    expect(!checkSlug('-app', 'application').ok && 'refused').toBe('refused');
    const result = checkSlug('app-', 'application');
    expect(!result.ok && result.message).toContain('starts or ends with a hyphen');
  });
});

describe('suggestSlug', () => {
  it('turns what was typed into a valid slug when it can', () => {
    expect(suggestSlug('Physics: Lab Tools!')).toBe('physics-lab-tools');
    expect(suggestSlug('---')).toBeNull();
    expect(suggestSlug('B'.repeat(70))).toHaveLength(64);
  });
});

describe('checkSlug on hostile input', () => {
  it('answers quickly for a huge value, without echoing it', () => {
    const result = checkSlug('A'.repeat(2_000_000), 'application');
    expect(!result.ok && result.message).toMatch(/^application is 2000000 characters long, not a slug;/);
  });
});
