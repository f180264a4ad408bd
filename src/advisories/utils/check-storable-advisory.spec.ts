import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error';
import type { Advisory } from '../../requirements';
import { checkStorableAdvisory } from './check-storable-advisory';

const advisory = (overrides: Partial<Advisory> = {}): Advisory => ({
  id: 'PYPE-1',
  modified: '2024-02-29T23:59:59.123Z',
  published: null,
  withdrawn: null,
  aliases: [],
  summary: null,
  details: null,
  severity: 'LOW',
  cvssScore: null,
  scores: [],
  affected: [{ name: 'widget', ranges: [], versions: ['1.0'] }],
  references: [],
  ...overrides,
});

function osvFieldOf(value: Advisory): unknown {
  try {
    checkStorableAdvisory(value);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).details.osvField;
  }
  return null;
}

describe('checkStorableAdvisory', () => {
  it('accepts real dates (a leap day, offsets, year 1 and 9999)', () => {
    expect(osvFieldOf(advisory())).toBeNull();
    expect(osvFieldOf(advisory({ published: '0001-01-01T00:00:00Z', withdrawn: '9999-12-31T23:59:59+02:00' }))).toBeNull();
  });

  it.each([
    ['2023-02-29T00:00:00Z', 'modified'],
    ['2023-04-31T00:00:00Z', 'modified'],
    ['0000-06-01T00:00:00Z', 'modified'],
    ['2023-01-01T24:00:00Z', 'modified'],
  ])('refuses %s', (time, field) => {
    expect(osvFieldOf(advisory({ modified: time }))).toBe(field);
  });

  it('names the first field with a NUL character', () => {
    expect(osvFieldOf(advisory({ summary: 'a\u0000' }))).toBe('summary');
    expect(osvFieldOf(advisory({ references: [{ type: 'WEB', url: 'https://x/\u0000' }] }))).toBe('references[0].url');
  });

  it('refuses ids and package names longer than 255 characters', () => {
    expect(osvFieldOf(advisory({ id: 'x'.repeat(256) }))).toBe('id');
    expect(osvFieldOf(advisory({ id: 'x'.repeat(255) }))).toBeNull();
    expect(osvFieldOf(advisory({ affected: [{ name: 'n'.repeat(256), ranges: [], versions: [] }] }))).toBe('affected[].package.name');
  });
});
