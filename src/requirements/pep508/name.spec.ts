import { describe, expect, it } from 'vitest';
import { loadPackagingFixture } from '../../../test/fixtures/packaging/load-fixture';
import { canonicalizeName, isNormalizedName, isValidName } from './name';

const fixture = loadPackagingFixture<{ packaging: string; records: [string, string, boolean, boolean][] }>('names');

describe('names against packaging 26.2 (differential fixtures)', () => {
  it(`canonicalises and validates ${fixture.records.length} names like packaging.utils`, () => {
    const mismatches = fixture.records.filter(
      ([name, canonical, valid, normalized]) => canonicalizeName(name) !== canonical || isValidName(name) !== valid || isNormalizedName(name) !== normalized,
    );
    expect(mismatches).toEqual([]);
  });
});

describe('canonicalizeName', () => {
  it('lower-cases and collapses runs of -, _ and . (PEP 503)', () => {
    expect(canonicalizeName('Oslo.Concurrency')).toBe('oslo-concurrency');
    expect(canonicalizeName('A__B..C-_-d')).toBe('a-b-c-d');
  });

  it('validates distribution names', () => {
    expect(isValidName('zope.interface')).toBe(true);
    expect(isValidName('-foo')).toBe(false);
    expect(isValidName('foo bar')).toBe(false);
  });
});
